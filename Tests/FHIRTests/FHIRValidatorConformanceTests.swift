import Foundation
import Testing
@testable import FHIR

/// Every official R4 example is structurally valid (needs NOTEGATE_DATA; skipped otherwise).
@Suite("FHIR validator conformance (NOTEGATE_DATA)", .enabled(if: SharedData.isAvailable, "NOTEGATE_DATA not set: shared data sets unavailable, suite skipped"))
struct FHIRValidatorConformanceTests {
    @Test("all 729 official JSON examples validate clean")
    func officialExamplesValidate() throws {
        let validator = FHIRValidator()
        var failures: [String] = []
        for url in SharedData.files("fhir-r4-examples/json", extension: "json") {
            let outcome = validator.validate(try FHIRJSON.parse(try SharedData.bytes(url)))
            for issue in outcome.issues where issue.severity == .error || issue.severity == .fatal {
                failures.append("\(url.lastPathComponent): \(issue.diagnostics ?? "") at \(issue.expression)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) issues:\n\(failures.prefix(30).joined(separator: "\n"))")
    }

    @Test("all Synthea bundles validate clean")
    func syntheaValidate() throws {
        let validator = FHIRValidator()
        for url in SharedData.files("synthea/dev", extension: "json") {
            let outcome = validator.validate(try FHIRJSON.parse(try SharedData.bytes(url)))
            let errors = outcome.issues.filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(url.lastPathComponent): \(errors.prefix(5).map { "\($0.diagnostics ?? "") \($0.expression)" })")
        }
    }
}
