import ClinicalNLP
import FHIR

/// Compact FHIR JSON written straight from the plans, without building the resource trees.
///
/// The `$extract` answer in compact JSON is most of the gateway's work per note when it goes through trees: some
/// sixty nodes per resource allocated, walked by the generic writer (definition lookups per member) and freed.
/// The emitted resources have fixed shapes, so here each is written as its skeleton of member names, with the
/// variable values (ids, offsets, mention text, dates) escaped in place and the recurring sub-trees (meta, the
/// assertion and resolution extensions, codings, status concepts) spliced in as bytes the generic writer rendered
/// once from the very trees the tree path uses (`ElementMemo.json`). Parts that come from the input document
/// (subject, encounter, the document reference) are rendered once per document by the generic writer.
///
/// The output is byte for byte what `FHIRJSON.serialize` writes for the trees of `emit` wrapped by
/// `BundleWriter` (members in definition order, arrays where the definition says so, empty members left out);
/// `CompactJSONRenderingTests` hold the two paths equal over the examples and generated notes. Resource kinds
/// that are rare (FamilyMemberHistory) go through their tree.
extension ResourceEmitter {
    /// What every resource of one document takes from the document, rendered once.
    struct DocumentJSONParts {
        /// `{"extension":[{"url":"reference",…},{"url":"path",…},` — the derivation extension up to the offset.
        var derivationHead: [UInt8]
        var subject: [UInt8]
        var encounter: [UInt8]
        /// The Reference to the document (`derivedFrom`, `Provenance.entity.what`).
        var documentReference: [UInt8]
        var date: String?
        var clinicalDate: String?

        init(_ context: DocumentContext) {
            let reference = context.documentReferenceElement()
            documentReference = FHIRJSON.serializeFragment(reference, type: "Reference")
            derivationHead = Array(#"{"extension":["#.utf8)
            derivationHead += FHIRJSON.serializeFragment(.extension(url: "reference", [reference]), type: "Extension")
            if let path = context.attachmentPath {
                let part = FHIRJSON.serializeFragment(.extension(url: "path", [.string("valueString", path)]), type: "Extension")
                if !part.isEmpty { derivationHead += [UInt8(ascii: ",")] + part }
            }
            subject = context.subject.map { FHIRJSON.serializeFragment($0, type: "Reference") } ?? []
            encounter = context.encounter.map { FHIRJSON.serializeFragment($0, type: "Reference") } ?? []
            date = context.date ?? context.clinicalDate
            clinicalDate = context.clinicalDate
        }
    }

    /// Appends the compact JSON of the resource `plan` describes.
    func appendJSON(_ plan: ResourcePlan, finding: Finding, context: DocumentContext, parts: DocumentJSONParts,
                    to out: inout CompactJSON) {
        switch plan.kind {
        case let .condition(clinicalStatus, verificationStatus, onsetBeforeNote):
            appendBase(.condition, id: plan.id, finding: finding, parts: parts, to: &out)
            if let clinicalStatus {
                out.member("clinicalStatus", raw: codeableConceptJSON(
                    "clinicalStatus", system: "http://terminology.hl7.org/CodeSystem/condition-clinical", code: clinicalStatus))
            }
            out.member("verificationStatus", raw: codeableConceptJSON(
                "verificationStatus", system: "http://terminology.hl7.org/CodeSystem/condition-ver-status", code: verificationStatus))
            let problemList = Self.problemListSections.contains(finding.entity.section)
            out.arrayMember("category", raw: codeableConceptJSON(
                "category", system: "http://terminology.hl7.org/CodeSystem/condition-category",
                code: problemList ? "problem-list-item" : "encounter-diagnosis",
                display: problemList ? "Problem List Item" : "Encounter Diagnosis"))
            appendCode("code", finding, to: &out)
            out.member("subject", raw: parts.subject)
            out.member("encounter", raw: parts.encounter)
            if onsetBeforeNote { out.periodEnd("onsetPeriod", parts.clinicalDate) }
            out.member("recordedDate", string: parts.date)
            out.close()
        case .medicationStatement(let status):
            appendBase(.medicationStatement, id: plan.id, finding: finding, parts: parts, to: &out)
            out.member("status", string: status)
            appendCode("medicationCodeableConcept", finding, to: &out)
            out.member("subject", raw: parts.subject)
            out.member("context", raw: parts.encounter)
            if status == "completed" { out.periodEnd("effectivePeriod", parts.clinicalDate) }
            out.member("dateAsserted", string: parts.date)
            out.arrayMember("derivedFrom", raw: parts.documentReference)
            let attributes = finding.entity.attributes
            if attributes.contains(where: { $0.kind != .statusChange }) {
                // A drug written the same way in many notes (`10 mg PO daily`) has one dosage: rendered once.
                out.arrayMember("dosage", raw: memos.dosages.json(DosageKey(attributes), type: "Dosage") {
                    DosageBuilder.dosage(from: attributes) ?? .complex("dosage", [])
                })
            }
            out.close()
        case .procedure(let status):
            appendBase(.procedure, id: plan.id, finding: finding, parts: parts, to: &out)
            out.member("status", string: status)
            appendCode("code", finding, to: &out)
            out.member("subject", raw: parts.subject)
            out.member("encounter", raw: parts.encounter)
            if status == "completed" {
                if finding.entity.assertion.historical {
                    out.periodEnd("performedPeriod", parts.clinicalDate)
                } else {
                    out.member("performedDateTime", string: parts.clinicalDate)
                }
            }
            out.close()
        case .familyMemberHistory:
            var context = context
            context.preparedReference = context.documentReferenceElement()
            out.raw(FHIRJSON.serializeBytes(resource(plan, finding: finding, context: context)))
        }
    }

