import FHIR

/// Wraps emitted resources in a Bundle.
///
/// - `collection` (default): entries with `fullUrl` `urn:uuid:<id>`; references between emitted resources
///   (Provenance.target) use those fullUrls so they resolve inside the Bundle; the OperationOutcome of the run,
///   when there are issues, is the last entry.
/// - `transaction`: every entry is a conditional create (`POST Type` with `ifNoneExist` on NoteGate's
///   deterministic identifier, or on the id tag for Provenance, which has no identifier), so re-sending the same
///   result never duplicates; fullUrls are `urn:uuid:<id>` so the server rewrites the internal references.
public enum BundleWriter {
    public enum Kind: String, Sendable, CaseIterable { case collection, transaction }

    public static func bundle(_ result: ExtractionResult, kind: Kind = .collection, includeOutcome: Bool = true) -> FHIRElement {
        bundle(resources: result.resources, kind: kind, timestamp: result.recordedAt,
               outcome: includeOutcome && kind == .collection ? result.operationOutcome : nil)
    }

    public static func bundle(resources: [FHIRElement], kind: Kind, timestamp: String?, outcome: OperationOutcome?) -> FHIRElement {
        let local = Set(resources.map { "\($0.resourceType ?? $0.name)/\($0.logicalID ?? "")" })
        let bundleID = NameBasedUUID.id(["bundle", kind.rawValue] + resources.map { $0.logicalID ?? "" } + [timestamp ?? ""])
        var bundle = FHIRElement.resource("Bundle", id: bundleID, [.string("type", kind.rawValue)])
        if let timestamp { bundle.append(.string("timestamp", timestamp)) }
        for resource in resources {
            let type = resource.resourceType ?? resource.name
            let id = resource.logicalID ?? ""
            var entry = FHIRElement.complex("entry", [
                .string("fullUrl", "urn:uuid:\(id)"),
                .nested("resource", resource: ReferenceRewriter.referencingTypes.contains(type)
                    ? ReferenceRewriter.rewrite(resource, local: local) : resource),
            ])
            if kind == .transaction {
                entry.append(.complex("request", [
                    .string("method", "POST"), .string("url", type),
                    .string("ifNoneExist", conditionalCreateQuery(resource)),
                ]))
            }
            bundle.append(entry)
        }
        if let outcome {
            bundle.append(.complex("entry", [.nested("resource", resource: outcome.element)]))
        }
        return bundle
    }

    /// The `ifNoneExist` search of a resource: its NoteGate identifier, else its id tag.
    static func conditionalCreateQuery(_ resource: FHIRElement) -> String {
        let id = resource.logicalID ?? ""
        let hasIdentifier = resource.all("identifier").contains { $0.string("system") == NoteGateURIs.identifierSystem }
        return hasIdentifier ? "identifier=\(NoteGateURIs.identifierSystem)|\(id)" : "_tag=\(NoteGateURIs.identifierSystem)|\(id)"
    }
}

/// Rewrites `Reference.reference` values `Type/id` that name resources of the same output to `urn:uuid:id`.
enum ReferenceRewriter {
    /// The emitted types that can point at other emitted resources: Provenance (`target`). Condition,
    /// MedicationStatement and Procedure point only at the patient, encounter and document, so their trees
    /// are passed through untouched.
    static let referencingTypes: Set<String> = ["Provenance"]

    static func rewrite(_ element: FHIRElement, local: Set<String>) -> FHIRElement {
        guard !local.isEmpty else { return element }
        var copy = element
        copy.children = element.children.map { child in
            if child.name == "reference", let value = child.value?.text, local.contains(value),
               let slash = value.firstIndex(of: "/") {
                return .string("reference", "urn:uuid:" + value[value.index(after: slash)...])
            }
            return child.children.isEmpty ? child : rewrite(child, local: local)
        }
        return copy
    }
}
