import Foundation
import Testing
@testable import FHIR

/// Pins the reader's speed paths to the behaviour of the plain ones: byte-keyed member names (short, long and
/// escaped), the duplicate-key bit mask and its overflow stack, the interner (hash collisions, long values),
/// word-wise whitespace skipping and run-wise escape copying.
@Suite("FHIR JSON reader fast paths")
struct FHIRJSONReaderFastPathTests {
    private func parseError(_ text: String) -> FHIRParseError? {
        do {
            _ = try FHIRJSON.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test("member names of every length resolve, including names over 16 bytes and escaped names")
    func memberNames() throws {
        let tree = try FHIRJSON.parse(#"""
            {"resourceType":"Encounter","status":"finished","class":{"code":"AMB"},
             "serviceProvider":{"reference":"Organization/1"},"reasonCode":[{"text":"r"}],
             "hospitalization":{"dischargeDisposition":{"text":"home"}},
             "st\u0061tus\u0042":"kept as unknown"}
            """#)
        #expect(tree.string("status") == "finished")
        #expect(tree.string(path: "serviceProvider.reference") == "Organization/1")
        #expect(tree.string(path: "hospitalization.dischargeDisposition.text") == "home")
        #expect(tree.string("statusB") == "kept as unknown")
        let escaped = try FHIRJSON.parse(#"{"resourceType":"Observation","st\u0061tus":"final","code":{"t\u0065xt":"x"}}"#)
        #expect(escaped.string("status") == "final")
        #expect(escaped.string(path: "code.text") == "x")
        // An escaped known name still counts as that name for duplicates.
        let duplicate = try #require(parseError(#"{"resourceType":"Observation","status":"final","st\u0061tus":"x"}"#))
        #expect(duplicate.code == .duplicateKey)
        #expect(duplicate.message.contains("Duplicate member 'status'"))
    }

    @Test("resourceType is found written plainly, escaped, or after other members; near misses stay unknown")
    func resourceTypeKeys() throws {
        let escaped = try FHIRJSON.parse(#"{"resource\u0054ype":"Patient","active":true}"#)
        #expect(escaped.resourceType == "Patient")
        #expect(escaped.boolean("active") == true)
        let late = try FHIRJSON.parse(#"{"active":true,"resourceType":"Patient","resourceTypeX":"kept"}"#)
        #expect(late.resourceType == "Patient")
        #expect(late.string("resourceTypeX") == "kept")
        #expect(late.first("resourceType") == nil)
        let duplicate = try #require(parseError(#"{"resourceType":"Patient","resourceType":"Patient"}"#))
        #expect(duplicate.code == .duplicateKey)
        #expect(duplicate.column == 27)
        #expect(duplicate.message == "Duplicate member 'resourceType'")
        let missing = try #require(parseError(#"{"resourceTyp":"Patient"}"#))
        #expect(missing.code == .missingResourceType)
    }

    @Test("duplicate keys are found below and above the 64-entry bit mask")
    func duplicatesBeyondTheMask() throws {
        let table = try #require(FHIRDefinitions.r4.type("ElementDefinition")).nameTable
        #expect(table.names.count > 64)
        // Single-valued string elements, so the first occurrence reads cleanly and the second is the error.
        func plainString(_ entry: Int) -> Bool {
            table.members[entry].shape == .string && !table.members[entry].isArray && table.members[entry].isPlain
        }
        let low = try #require(table.names.indices.first { $0 < 64 && plainString($0) })
        let high = try #require(table.names.indices.first { $0 >= 64 && plainString($0) })
        for entry in [low, high] {
            let name = table.names[entry]
            let prefix = #"{"resourceType":"StructureDefinition","differential":{"element":[{""#
            let text = prefix + name + #"":"a",""# + name + #"":"b"}]}}"#
            let error = try #require(parseError(text), "duplicate '\(name)' accepted")
            #expect(error.code == .duplicateKey)
            #expect(error.line == 1)
            // The column of the second key's opening quote.
            #expect(error.column == prefix.count + name.count + 7)
            #expect(error.path == "StructureDefinition.differential.element[0]")
            #expect(error.message == "Duplicate member '\(name)'")
        }
        // The same names in sibling objects are not duplicates.
        let name = table.names[high]
        let siblings = #"{"resourceType":"StructureDefinition","differential":{"element":[{""# + name
            + #"":"a"},{""# + name + #"":"b"}]}}"#
        let tree = try FHIRJSON.parse(siblings)
        #expect(tree.all(path: "differential.element").compactMap { $0.string(name) } == ["a", "b"])
    }

    @Test("interned values: repeats share text, values differing only where the hash does not look stay apart")
    func interner() throws {
        // 40-byte values equal except at byte 12, which the interner's hash (head, middle and last 16 bytes) skips.
        let first = "http://example.org/aaaaXaaaaaaaaaaaaaaaa"
        let second = "http://example.org/aaaaYaaaaaaaaaaaaaaaa"
        #expect(first.utf8.count == 40 && second.utf8.count == 40)
        var codings: [String] = []
        for index in 0..<300 {
            codings.append(#"{"system":"\#(index % 2 == 0 ? first : second)","code":"c\#(index)"}"#)
        }
        let long = String(repeating: "z", count: 300)
        let text = #"{"resourceType":"Observation","status":"final","code":{"coding":["#
            + codings.joined(separator: ",") + #"],"text":"\#(long)"}}"#
        let tree = try FHIRJSON.parse(text)
        let systems = tree.all(path: "code.coding").map { $0.string("system") }
        #expect(systems.count == 300)
        for (index, system) in systems.enumerated() {
            #expect(system == (index % 2 == 0 ? first : second))
        }
        #expect(tree.string(path: "code.text") == long)
        // More distinct long values than the interner's first table holds (growth and rehash).
        let many = (0..<2_000).map { #"{"system":"http://example.org/system/number/\#($0)","code":"c"}"# }
        let grown = try FHIRJSON.parse(
            #"{"resourceType":"Observation","status":"final","code":{"coding":["# + many.joined(separator: ",") + "]}}")
        #expect(grown.all(path: "code.coding").map { $0.string("system") ?? "" }
            == (0..<2_000).map { "http://example.org/system/number/\($0)" })
    }

    @Test("any JSON whitespace between tokens gives the same tree and exact error columns")
    func whitespace() throws {
        let compact = #"{"resourceType":"Patient","active":true,"name":[{"family":"X","given":["A","B"]}]}"#
        let spaced = "{\r\n\t\"resourceType\" :\t\"Patient\" ,\n" + String(repeating: " ", count: 19) + "\"active\": true,\n"
            + String(repeating: " ", count: 8) + "\"name\"  :  [ {\"family\":\"X\" , \"given\" : [ \"A\" ,\t\"B\" ] } ]"
            + String(repeating: " ", count: 17) + "\n}" + String(repeating: " ", count: 9)
        #expect(try FHIRJSON.parse(spaced) == FHIRJSON.parse(compact))
        let bad = "{\n  \"resourceType\": \"Patient\",\n" + String(repeating: " ", count: 21) + "\"active\": yes\n}"
        let error = try #require(parseError(bad))
        #expect(error.code == .syntax)
        #expect(error.line == 3)
        #expect(error.column == 32)
        #expect(error.path == "Patient.active")
    }

    @Test("escaped strings decode runs, escapes and multi-byte characters; control characters are still refused")
    func escapes() throws {
        let tree = try FHIRJSON.parse(
            #"{"resourceType":"Basic","code":{"text":"line one\nline \"two\"\t– Zoë \u00e9\ud83d\ude00 end of a long run of plain text"}}"#)
        #expect(tree.string(path: "code.text") == "line one\nline \"two\"\t– Zoë é😀 end of a long run of plain text")
        let raw = "{\"resourceType\":\"Basic\",\"code\":{\"text\":\"a\\nplain run then a tab\t\"}}"
        let error = try #require(parseError(raw))
        #expect(error.code == .syntax)
        #expect(error.column == 64)
        #expect(error.message == "Control character 0x9 in a string must be escaped")
    }
}
