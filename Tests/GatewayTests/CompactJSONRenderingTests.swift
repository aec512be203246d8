import ClinicalNLP
import FHIR
import Foundation
import Testing
@testable import Gateway

/// `CollectionBundleJSON` writes the `$extract` answer without trees; it must be byte for byte the tree path
/// (`FHIRJSON.serialize(BundleWriter.bundle(result))`), for every shape the emitter produces.
@Suite struct CompactJSONRenderingTests {
    /// Runs `input` both ways and returns (tree path bytes, plan path bytes).
    func bothPaths(_ input: FHIRElement, engine: GatewayEngine? = nil) async throws -> (trees: [UInt8], plans: [UInt8]) {
        let engine = try engine ?? TestEngine.get()
        let withTrees = try await engine.extract(input, recordedAt: TestPaths.recordedAt)
        let (withoutTrees, json) = try await engine.extractCompactJSONBundle(input, recordedAt: TestPaths.recordedAt)
        #expect(withoutTrees.documents.allSatisfy { $0.resources.isEmpty })
        #expect(withoutTrees.emittedResourceCount == withTrees.resources.count)
        // Rendering a result that has its trees reads only its plans, so it gives the same bytes.
        #expect(CollectionBundleJSON.render(withTrees, emitter: engine.emitter) == json)
        return (FHIRJSON.serializeBytes(BundleWriter.bundle(withTrees)), json)
    }

    /// A Bool, so a failure prints the difference below rather than two byte arrays.
    static func same(_ a: [UInt8], _ b: [UInt8]) -> Bool { a == b }

    static func differenceContext(_ a: [UInt8], _ b: [UInt8]) -> String {
        let index = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        let start = max(0, index - 120)
        return "first difference at byte \(index):\n trees: \(String(decoding: a[start..<min(a.count, index + 120)], as: UTF8.self))\n plans: \(String(decoding: b[start..<min(b.count, index + 120)], as: UTF8.self))"
    }

    @Test(arguments: ExamplesEndToEndTests.names.flatMap { [$0 + ".json", $0 + ".xml"] })
    func everyExampleRendersTheSameBytes(file: String) async throws {
        let input = try FHIRElement.parsed(Data(contentsOf: TestPaths.examples.appendingPathComponent("input/\(file)")))
        let (trees, plans) = try await bothPaths(input)
        #expect(Self.same(trees, plans), "\(Self.differenceContext(trees, plans))")
    }

    /// Notes written to reach every branch: negated, possible, historical and family mentions; a procedure done
    /// in the past; medications with dose, route and frequency and a stopped one; text that needs JSON escaping;
    /// a document with period dates and an encounter, one identified only by an identifier, one without a subject
    /// (an outcome entry), and one whose attachment is not supported.
    static let crafted: FHIRElement = {
        func document(_ id: String?, text: String, subject: Bool = true, extra: [FHIRElement] = []) -> FHIRElement {
            var children: [FHIRElement] = [.string("status", "current")]
            if subject { children.append(.complex("subject", [.string("reference", "Patient/p1"), .string("display", "Pat \"Q\" Example")])) }
            children.append(.string("date", "2025-02-03T04:05:06Z"))
            children.append(contentsOf: extra)
            children.append(.complex("content", [.complex("attachment", [
                .string("contentType", "text/plain; charset=utf-8"),
                .string("data", Data(text.utf8).base64EncodedString()),
            ])]))
            return .resource("DocumentReference", id: id, children)
        }
        let context = FHIRElement.complex("context", [
            .complex("encounter", [.string("reference", "Encounter/e1")]),
            .complex("period", [.string("start", "2025-02-01"), .string("end", "2025-02-02")]),
        ])
        let notes: [FHIRElement] = [
            document("n1", text: """
                CHIEF COMPLAINT: chest pain and "shortness of breath".
                HISTORY OF PRESENT ILLNESS: Patient denies fever. Possible pneumonia. History of appendectomy in 2010.
                Mother had breast cancer. If symptoms worsen consider asthma.
                MEDICATIONS: metformin 500 mg PO BID; lisinopril 10 mg daily; stopped aspirin 81 mg.
                ASSESSMENT: Hypertension. Type 2 diabetes mellitus\twith neuropathy. Colonoscopy was performed.
                """, extra: [context]),
            document(nil, text: "PMH: COPD, CHF, GERD. Meds: albuterol inhaler PRN. s/p cholecystectomy.",
                     extra: [.complex("identifier", [.string("system", "urn:example:notes"), .string("value", "note-2")])]),
            document("n3", text: "Assessment: hypertension, hyperlipidemia.", subject: false),
            .resource("DocumentReference", id: "n4", [
                .string("status", "current"), .complex("subject", [.string("reference", "Patient/p1")]),
                .complex("content", [.complex("attachment", [.string("contentType", "application/pdf"), .string("data", "JVBERi0=")])]),
            ]),
        ]
        return .resource("Bundle", id: "crafted", [.string("type", "collection")] + notes.map { .complex("entry", [.nested("resource", resource: $0)]) })
    }()

