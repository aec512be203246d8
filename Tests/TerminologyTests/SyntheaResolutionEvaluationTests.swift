import FHIR
import Foundation
import Testing
@testable import Terminology

/// Resolution quality on real coded data: the `display` texts of the coded Condition, Procedure and
/// MedicationRequest resources in the Synthea dev bundles are resolved as if they were mentions, and the result is
/// compared with the OMOP standard concept of the resource's own code (found by `$translate`). Only codes present
/// in the embedded vocabulary count. Reads `$NOTEGATE_DATA/synthea/dev`; skipped without NOTEGATE_DATA (fails
/// when NOTEGATE_REQUIRE_DATA=1). Figures go to docs/evaluation-terminology.md.
@Suite(.enabled(if: SyntheaData.available || SyntheaData.required,
                "needs NOTEGATE_DATA (the shared data folder); skipped when it is not set"))
struct SyntheaResolutionEvaluationTests {

    struct Case: Hashable {
        var resourceType: String
        var system: String
        var code: String
        var display: String
    }

    @Test func displayTextsResolveToTheCodedConcept() async throws {
        let folder = try #require(SyntheaData.folder, "NOTEGATE_DATA is not set")
        #expect(SyntheaData.available, "\(folder) is missing")
        var cases = Set<Case>()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".json") {
            let bundle = try FHIRJSON.parse(Data(contentsOf: URL(fileURLWithPath: (folder as NSString).appendingPathComponent(name))))
            for entry in bundle.all("entry") {
                guard let resource = entry.first("resource"), let type = resource.resourceType,
                    ["Condition", "Procedure", "MedicationRequest"].contains(type),
                    let concept = resource.first("code") ?? resource.first("medicationCodeableConcept")
                else { continue }
                for coding in concept.all("coding") {
                    if let system = coding.string("system"), let code = coding.string("code"),
                        let display = coding.string("display")
                    {
                        cases.insert(Case(resourceType: type, system: system, code: code, display: display))
                    }
                }
            }
        }
        let service = LocalTerminologyService(store: TerminologyFixtures.embeddedStore)
        let resolver = TerminologyFixtures.embeddedResolver
        var evaluated = 0, top1 = 0, top5 = 0, unresolved = 0
        var misses: [String] = []
        for item in cases.sorted(by: { $0.display < $1.display }) {
            guard let translation = try? service.translateSynchronously(TranslateRequest(system: item.system, code: item.code)),
                let expected = translation.matches.first?.omopConcept
            else { continue }
            evaluated += 1
            let domains: Set<String> = switch item.resourceType {
            case "Condition": ["Condition", "Observation"]
            case "Procedure": ["Procedure", "Observation", "Measurement"]
            default: ["Drug"]
            }
            let lower = item.display.lowercased()
            let hasStrength = lower.range(of: #"\d+(\.\d+)? ?(mg|mcg|ml|unt|meq|%)"#, options: .regularExpression) != nil
            let hasForm = ["tablet", "capsule", "solution", "injection", "suspension", "inhaler", "patch", "spray"]
                .contains { lower.contains($0) }
            let resolution = resolver.resolve(ResolutionQuery(
                text: item.display, domains: domains, hasStrength: hasStrength, hasForm: hasForm))
            if resolution.best?.concept.conceptId == expected.conceptId {
                top1 += 1
            } else {
                misses.append("\(item.display) → \(resolution.best?.concept.name ?? "nothing") (expected \(expected.name))")
            }
            if resolution.candidates.contains(where: { $0.concept.conceptId == expected.conceptId }) { top5 += 1 }
            if resolution.best == nil { unresolved += 1 }
        }
        let summary = "synthea display resolution: \(cases.count) distinct codings, \(evaluated) in the embedded "
            + "vocabulary; top-1 \(top1) (\(top1 * 100 / max(evaluated, 1))%), in top-5 \(top5), unresolved \(unresolved)"
        print(summary)
        for miss in misses.prefix(30) { print("  miss: \(miss)") }
        #expect(evaluated >= 50)
        #expect(Double(top1) / Double(max(evaluated, 1)) >= 0.8, "\(summary)")
    }
}

/// Where the shared Synthea bundles are, from NOTEGATE_DATA.
enum SyntheaData {
    static let folder = ProcessInfo.processInfo.environment["NOTEGATE_DATA"].map {
        ($0 as NSString).appendingPathComponent("synthea/dev")
    }
    static var available: Bool { folder.map { FileManager.default.fileExists(atPath: $0) } ?? false }
    static var required: Bool { ProcessInfo.processInfo.environment["NOTEGATE_REQUIRE_DATA"] == "1" }
}
