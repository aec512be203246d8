import FHIR
import Foundation

/// Bulk-data style output: one compact JSON resource per line, one stream per resource type
/// (`Condition.ndjson`, `MedicationStatement.ndjson`, ...). References keep the `Type/id` form.
public enum NDJSONWriter {
    /// Lines grouped by resource type, types in first-appearance order.
    public static func files(_ resources: [FHIRElement]) -> [(resourceType: String, content: Data)] {
        var order: [String] = []
        var groups: [String: Data] = [:]
        for resource in resources {
            let type = resource.resourceType ?? resource.name
            if groups[type] == nil { order.append(type); groups[type] = Data() }
            groups[type]!.append(FHIRJSON.serialize(resource, pretty: false))
            groups[type]!.append(0x0A)
        }
        return order.map { ($0, groups[$0]!) }
    }

    /// Every line of every type, grouped by type, as one stream (the CLI's stdout form).
    public static func stream(_ resources: [FHIRElement]) -> Data {
        files(resources).reduce(into: Data()) { $0.append($1.content) }
    }

    /// Writes `<Type>.ndjson` files into `directory` (created if needed); returns the file URLs.
    @discardableResult
    public static func write(_ resources: [FHIRElement], to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try files(resources).map { type, content in
            let url = directory.appendingPathComponent("\(type).ndjson")
            try content.write(to: url, options: .atomic)
            return url
        }
    }
}
