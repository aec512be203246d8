import ClinicalNLP
import FHIR

/// The per-type builders.
extension ResourceEmitter {
    static let problemListSections: Set<SectionCategory> = [.problemList, .pastMedicalHistory, .pastSurgicalHistory, .diagnoses]

    func condition(_ finding: Finding, id: String, context: DocumentContext, clinicalStatus: String?,
                   verificationStatus: String, onsetBeforeNote: Bool) -> FHIRElement {
        var resource = base("Condition", id: id, profile: NoteGateURIs.conditionProfile, finding: finding, context: context)
        if let clinicalStatus {
            resource.append(codeableConcept("clinicalStatus", system: "http://terminology.hl7.org/CodeSystem/condition-clinical",
                                            code: clinicalStatus))
        }
        resource.append(codeableConcept("verificationStatus", system: "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                                        code: verificationStatus))
        let problemList = Self.problemListSections.contains(finding.entity.section)
        resource.append(codeableConcept("category", system: "http://terminology.hl7.org/CodeSystem/condition-category",
                                        code: problemList ? "problem-list-item" : "encounter-diagnosis",
                                        display: problemList ? "Problem List Item" : "Encounter Diagnosis"))
        resource.append(code("code", finding))
        if let subject = reference("subject", context.subject) { resource.append(subject) }
        if let encounter = reference("encounter", context.encounter) { resource.append(encounter) }
        if onsetBeforeNote, let date = context.clinicalDate {
            resource.append(.complex("onsetPeriod", [.string("end", date)]))
        }
        if let recorded = context.date ?? context.clinicalDate { resource.append(.string("recordedDate", recorded)) }
        return resource
    }

    func familyMemberHistory(_ finding: Finding, id: String, context: DocumentContext) -> FHIRElement {
        var resource = base("FamilyMemberHistory", id: id, profile: nil, finding: finding, context: context)
        resource.append(.string("status", "partial"))
        if let subject = reference("patient", context.subject) { resource.append(subject) }
        if let date = context.date ?? context.clinicalDate { resource.append(.string("date", date)) }
        resource.append(codeableConcept("relationship", system: "http://terminology.hl7.org/CodeSystem/v3-RoleCode",
                                        code: "FAMMEMB", display: "family member"))
        resource.append(.complex("condition", [code("code", finding)]))
        return resource
    }

    func medicationStatement(_ finding: Finding, id: String, context: DocumentContext, status: String) -> FHIRElement {
        var resource = base("MedicationStatement", id: id, profile: NoteGateURIs.medicationStatementProfile, finding: finding, context: context)
        resource.append(.string("status", status))
        resource.append(code("medicationCodeableConcept", finding))
        if let subject = reference("subject", context.subject) { resource.append(subject) }
        if let encounter = reference("context", context.encounter) { resource.append(encounter) }
        if status == "completed", let date = context.clinicalDate {
            resource.append(.complex("effectivePeriod", [.string("end", date)]))
        }
        if let asserted = context.date ?? context.clinicalDate { resource.append(.string("dateAsserted", asserted)) }
        resource.append(context.documentReferenceElement(name: "derivedFrom"))
        if let dosage = DosageBuilder.dosage(from: finding.entity.attributes) { resource.append(dosage) }
        return resource
    }

    func procedure(_ finding: Finding, id: String, context: DocumentContext, status: String) -> FHIRElement {
        var resource = base("Procedure", id: id, profile: NoteGateURIs.procedureProfile, finding: finding, context: context)
        resource.append(.string("status", status))
        resource.append(code("code", finding))
        if let subject = reference("subject", context.subject) { resource.append(subject) }
        if let encounter = reference("encounter", context.encounter) { resource.append(encounter) }
        if status == "completed", let date = context.clinicalDate {
            if finding.entity.assertion.historical {
                resource.append(.complex("performedPeriod", [.string("end", date)]))
            } else {
                resource.append(.string("performedDateTime", date))
            }
        }
        return resource
    }

    func provenance(for resources: [FHIRElement], context: DocumentContext, recordedAt: String) -> FHIRElement {
        let id = Self.provenanceID(context)
        var provenance = FHIRElement.resource("Provenance", id: id, [provenanceMeta(id: id)])
        for resource in resources {
            provenance.append(.complex("target", [.string("reference", "\(resource.resourceType ?? resource.name)/\(resource.logicalID ?? "")")]))
        }
        provenance.append(.string("recorded", recordedAt))
        provenance.append(codeableConcept("activity", system: "http://terminology.hl7.org/CodeSystem/v3-DataOperation",
                                          code: "CREATE", display: "create"))
        provenance.append(.complex("agent", [
            codeableConcept("type", system: "http://terminology.hl7.org/CodeSystem/provenance-participant-type",
                            code: "assembler", display: "Assembler"),
            .complex("who", [.string("display", provenanceAgentDisplay)]),
        ]))
        provenance.append(.complex("entity", [.string("role", "source"), context.documentReferenceElement(name: "what")]))
        return provenance
    }

    static func provenanceID(_ context: DocumentContext) -> String {
        NameBasedUUID.id(context.identity, "provenance")
    }

    func provenanceMeta(id: String) -> FHIRElement {
        var meta = FHIRElement.complex("meta", [])
        meta.append(contentsOf: tags(review: []))
        // Provenance has no identifier element: its deterministic id also goes in a tag, the key of its
        // conditional create.
        meta.append(coding("tag", system: NoteGateURIs.identifierSystem, code: id))
        return meta
    }

    var provenanceAgentDisplay: String {
        "\(versions.systemName) (pipeline \(versions.pipeline), OMOP vocabulary \(versions.vocabularyRelease))"
    }
}
