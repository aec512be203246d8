import Foundation
import Testing
@testable import FHIR

/// Conformance over the official R4 examples and the Synthea bundles (needs NOTEGATE_DATA; skipped otherwise).
@Suite("FHIR JSON conformance (NOTEGATE_DATA)", .enabled(if: SharedData.isAvailable, "NOTEGATE_DATA not set: shared data sets unavailable, suite skipped"))
struct FHIRJSONConformanceTests {
    static let examples = SharedData.files("fhir-r4-examples/json", extension: "json")

    @Test("all 729 official examples parse, round-trip byte-stably and keep every value")
    func officialExamplesRoundTrip() throws {
        #expect(Self.examples.count == 729)
        var failures: [String] = []
        for url in Self.examples {
            let name = url.lastPathComponent
            do {
                let source = try SharedData.bytes(url)
                let tree = try FHIRJSON.parse(source)
                let written = FHIRJSON.serializeBytes(tree)
                let reparsed = try FHIRJSON.parse(written)
                let rewritten = FHIRJSON.serializeBytes(reparsed)
                if written != rewritten { failures.append("\(name): second write differs"); continue }
                if CanonicalTree(tree) != CanonicalTree(reparsed) { failures.append("\(name): values changed"); continue }
                let pretty = FHIRJSON.serializeBytes(tree, pretty: true)
                if CanonicalTree(try FHIRJSON.parse(pretty)) != CanonicalTree(tree) {
                    failures.append("\(name): pretty output differs"); continue
                }
                // An independent parser agrees that nothing was lost or added (number values compared numerically).
                let original = try JSONSerialization.jsonObject(with: Data(source)) as? NSDictionary
                let output = try JSONSerialization.jsonObject(with: Data(written)) as? NSDictionary
                if original != output { failures.append("\(name): JSONSerialization sees a different document") }
            } catch {
                failures.append("\(name): \(error)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures:\n\(failures.prefix(20).joined(separator: "\n"))")
    }

    @Test("decimal text survives exactly")
    func decimalTextSurvives() throws {
        guard let directory = SharedData.directory else { return }
        let manifest = try String(contentsOf: directory.appendingPathComponent("fhir-r4-examples/MANIFEST.csv"), encoding: .utf8)
        let names = manifest.split(whereSeparator: \.isNewline).dropFirst().compactMap { line -> String? in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            return fields.count > 8 && fields[8] == "1" ? String(fields[0]) : nil
        }
        #expect(names.count == 39)
        for name in names {
            let url = directory.appendingPathComponent("fhir-r4-examples/json/\(name).json")
            let source = try SharedData.bytes(url)
            let written = FHIRJSON.serializeBytes(try FHIRJSON.parse(source))
            #expect(NumberLiterals.all(in: source).sorted() == NumberLiterals.all(in: written).sorted(), "\(name)")
        }
    }

    @Test("Synthea bundles round-trip byte-stably")
    func syntheaBundles() throws {
        let bundles = SharedData.files("synthea/dev", extension: "json")
        #expect(bundles.count > 0)
        for url in bundles {
            let source = try SharedData.bytes(url)
            let tree = try FHIRJSON.parse(source)
            let written = FHIRJSON.serializeBytes(tree)
            let reparsed = try FHIRJSON.parse(written)
            #expect(FHIRJSON.serializeBytes(reparsed) == written, "\(url.lastPathComponent)")
            #expect(CanonicalTree(tree) == CanonicalTree(reparsed), "\(url.lastPathComponent)")
            #expect(NumberLiterals.all(in: source).sorted() == NumberLiterals.all(in: written).sorted())
        }
    }
}
