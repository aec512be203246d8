import FHIR
import Foundation
import Testing
@testable import Gateway

/// Every example in `examples/input`, JSON and XML in, JSON and XML out, against the expected outputs the CLI
/// generated (`examples/regenerate.sh`), through the library.
@Suite struct ExamplesEndToEndTests {
    static let names = ["plain-text", "negation-family-history", "html-note", "multi-document", "binary-reference", "unsupported-pdf"]

    func run(_ name: String, format: String) async throws -> ExtractionResult {
        let data = try Data(contentsOf: TestPaths.examples.appendingPathComponent("input/\(name).\(format)"))
        return try await TestEngine.get().extract(try .parsed(data), recordedAt: TestPaths.recordedAt)
    }

    @Test(arguments: names)
    func jsonAndXMLInputsGiveTheExpectedBundle(name: String) async throws {
        let expected = try FHIRElement.parsed(Data(contentsOf: TestPaths.examples.appendingPathComponent("expected/\(name).bundle.json")))
        let fromJSON = BundleWriter.bundle(try await run(name, format: "json"))
        let fromXML = BundleWriter.bundle(try await run(name, format: "xml"))
        // Compare through the JSON writer: the same resource has one serialisation, whatever the input format.
        let expectedText = FHIRJSON.serializeString(expected, pretty: true)
        #expect(FHIRJSON.serializeString(fromJSON, pretty: true) == expectedText)
        #expect(FHIRJSON.serializeString(fromXML, pretty: true) == expectedText)
    }

    @Test(arguments: names)
    func noteNLPRowsMatchExpected(name: String) async throws {
        let expected = try String(contentsOf: TestPaths.examples.appendingPathComponent("expected/\(name).note-nlp.tsv"), encoding: .utf8)
        let engine = try TestEngine.get()
        #expect(engine.noteNLPWriter.tsv(try await run(name, format: "xml")) == expected)
    }

    @Test func xmlOutputCarriesTheSameContentAsJSON() async throws {
        let result = try await run("plain-text", format: "json")
        let bundle = BundleWriter.bundle(result)
        let xml = FHIRXML.serialize(bundle, pretty: true)
        let expectedXML = try Data(contentsOf: TestPaths.examples.appendingPathComponent("expected/plain-text.bundle.xml"))
        #expect(String(decoding: xml, as: UTF8.self) == String(decoding: expectedXML, as: UTF8.self).trimmingCharacters(in: .newlines) + "\n"
                || xml == expectedXML)
        let reparsed = try FHIRXML.parse(xml)
        #expect(FHIRJSON.serializeString(reparsed) == FHIRJSON.serializeString(bundle))
    }

    @Test func transactionAndNDJSONMatchExpected() async throws {
        let multi = try await run("multi-document", format: "json")
        let transaction = try FHIRElement.parsed(Data(contentsOf: TestPaths.examples.appendingPathComponent("expected/multi-document.transaction.json")))
        #expect(FHIRJSON.serializeString(BundleWriter.bundle(multi, kind: .transaction), pretty: true) == FHIRJSON.serializeString(transaction, pretty: true))
        let plain = try await run("plain-text", format: "xml")
        let ndjson = try Data(contentsOf: TestPaths.examples.appendingPathComponent("expected/plain-text.ndjson"))
        #expect(String(decoding: NDJSONWriter.stream(plain.resources), as: UTF8.self) == String(decoding: ndjson, as: UTF8.self))
    }

    @Test func reprocessingGivesTheSameIDs() async throws {
        let first = try await run("negation-family-history", format: "json")
        let second = try await TestEngine.get().extract(
            try .parsed(Data(contentsOf: TestPaths.examples.appendingPathComponent("input/negation-family-history.xml"))))
        #expect(first.resources.map(\.logicalID) == second.resources.map(\.logicalID))
        #expect(Set(first.resources.compactMap(\.logicalID)).count == first.resources.count)
    }

    @Test func negationAndFamilyHistoryFollowTheAssertionTable() async throws {
        let result = try await run("negation-family-history", format: "json")
        let conditions = result.resources.filter { $0.resourceType == "Condition" }
        func condition(_ text: String) -> FHIRElement? { conditions.first { $0.string(path: "code.text")?.lowercased() == text } }
        let chestPain = try #require(condition("chest pain"))
        #expect(chestPain.string(path: "verificationStatus.coding.code") == "refuted")
        #expect(chestPain.first("clinicalStatus") == nil)
        #expect(condition("asthma")?.string(path: "verificationStatus.coding.code") == "provisional")
        // The father's diabetes is not a Condition of the patient; the hypothetical chest pain is not emitted.
        #expect(condition("type 2 diabetes mellitus") == nil)
        #expect(conditions.filter { $0.string(path: "code.text")?.lowercased() == "chest pain" }.count == 1)
        let document = try #require(result.documents.first)
        let family = document.findings.firstIndex { $0.entity.assertion.experiencer == .family }
        #expect(family.map { document.dispositions[$0] } == .omitted(reason: "family member"))
    }

    @Test func familyMemberHistoryOption() async throws {
        var configuration = GatewayConfiguration()
        configuration.emission.familyHistory = .familyMemberHistory
        let base = try TestEngine.get()
        let emitter = ResourceEmitter(options: configuration.emission, versions: base.versions)
        let result = try await run("negation-family-history", format: "json")
        let document = try #require(result.documents.first)
        let emission = emitter.emit(document.findings, context: document.context, recordedAt: TestPaths.recordedAt)
        let history = emission.resources.filter { $0.resourceType == "FamilyMemberHistory" }
        #expect(history.count == 1)
        #expect(history.first?.string(path: "patient.reference") == "Patient/example-patient")
    }

    @Test func everyEmittedResourceConformsToTheProfilesAndTheStructure() async throws {
        let validator = FHIRValidator()
        for name in Self.names {
            for resource in try await run(name, format: "json").resources {
                #expect(ProfileChecker.check(resource).isEmpty, "\(name): \(ProfileChecker.check(resource))")
                let structural = validator.validate(resource).issues.filter { $0.severity == .error || $0.severity == .fatal }
                #expect(structural.isEmpty, "\(name) \(resource.resourceType ?? ""): \(structural)")
            }
        }
    }
}
