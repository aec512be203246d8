import FHIR

/// The resources of one input, indexed the ways an `Attachment.url` or a `Reference` can name them:
/// by `fullUrl` (absolute URL or `urn:uuid:`), and by relative `Type/id`.
public struct BundleIndex: Sendable {
    public struct Entry: Sendable {
        public let resource: FHIRElement
        public let fullUrl: String?
        /// FHIRPath of the resource in the input, e.g. `Bundle.entry[3].resource`.
        public let path: String
    }

    public private(set) var entries: [Entry] = []
    private var byFullUrl: [String: Int] = [:]
    private var byTypeAndID: [String: Int] = [:]

    public init(root: FHIRElement) {
        let rootType = root.resourceType ?? root.name
        if rootType == "Bundle" {
            for (index, entry) in root.all("entry").enumerated() {
                guard let resource = entry.first("resource") else { continue }
                add(resource, fullUrl: entry.string("fullUrl"), path: "Bundle.entry[\(index)].resource")
            }
        } else {
            add(root, fullUrl: nil, path: rootType)
        }
    }

    private mutating func add(_ resource: FHIRElement, fullUrl: String?, path: String) {
        let index = entries.count
        entries.append(Entry(resource: resource, fullUrl: fullUrl, path: path))
        if let fullUrl, byFullUrl[fullUrl] == nil { byFullUrl[fullUrl] = index }
        if let type = resource.resourceType, let id = resource.logicalID, byTypeAndID["\(type)/\(id)"] == nil {
            byTypeAndID["\(type)/\(id)"] = index
        }
    }

    /// Resolves a literal reference as FHIR's Bundle rules describe: exact `fullUrl` first, then the relative
    /// `Type/id` (with or without a leading `/`, or the tail of an absolute URL ending in `Type/id`).
    public func resolve(_ reference: String) -> Entry? {
        if let index = byFullUrl[reference] { return entries[index] }
        let trimmed = reference.hasPrefix("/") ? String(reference.dropFirst()) : reference
        if let index = byTypeAndID[trimmed] { return entries[index] }
        let parts = trimmed.split(separator: "/")
        if parts.count >= 2 {
            // `.../Type/id` or `.../Type/id/_history/n`
            var tail = Array(parts.suffix(2))
            if parts.count >= 4, parts[parts.count - 2] == "_history" {
                tail = [parts[parts.count - 4], parts[parts.count - 3]]
            }
            if let index = byTypeAndID["\(tail[0])/\(tail[1])"] { return entries[index] }
        }
        return nil
    }

    /// The `Type/id` form of a reference when it resolves to a resource with a logical id, so emitted resources
    /// point at server ids rather than at `urn:uuid:` placeholders that only mean something inside the input.
    public func canonicalReference(_ reference: String) -> String {
        guard reference.hasPrefix("urn:"), let entry = resolve(reference),
              let type = entry.resource.resourceType, let id = entry.resource.logicalID else { return reference }
        return "\(type)/\(id)"
    }
}
