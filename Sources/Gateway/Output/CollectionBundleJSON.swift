import FHIR

/// The `collection` Bundle of a run in compact FHIR JSON, written from the resource plans without building the
/// resource trees (see `ResourceEmitter.appendJSON`). Byte for byte `FHIRJSON.serialize(BundleWriter.bundle(result))`
/// for a result whose trees were built by the same emitter; it is how the server answers `$extract` in compact
/// JSON, the gateway's hottest path. Pretty JSON, XML, transactions and NDJSON go through the trees.
public enum CollectionBundleJSON {
    /// Renders `result` (made with or without trees: only its plans are read) with `emitter`, the emitter of the
    /// engine that produced it.
    public static func render(_ result: ExtractionResult, emitter: ResourceEmitter, includeOutcome: Bool = true) -> [UInt8] {
        var documents: [(document: DocumentResult, plans: [ResourcePlan?], provenanceID: String?)] = []
        documents.reserveCapacity(result.documents.count)
        var ids: [String] = ["bundle", BundleWriter.Kind.collection.rawValue]
        for document in result.documents {
            // Results assembled by hand (not by the pipeline) may carry findings without plans.
            let plans = document.plans.count == document.findings.count
                ? document.plans : emitter.plan(document.findings, context: document.context).plans
            var emitted = false
            for plan in plans {
                if let plan { ids.append(plan.id); emitted = true }
            }
            let provenanceID = emitted ? ResourceEmitter.provenanceID(document.context) : nil
            if let provenanceID { ids.append(provenanceID) }
            documents.append((document, plans, provenanceID))
        }
        ids.append(result.recordedAt)

        var out = CompactJSON(capacity: 16_384 * max(1, result.documents.count))
        out.open()
        out.member("resourceType", string: "Bundle")
        out.member("id", string: NameBasedUUID.id(ids))
        out.member("type", string: BundleWriter.Kind.collection.rawValue)
        out.member("timestamp", string: result.recordedAt)
        let outcome = includeOutcome ? result.operationOutcome : nil
        var firstEntry = true
        func beginEntry() {
            if firstEntry {
                out.key("entry")
                out.raw(UInt8(ascii: "["))
                firstEntry = false
            } else {
                out.raw(UInt8(ascii: ","))
            }
        }
        for (document, plans, provenanceID) in documents {
            guard let provenanceID else { continue }
            let parts = ResourceEmitter.DocumentJSONParts(document.context)
            var targets: [(type: String, id: String)] = []
            for index in plans.indices {
                guard let plan = plans[index] else { continue }
                beginEntry()
                entryHead(plan.id, to: &out)
                emitter.appendJSON(plan, finding: document.findings[index], context: document.context, parts: parts, to: &out)
                out.close()
                targets.append((plan.resourceType, plan.id))
            }
            beginEntry()
            entryHead(provenanceID, to: &out)
            emitter.appendProvenanceJSON(id: provenanceID, targets: targets, recordedAt: result.recordedAt, parts: parts, to: &out)
            out.close()
        }
        if let outcome {
            beginEntry()
            out.raw(#"{"resource":"#)
            out.raw(FHIRJSON.serializeBytes(outcome.element))
            out.close()
        }
        if !firstEntry { out.raw(UInt8(ascii: "]")) }
        out.close()
        return out.bytes
    }

    /// `{"fullUrl":"urn:uuid:<id>","resource":` — the entry is closed by the caller after the resource.
    private static func entryHead(_ id: String, to out: inout CompactJSON) {
        out.raw(#"{"fullUrl":"#)
        out.string("urn:uuid:" + id)
        out.raw(#","resource":"#)
    }
}
