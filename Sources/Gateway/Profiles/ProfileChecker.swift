import FHIR

/// Checks an emitted resource against the invariants NoteGate's profiles declare (`fhir-profiles/`,
/// `StructureDefinition-notegate-*.json`, keys `ng-*`). A small native implementation of exactly those FHIRPath
/// invariants — NoteGate has no general FHIRPath engine; `ProfileConformanceTests` check that every key declared
/// in the profiles is implemented here and vice versa.
public enum ProfileChecker {
    /// Invariant keys implemented, by profiled resource type.
    public static let implementedKeys: [String: Set<String>] = [
        "Condition": ["ng-1", "ng-2", "ng-3", "ng-4", "ng-5", "ng-6", "ng-cond-1", "ng-cond-2", "ng-cond-3"],
        "MedicationStatement": ["ng-1", "ng-2", "ng-3", "ng-4", "ng-5", "ng-6", "ng-med-1", "ng-med-2"],
        "Procedure": ["ng-1", "ng-2", "ng-3", "ng-4", "ng-5", "ng-6", "ng-proc-1"],
    ]

    /// Violated invariants as error issues (empty when the resource conforms or is not a profiled type).
    public static func check(_ resource: FHIRElement) -> [OperationOutcome.Issue] {
        guard let type = resource.resourceType, implementedKeys[type] != nil else { return [] }
        var issues: [OperationOutcome.Issue] = []
        func fail(_ key: String, _ message: String) {
            issues.append(OperationOutcome.Issue(severity: .error, code: .invariant, diagnostics: "\(key): \(message)",
                                                 expression: [type]))
        }
        let codeName = type == "MedicationStatement" ? "medicationCodeableConcept" : "code"
        let code = resource.first(codeName)
        let derivations = resource.extensions(url: NoteGateURIs.derivationReference)
        if derivations.isEmpty || !derivations.allSatisfy({ d in ["reference", "offset", "length"].allSatisfy { !d.extensions(url: $0).isEmpty } }) {
            fail("ng-1", "derivation-reference with reference, offset and length is required")
        }
        if code?.string("text") == nil { fail("ng-2", "\(codeName).text is required") }
        let omop = code?.all("coding").contains { $0.string("system") == NoteGateURIs.omopSystem && $0.string("version") != nil && $0.string("code") != nil } ?? false
        let tags = resource.all(path: "meta.tag")
        let unresolved = tags.contains { $0.string("system") == NoteGateURIs.reviewTagSystem && $0.string("code") == "unresolved" }
        if !omop && !unresolved { fail("ng-3", "an OMOP coding with version, or the unresolved tag, is required") }
        if !tags.contains(where: { $0.string("system") == NoteGateURIs.pipelineVersionSystem })
            || !tags.contains(where: { $0.string("system") == NoteGateURIs.vocabularyReleaseSystem }) {
            fail("ng-4", "pipeline-version and vocabulary-release tags are required")
        }
        if !resource.all("identifier").contains(where: { $0.string("system") == NoteGateURIs.identifierSystem && $0.string("value") == resource.logicalID }) {
            fail("ng-5", "the NoteGate identifier equal to the id is required")
        }
        if resource.extensions(url: NoteGateURIs.assertionExtension).isEmpty { fail("ng-6", "the nlp-assertion extension is required") }
        switch type {
        case "Condition":
            let verification = resource.all(path: "verificationStatus.coding").filter {
                $0.string("system") == "http://terminology.hl7.org/CodeSystem/condition-ver-status"
            }.compactMap { $0.string("code") }
            if verification.contains("refuted"), resource.first("clinicalStatus") != nil {
                fail("ng-cond-1", "a refuted Condition has no clinicalStatus")
            }
            if verification.isEmpty || !verification.allSatisfy({ ["unconfirmed", "provisional", "refuted"].contains($0) }) {
                fail("ng-cond-2", "verificationStatus must be unconfirmed, provisional or refuted")
            }
            if !resource.all(path: "category.coding").contains(where: { $0.string("system") == "http://terminology.hl7.org/CodeSystem/condition-category" }) {
                fail("ng-cond-3", "a condition-category category is required")
            }
        case "MedicationStatement":
            if resource.first("derivedFrom") == nil { fail("ng-med-1", "derivedFrom is required") }
            if !["active", "completed", "not-taken", "unknown", "intended"].contains(resource.string("status") ?? "") {
                fail("ng-med-2", "status outside the assertion table")
            }
        case "Procedure":
            if !["completed", "not-done", "unknown", "preparation"].contains(resource.string("status") ?? "") {
                fail("ng-proc-1", "status outside the assertion table")
            }
        default:
            break
        }
        return issues
    }
}
