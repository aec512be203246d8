import FHIR
import Foundation

/// A set of documents in both formats, held in memory so the measurements read no files.
struct Corpus {
    let name: String
    let json: [Data]
    let xml: [Data]
    /// Parsed once up front, for the write measurements.
    let trees: [FHIRElement]

    var jsonBytes: Int { json.reduce(0) { $0 + $1.count } }
    var xmlBytes: Int { xml.reduce(0) { $0 + $1.count } }

    /// The Synthea R4 bundles (JSON); their XML is this codec's own pretty output (Synthea publishes no XML).
    static func synthea(_ data: URL) throws -> Corpus {
        let json = try files(data.appendingPathComponent("synthea/dev"), extension: "json")
        let trees = try json.map { try FHIRJSON.parse($0) }
        let xml = trees.map { FHIRXML.serialize($0, pretty: true) }
        return Corpus(name: "Synthea bundles (\(json.count))", json: json, xml: xml, trees: trees)
    }

    /// The 729 official R4 example pairs, each format as published.
    static func examples(_ data: URL) throws -> Corpus {
        let folder = data.appendingPathComponent("fhir-r4-examples")
        let json = try files(folder.appendingPathComponent("json"), extension: "json")
        let xml = try files(folder.appendingPathComponent("xml"), extension: "xml")
        let trees = try json.map { try FHIRJSON.parse($0) }
        return Corpus(name: "R4 examples (\(json.count) pairs)", json: json, xml: xml, trees: trees)
    }

    /// The JSON files of one folder, sorted by name (for the JSON-only profile mode).
    static func jsonFiles(_ folder: URL) throws -> [Data] {
        try files(folder, extension: "json")
    }

    private static func files(_ folder: URL, extension fileExtension: String) throws -> [Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix("." + fileExtension) }.sorted()
        return try names.map { try Data(contentsOf: folder.appendingPathComponent($0)) }
    }
}