    @Test func craftedNotesRenderTheSameBytes() async throws {
        let (trees, plans) = try await bothPaths(Self.crafted)
        #expect(Self.same(trees, plans), "\(Self.differenceContext(trees, plans))")
        let answer = try FHIRJSON.parse(plans)
        let types = answer.all("entry").compactMap { $0.first("resource")?.resourceType }
        #expect(Set(types).isSuperset(of: ["Condition", "MedicationStatement", "Procedure", "Provenance", "OperationOutcome"]))
    }

    /// Hypothetical conditions emitted, and family history as FamilyMemberHistory (through its tree).
    @Test func otherEmissionOptionsRenderTheSameBytes() async throws {
        var configuration = GatewayConfiguration(noteGateVersion: "0.1.0")
        configuration.emission.emitHypotheticalConditions = true
        configuration.emission.familyHistory = .familyMemberHistory
        let engine = try GatewayEngine(configuration: configuration)
        let input = try FHIRElement.parsed(Data(contentsOf: TestPaths.examples.appendingPathComponent("input/negation-family-history.json")))
        let (trees, plans) = try await bothPaths(input, engine: engine)
        #expect(Self.same(trees, plans), "\(Self.differenceContext(trees, plans))")
        let (craftedTrees, craftedPlans) = try await bothPaths(Self.crafted, engine: engine)
        #expect(Self.same(craftedTrees, craftedPlans), "\(Self.differenceContext(craftedTrees, craftedPlans))")
        #expect(String(decoding: plans, as: UTF8.self).contains("\"resourceType\":\"FamilyMemberHistory\""))
    }

    @Test func aBundleWithoutDocumentsHasOnlyItsOutcome() async throws {
        let (trees, plans) = try await bothPaths(.resource("Bundle", id: "empty", [.string("type", "collection")]))
        #expect(Self.same(trees, plans), "\(Self.differenceContext(trees, plans))")
    }

    /// The shared synthetic notes (the benchmark corpus), 50 Bundles of 5.
    @Test(.enabled(if: TestPaths.dataSuitesEnabled, "NOTEGATE_DATA is not set: corpus comparison skipped"))
    func syntheticCorpusRendersTheSameBytes() async throws {
        let data = try #require(TestPaths.data, "NOTEGATE_REQUIRE_DATA=1 but NOTEGATE_DATA is not set")
        let lines = try String(contentsOf: data.appendingPathComponent("synthetic-notes/notes-1000-seed13.jsonl"), encoding: .utf8)
            .split(separator: "\n").prefix(250)
        let texts = try lines.map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(object["text"] as? String)
        }
        for start in stride(from: 0, to: texts.count, by: 5) {
            let entries: [FHIRElement] = texts[start..<min(start + 5, texts.count)].enumerated().map { offset, text in
                .complex("entry", [.nested("resource", resource: .resource("DocumentReference", id: "s\(start + offset)", [
                    .string("status", "current"), .complex("subject", [.string("reference", "Patient/s\(start)")]),
                    .string("date", "2024-06-01"),
                    .complex("content", [.complex("attachment", [
                        .string("contentType", "text/plain"), .string("data", Data(text.utf8).base64EncodedString()),
                    ])]),
                ]))])
            }
            let (trees, plans) = try await bothPaths(.resource("Bundle", id: "b\(start)", [.string("type", "collection")] + entries))
            #expect(Self.same(trees, plans), "bundle \(start / 5): \(Self.differenceContext(trees, plans))")
        }
    }
}
