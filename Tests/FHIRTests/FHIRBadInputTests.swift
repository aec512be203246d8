import Foundation
import Testing
@testable import FHIR

/// The bad-input corpus (`Fixtures/bad-json`): each file must give exactly the OperationOutcome issues listed in
/// `EXPECTED.tsv` (issue code, parse error code, line:column, FHIRPath, diagnostics) and never crash or hang.
@Suite("Bad JSON inputs")
struct FHIRBadInputTests {
    struct Expectation: CustomTestStringConvertible, Sendable {
        let file: String
        let stage: String
        let issueCode: String
        let parseCode: String
        let lineColumn: String
        let expression: String
        let diagnostics: String

        var testDescription: String { file }
    }

    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("bad-json")

    static let expectations: [Expectation] = {
        guard let text = try? String(contentsOf: folder.appendingPathComponent("EXPECTED.tsv"), encoding: .utf8) else {
            return []
        }
        return text.split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Expectation(
                file: fields[0], stage: fields[1], issueCode: fields[2], parseCode: fields[3], lineColumn: fields[4],
                expression: fields[5], diagnostics: fields[6])
        }
    }()

    static var files: [String] {
        Array(Set(expectations.map(\.file))).sorted()
    }

    @Test("the corpus holds at least 40 bad inputs, each with an expectation")
    func corpusSize() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
        #expect(names.count >= 40)
        #expect(Set(names) == Set(Self.files))
    }

    @Test("each bad input gives its precise OperationOutcome", arguments: files)
    func badInput(_ file: String) throws {
        let expected = Self.expectations.filter { $0.file == file }
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(file + ".json"))
        var actual: [Expectation] = []
        do {
            let tree = try FHIRJSON.parse(data)
            let outcome = FHIRValidator().validate(tree)
            #expect(outcome.hasErrors, "\(file) was accepted")
            actual = outcome.issues.map {
                Expectation(
                    file: file, stage: "validate", issueCode: $0.code.rawValue, parseCode: "", lineColumn: "",
                    expression: $0.expression.joined(separator: ","), diagnostics: $0.diagnostics ?? "")
            }
        } catch {
            let outcome = error.operationOutcome
            #expect(outcome.hasErrors)
            #expect(outcome.issues.first?.line == error.line)
            actual = [Expectation(
                file: file, stage: "parse", issueCode: error.code.issueType.rawValue, parseCode: error.code.name,
                lineColumn: error.line.map { "\($0):\(error.column ?? 0)" } ?? "", expression: error.path ?? "",
                diagnostics: error.message)]
        }
        #expect(actual.map(\.stage) == expected.map(\.stage))
        #expect(actual.map(\.issueCode) == expected.map(\.issueCode))
        #expect(actual.map(\.parseCode) == expected.map(\.parseCode))
        #expect(actual.map(\.lineColumn) == expected.map(\.lineColumn))
        #expect(actual.map(\.expression) == expected.map(\.expression))
        #expect(actual.map(\.diagnostics) == expected.map(\.diagnostics))
    }
}