    /// `resourceType`, `id`, `meta`, the three extensions and the identifier: `base` in JSON.
    private func appendBase(_ kind: ProfiledKind, id: String, finding: Finding, parts: DocumentJSONParts,
                            to out: inout CompactJSON) {
        out.open()
        out.member("resourceType", string: kind.resourceType)
        out.member("id", string: id)
        out.member("meta", raw: metaJSON(kind, finding: finding))
        out.key("extension")
        out.raw(UInt8(ascii: "["))
        out.raw(parts.derivationHead)
        out.raw(#",{"url":"offset","valueInteger":"#)
        out.integer(finding.entity.range.lowerBound)
        out.raw(#"},{"url":"length","valueInteger":"#)
        out.integer(finding.entity.range.count)
        out.raw(#"}],"url":"#)
        out.string(NoteGateURIs.derivationReference)
        out.raw(UInt8(ascii: "}"))
        out.raw(UInt8(ascii: ","))
        out.raw(assertionExtensionJSON(finding.entity))
        out.raw(UInt8(ascii: ","))
        out.raw(resolutionExtensionJSON(finding))
        out.raw(UInt8(ascii: "]"))
        out.key("identifier")
        out.raw(#"[{"system":"#)
        out.string(NoteGateURIs.identifierSystem)
        out.raw(#","value":"#)
        out.string(id)
        out.raw("}]")
    }

    /// The resource kinds written here, each with NoteGate's profile.
    enum ProfiledKind: Int {
        case condition, medicationStatement, procedure

        var resourceType: String {
            switch self {
            case .condition: "Condition"
            case .medicationStatement: "MedicationStatement"
            case .procedure: "Procedure"
            }
        }

        var profile: String {
            switch self {
            case .condition: NoteGateURIs.conditionProfile
            case .medicationStatement: NoteGateURIs.medicationStatementProfile
            case .procedure: NoteGateURIs.procedureProfile
            }
        }
    }

    /// `meta` as compact JSON: one of twelve renderings (three profiles × the review tags: none, unresolved,
    /// ambiguous, both), kept in a small table indexed by those, not hashed (this is looked up per resource).
    func metaJSON(_ kind: ProfiledKind, finding: Finding) -> [UInt8] {
        let slot = kind.rawValue * 4 + (finding.match == nil ? 1 : 0) + (finding.isAmbiguous ? 2 : 0)
        if let hit = memos.metaRenderings.withLock({ $0[slot] }) { return hit }
        let bytes = FHIRJSON.serializeFragment(meta(profile: kind.profile, review: reviewTags(finding)), type: "Meta")
        memos.metaRenderings.withLock { $0[slot] = bytes }
        return bytes
    }

    /// `code` in JSON: the concept's codings (rendered once per concept pair), then the mention as `text`.
    private func appendCode(_ name: StaticString, _ finding: Finding, to out: inout CompactJSON) {
        out.key(name)
        if let match = finding.match {
            let codings = memos.codings.json(EmitterMemos.CodingsKey(source: match.source, standard: match.standard),
                                             type: "CodeableConcept") {
                var concept = FHIRElement.complex("code", [])
                forEachCoding(of: match) { key, build in concept.append(memos.constants.element(key, build: build)) }
                return concept
            }
            // `{"coding":[…]}` without its closing brace, so the text follows inside the same object.
            if codings.count > 2 {
                out.raw(codings.dropLast())
                out.raw(UInt8(ascii: ","))
                out.raw(#""text":"#)
                out.string(finding.entity.text)
                out.close()
                return
            }
        }
        out.open()
        out.member("text", string: finding.entity.text)
        out.close()
    }

    /// Appends the document's Provenance; `targets` are the ids and types of the resources emitted for it.
    func appendProvenanceJSON(id: String, targets: [(type: String, id: String)], recordedAt: String,
                              parts: DocumentJSONParts, to out: inout CompactJSON) {
        out.open()
        out.member("resourceType", string: "Provenance")
        out.member("id", string: id)
        out.member("meta", raw: FHIRJSON.serializeFragment(provenanceMeta(id: id), type: "Meta"))
        out.key("target")
        out.raw(UInt8(ascii: "["))
        for (index, target) in targets.enumerated() {
            if index > 0 { out.raw(UInt8(ascii: ",")) }
            // Provenance.target points inside the Bundle: `urn:uuid:<id>`, as `BundleWriter` rewrites it.
            out.raw(#"{"reference":"#)
            out.string("urn:uuid:" + target.id)
            out.raw(UInt8(ascii: "}"))
        }
        out.raw(UInt8(ascii: "]"))
        out.member("recorded", string: recordedAt)
        out.member("activity", raw: codeableConceptJSON(
            "activity", system: "http://terminology.hl7.org/CodeSystem/v3-DataOperation", code: "CREATE", display: "create"))
        out.key("agent")
        out.raw(UInt8(ascii: "["))
        out.open()
        out.member("type", raw: codeableConceptJSON(
            "type", system: "http://terminology.hl7.org/CodeSystem/provenance-participant-type", code: "assembler",
            display: "Assembler"))
        out.key("who")
        out.open()
        out.member("display", string: provenanceAgentDisplay)
        out.close()
        out.close()
        out.raw(UInt8(ascii: "]"))
        out.key("entity")
        out.raw(#"[{"role":"source""#)
        out.member("what", raw: parts.documentReference)
        out.raw("}]")
        out.close()
    }
}
