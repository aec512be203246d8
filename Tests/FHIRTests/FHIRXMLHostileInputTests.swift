import Foundation
import Testing
@testable import FHIR

/// Hostile and malformed XML (fixtures in Fixtures/xml/): each must fail with a precise FHIRParseError (code,
/// line, column, FHIRPath) and never read a file, expand entities or hang.
@Suite("FHIR XML hostile and bad inputs")
struct FHIRXMLHostileInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let file: String
        let code: FHIRParseError.Code
        let line: Int
        let column: Int
        let path: String?
        let message: String
        var testDescription: String { file }
    }

    static let cases: [Case] = [
        Case(file: "xxe-external-entity", code: .forbiddenConstruct, line: 2, column: 1, path: nil, message: "DOCTYPE"),
        Case(file: "billion-laughs", code: .forbiddenConstruct, line: 2, column: 1, path: nil, message: "DOCTYPE"),
        Case(file: "external-dtd", code: .forbiddenConstruct, line: 2, column: 1, path: nil, message: "DOCTYPE"),
        Case(file: "parameter-entity", code: .forbiddenConstruct, line: 2, column: 1, path: nil, message: "DOCTYPE"),
        Case(file: "undeclared-entity", code: .forbiddenConstruct, line: 3, column: 21, path: nil,
             message: "Entity 'nbsp' not defined"),
        Case(file: "mismatched-tags", code: .syntax, line: 5, column: 9, path: nil,
             message: "Opening and ending tag mismatch: name"),
        Case(file: "wrong-namespace", code: .xmlNamespace, line: 2, column: 1, path: "Patient",
             message: "found http://hl7.org/fhir/R5"),
        Case(file: "no-namespace", code: .xmlNamespace, line: 1, column: 1, path: "Patient",
             message: "found no namespace"),
        Case(file: "child-wrong-namespace", code: .xmlNamespace, line: 3, column: 3, path: "Patient.active",
             message: "found urn:other"),
        Case(file: "truncated", code: .truncated, line: 5, column: 24, path: nil, message: "the document ends early"),
        Case(file: "invalid-utf8", code: .invalidUTF8, line: 3, column: 21, path: nil, message: "UTF-8"),
        Case(file: "unknown-element", code: .unknownElement, line: 3, column: 3, path: "Patient.nickname",
             message: "unknown element <nickname> in Patient"),
        Case(file: "text-instead-of-value", code: .xmlUnexpectedText, line: 3, column: 3, path: "Patient.gender",
             message: "text content is not allowed in <gender>"),
        Case(file: "unknown-resource-type", code: .unknownResourceType, line: 1, column: 1, path: nil,
             message: "<Patientt> is not an R4 resource type"),
        Case(file: "invalid-boolean", code: .invalidValue, line: 2, column: 3, path: "Patient.active",
             message: "\"yes\" is not a boolean"),
        Case(file: "invalid-decimal", code: .invalidValue, line: 5, column: 5, path: "Observation.valueQuantity.value",
             message: "\"72,5\" is not a valid decimal"),
        Case(file: "integer-with-fraction", code: .invalidValue, line: 2, column: 3,
             path: "Patient.multipleBirthInteger", message: "\"2.0\" is not a valid integer"),
        Case(file: "empty-value", code: .emptyValue, line: 2, column: 3, path: "Patient.gender",
             message: "empty value attribute"),
        Case(file: "empty-complex", code: .emptyValue, line: 2, column: 3, path: "Patient.name[0]",
             message: "<name> is empty"),
        Case(file: "unknown-attribute", code: .xmlUnknownAttribute, line: 2, column: 3, path: "Patient.gender",
             message: "attribute code=\"…\" is not allowed on <gender>"),
        Case(file: "two-resources-in-wrapper", code: .xmlResourceWrapper, line: 4, column: 5,
             path: "Patient.contained[0]", message: "found a second element <Organization>"),
        Case(file: "empty-wrapper", code: .xmlResourceWrapper, line: 4, column: 5, path: "Bundle.entry[0].resource",
             message: "<resource> must hold exactly one resource"),
        Case(file: "narrative-not-xhtml", code: .xmlNamespace, line: 4, column: 5, path: "Patient.text.div",
             message: "the narrative must be <div xmlns=\"http://www.w3.org/1999/xhtml\">"),
        Case(file: "xhtml-outside-narrative", code: .xmlNamespace, line: 2, column: 3, path: "Patient.p",
             message: "XHTML element <p> is only allowed as the narrative div"),
        Case(file: "trailing-content", code: .syntax, line: 4, column: 1, path: nil, message: "Extra content"),
    ]

    static func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/xml/\(name)", withExtension: "xml"))
        return try Data(contentsOf: url)
    }

    @Test("each bad input gives a precise error", arguments: cases)
    func badInputGivesPreciseError(_ expected: Case) throws {
        let document = try Self.fixture(expected.file)
        let started = ContinuousClock.now
        let error = try #require(throws: FHIRParseError.self) { try FHIRXML.parse(document) }
        // A hang guard, not a speed measurement: every case is refused in well under a millisecond in release.
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(error.code == expected.code, "\(error)")
        #expect(error.line == expected.line, "\(error)")
        #expect(error.column == expected.column, "\(error)")
        #expect(error.message.contains(expected.message), "\(error.message)")
        if let path = expected.path { #expect(error.path == path, "\(error)") }
        // The error is an OperationOutcome with the same location.
        let issue = try #require(error.operationOutcome.issues.first)
        #expect(issue.severity == .fatal)
        #expect(issue.code == expected.code.issueType)
        #expect(issue.line == expected.line)
        #expect(issue.column == expected.column)
    }

    @Test("XXE and parameter entities never read the file")
    func externalEntitiesAreNotRead() throws {
        for file in ["xxe-external-entity", "parameter-entity", "external-dtd"] {
            let error = try #require(throws: FHIRParseError.self) { try FHIRXML.parse(try Self.fixture(file)) }
            #expect(!error.description.contains("root:"), "\(file): \(error)")
        }
    }

    @Test("nesting beyond the limit is refused")
    func deepNestingIsRefused() throws {
        var document = "<Questionnaire xmlns=\"http://hl7.org/fhir\"><status value=\"draft\"/>"
        for _ in 0..<200 { document += "<item><linkId value=\"a\"/><type value=\"group\"/>" }
        for _ in 0..<200 { document += "</item>" }
        document += "</Questionnaire>"
        let error = try #require(throws: FHIRParseError.self) { try FHIRXML.parse(document) }
        #expect(error.code == .nestingTooDeep)
        #expect(error.path?.hasPrefix("Questionnaire.item[0].item[0].item[0]") == true)
        // Within the limit the same shape parses (content references: Questionnaire.item.item).
        let shallow = try FHIRXML.parse(document, options: FHIRXMLParseOptions(maxDepth: 256))
        #expect(shallow.all(path: "item.item.item").count == 1)
    }

    @Test("input over the size limit is refused before parsing")
    func oversizedInputIsRefused() throws {
        let document = try Self.fixture("patient-features")
        let error = try #require(throws: FHIRParseError.self) {
            try FHIRXML.parse(document, options: FHIRXMLParseOptions(maxInputBytes: 100))
        }
        #expect(error.code == .inputTooLarge)
    }

    @Test("empty and non-XML input")
    func emptyAndNonXMLInput() throws {
        let empty = try #require(throws: FHIRParseError.self) { try FHIRXML.parse(Data()) }
        #expect(empty.code == .truncated)
        let json = try #require(throws: FHIRParseError.self) { try FHIRXML.parse("{\"resourceType\":\"Patient\"}") }
        #expect(json.code == .syntax)
        #expect(json.line == 1)
    }

    @Test("a bad document does not affect the next one")
    func badDocumentDoesNotSinkTheNext() throws {
        for file in Self.cases.map(\.file) {
            _ = try? FHIRXML.parse(try Self.fixture(file))
            let good = try FHIRXML.parse(try Self.fixture("patient-features"))
            #expect(good.resourceType == "Patient")
        }
    }
}
