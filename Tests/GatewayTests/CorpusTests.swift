import FHIR
import Foundation
import Testing
@testable import Gateway

/// Data-driven: the shared Synthea and US Core DocumentReference sets (NOTEGATE_DATA). Skipped, saying so, when
/// the variable is unset; fails when NOTEGATE_REQUIRE_DATA=1 and the data is missing.
@Suite(.enabled(if: TestPaths.dataSuitesEnabled, "NOTEGATE_DATA is not set: Synthea / US Core corpus suites skipped"))
struct CorpusTests {
    func files(_ folder: String) throws -> [URL] {
        let data = try #require(TestPaths.data, "NOTEGATE_REQUIRE_DATA=1 but NOTEGATE_DATA is not set")
        let url = data.appendingPathComponent(folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(!names.isEmpty, "no bundles in \(url.path)")
        return names.map { url.appendingPathComponent($0) }
    }

    /// Every Synthea dev bundle: every note is extracted without error issues and every resource conforms.
    @Test func everySyntheaBundleRunsClean() async throws {
        let engine = try TestEngine.get()
        var notes = 0
        for file in try files("synthea/dev") {
            let result = try await engine.extract(try .parsed(Data(contentsOf: file)), recordedAt: TestPaths.recordedAt)
            #expect(!result.hasErrors, "\(file.lastPathComponent): \(result.issues)")
            notes += result.documents.count
            for resource in result.resources { #expect(ProfileChecker.check(resource).isEmpty) }
        }
        #expect(notes > 0)
    }

    /// US Core examples: the text notes give resources, the others a precise issue each.
    @Test func everyUSCoreExampleGetsResourcesOrAPreciseIssue() async throws {
        let engine = try TestEngine.get()
        let expectedIssue: [String: OperationOutcome.IssueType] = [
            "DocumentReference-scanned-consent-form.json": .notSupported, "documentreference-ccd.json": .notSupported,
            "documentreference-ips.json": .notSupported, "DiagnosticReport-cardiology-report.json": .notSupported,
            "DocumentReference-episode-summary.json": .notFound,
        ]
        for file in try files("fhir-docref-examples/us-core") + files("fhir-docref-examples/us-core-3.0.0") {
            let result = try await engine.extract(try .parsed(Data(contentsOf: file)), recordedAt: TestPaths.recordedAt)
            if let code = expectedIssue[file.lastPathComponent] {
                #expect(result.issues.map(\.code) == [code], "\(file.lastPathComponent): \(result.issues)")
                #expect(result.issues.first?.expression.isEmpty == false)
            } else {
                #expect(!result.hasErrors, "\(file.lastPathComponent): \(result.issues)")
                #expect(result.documents.first?.note != nil)
            }
        }
    }

    /// The concordance evaluator on two bundles (the full dev run is in docs/evaluation-concordance.md).
    @Test func concordanceOnASmallSample() async throws {
        let evaluator = ConcordanceEvaluator(engine: try TestEngine.get())
        var accumulator = ConcordanceEvaluator.Accumulator()
        for file in try files("synthea/dev").prefix(2) {
            try await evaluator.evaluate(bundle: try .parsed(Data(contentsOf: file)), into: &accumulator)
        }
        let report = evaluator.finish(accumulator)
        #expect(report.bundles == 2)
        #expect(report.overall.goldInVocabulary > 0)
        #expect(report.recall >= 0.8)
        #expect(report.precision >= 0.8)
    }
}
