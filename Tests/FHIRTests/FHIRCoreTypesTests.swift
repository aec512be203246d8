import Foundation
import Testing
@testable import FHIR

@Suite("Format detection, OperationOutcome, element helpers")
struct FHIRCoreTypesTests {
    @Test("format detection from bytes and media types")
    func formats() {
        #expect(FHIRFormat.detect(Array("  {\"a\":1}".utf8)) == .json)
        #expect(FHIRFormat.detect([0xEF, 0xBB, 0xBF] + Array("<Patient/>".utf8)) == .xml)
        #expect(FHIRFormat.detect(Array("\n\t<?xml version=\"1.0\"?>".utf8)) == .xml)
        #expect(FHIRFormat.detect(Array("hello".utf8)) == nil)
        #expect(FHIRFormat.detect([UInt8]()) == nil)
        #expect(FHIRFormat(mediaType: "application/fhir+json; charset=utf-8") == .json)
        #expect(FHIRFormat(mediaType: "Application/JSON") == .json)
        #expect(FHIRFormat(mediaType: "xml") == .xml)
        #expect(FHIRFormat(mediaType: "text/xml") == .xml)
        #expect(FHIRFormat(mediaType: "text/html") == nil)
    }

    @Test("OperationOutcome round-trips through the tree, line and column as R4 extensions")
    func operationOutcome() throws {
        let outcome = OperationOutcome(issues: [
            .init(severity: .fatal, code: .structure, diagnostics: "bad", expression: ["Patient.name[0]"],
                  location: ["line 2, column 5"], line: 2, column: 5),
            .init(severity: .warning, code: .notSupported, diagnostics: "hmm"),
        ])
        let json = FHIRJSON.serializeString(outcome.element)
        #expect(json == #"{"resourceType":"OperationOutcome","issue":[{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-line","valueInteger":2},{"url":"http://hl7.org/fhir/StructureDefinition/operationoutcome-issue-col","valueInteger":5}],"severity":"fatal","code":"structure","diagnostics":"bad","location":["line 2, column 5"],"expression":["Patient.name[0]"]},{"severity":"warning","code":"not-supported","diagnostics":"hmm"}]}"#)
        #expect(OperationOutcome(try FHIRJSON.parse(json)) == outcome)
        #expect(outcome.hasErrors)
        #expect(!OperationOutcome.allOK().hasErrors)
        #expect(!FHIRValidator().validate(outcome.element).hasErrors)
    }

    @Test("navigation and building helpers")
    func helpers() throws {
        var tree = try FHIRJSON.parse(#"{"resourceType":"Observation","status":"final","code":{"coding":[{"code":"a"},{"code":"b"}]},"valueString":"v"}"#)
        #expect(tree.all(path: "code.coding").count == 2)
        #expect(tree.all(path: "code.coding.code").compactMap { $0.value?.text } == ["a", "b"])
        #expect(tree.choice("value")?.name == "valueString")
        #expect(tree.choice("val") == nil)
        #expect(tree.childNames == ["status", "code", "valueString"])
        tree.set("status", to: .string("status", "amended"))
        tree.set("valueString", to: nil)
        tree.append(.integer("valueInteger", 3))
        #expect(FHIRJSON.serializeString(tree) ==
            #"{"resourceType":"Observation","status":"amended","code":{"coding":[{"code":"a"},{"code":"b"}]},"valueInteger":3}"#)
        let nested = FHIRElement.nested("resource", resource: .resource("Patient", id: "p"))
        #expect(nested.name == "resource" && nested.resourceType == "Patient" && nested.logicalID == "p")
    }

    @Test("FHIRDocument detects the format and reports unknown input")
    func document() throws {
        let (resource, format) = try FHIRDocument.parse(Data(#"{"resourceType":"Basic","code":{"text":"x"}}"#.utf8))
        #expect(format == .json && resource.resourceType == "Basic")
        do {
            _ = try FHIRDocument.parse(Data("hello".utf8))
            Issue.record("accepted non-FHIR input")
        } catch {
            #expect(error.code == .unsupportedFormat)
        }
    }
}
