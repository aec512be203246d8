import ClinicalNLP
import FHIR
import Terminology

/// Turns the findings of one document into FHIR resources: Condition, MedicationStatement, Procedure (and
/// FamilyMemberHistory when configured), plus one Provenance for the document.
///
/// Every resource gets a deterministic id (v5 UUID of document identity, span, concept and resource type), the
/// same value as an identifier (for conditional creates), NoteGate's profile, version tags, the
/// derivation-reference extension and the raw assertion / resolution extensions.
public struct ResourceEmitter: Sendable {
    public var options: EmissionOptions
    public var versions: ProcessingVersions {
        didSet { memos = EmitterMemos() }
    }
    /// Shared constant sub-trees; they depend on `versions` (the tags), so they are replaced when those change.
    private(set) var memos = EmitterMemos()

    public init(options: EmissionOptions, versions: ProcessingVersions) {
        self.options = options
        self.versions = versions
    }

    /// What happened to one finding.
    public enum Disposition: Sendable, Equatable {
        case emitted(resourceType: String, id: String)
        case omitted(reason: String)
    }

    public struct DocumentEmission: Sendable {
        /// Clinical resources in note order, then the Provenance (absent when nothing was emitted). Empty when
        /// only the plans were made (`plan(_:context:)`).
        public var resources: [FHIRElement]
        /// One entry per finding, same order.
        public var dispositions: [Disposition]
        /// One entry per finding, same order: what was (or is to be) emitted for it, nil when it was omitted.
        var plans: [ResourcePlan?]
    }

    public func emit(_ findings: [Finding], context: DocumentContext, recordedAt: String) -> DocumentEmission {
        var emission = plan(findings, context: context)
        var context = context
        context.preparedReference = context.documentReferenceElement()
        emission.resources.reserveCapacity(findings.count + 1)
        for (finding, plan) in zip(findings, emission.plans) {
            if let plan { emission.resources.append(resource(plan, finding: finding, context: context)) }
        }
        if !emission.resources.isEmpty {
            emission.resources.append(provenance(for: emission.resources, context: context, recordedAt: recordedAt))
        }
        return emission
    }

    /// Decides what every finding becomes (types, ids, statuses) without building the resources: what the
    /// compact JSON renderer needs, and the first half of `emit`.
    public func plan(_ findings: [Finding], context: DocumentContext) -> DocumentEmission {
        var dispositions: [Disposition] = []
        var plans: [ResourcePlan?] = []
        dispositions.reserveCapacity(findings.count)
        plans.reserveCapacity(findings.count)
        for finding in findings {
            switch plan(for: finding, context: context) {
            case .success(let plan):
                plans.append(plan)
                dispositions.append(.emitted(resourceType: plan.resourceType, id: plan.id))
            case .failure(let omission):
                plans.append(nil)
                dispositions.append(.omitted(reason: omission.reason))
            }
        }
        return DocumentEmission(resources: [], dispositions: dispositions, plans: plans)
    }

    struct Omission: Error { let reason: String }

    func plan(for finding: Finding, context: DocumentContext) -> Result<ResourcePlan, Omission> {
        func planned(_ kind: ResourcePlan.Kind) -> Result<ResourcePlan, Omission> {
            .success(ResourcePlan(kind: kind, id: Self.resourceID(for: finding, resourceType: kind.resourceType,
                                                                 documentIdentity: context.identity)))
        }
        if finding.match == nil, !options.emitUnresolved { return .failure(Omission(reason: "unresolved")) }
        if context.subject == nil { return .failure(Omission(reason: "the document has no subject")) }
        switch finding.entity.label {
        case .problem:
            // LOINC names observables, panels and instruments, never a patient's problem: NOTE_NLP only.
            if finding.match?.standard.vocabularyId == "LOINC" {
                return .failure(Omission(reason: "LOINC concepts name observations, not problems"))
            }
            switch AssertionPolicy.condition(finding.entity, matchedName: finding.match?.standard.name, options: options) {
            case let .condition(clinical, verification, onsetBeforeNote):
                return planned(.condition(clinicalStatus: clinical, verificationStatus: verification,
                                          onsetBeforeNote: onsetBeforeNote))
            case .familyMemberHistory:
                return planned(.familyMemberHistory)
            case .omitted(let reason):
                return .failure(Omission(reason: reason))
            }
        case .medication:
            switch AssertionPolicy.medicationStatus(finding.entity.assertion) {
            case .status(let status): return planned(.medicationStatement(status: status))
            case .omitted(let reason): return .failure(Omission(reason: reason))
            }
        case .procedure:
            switch AssertionPolicy.procedureStatus(finding.entity.assertion) {
            case .status(let status): return planned(.procedure(status: status))
            case .omitted(let reason): return .failure(Omission(reason: reason))
            }
        case .labTest:
            // A SNOMED procedure that OMOP files under Measurement (`Depression screening`) is an act that was
            // done: emitted as a Procedure. Other tests (LOINC panels and observables) carry no result in the
            // note: NOTE_NLP only.
            guard let match = finding.match, match.standard.vocabularyId == "SNOMED", match.standard.conceptClassId == "Procedure" else {
                return .failure(Omission(reason: "lab test mentions carry no result; they are reported in NOTE_NLP only"))
            }
            switch AssertionPolicy.procedureStatus(finding.entity.assertion) {
            case .status(let status): return planned(.procedure(status: status))
            case .omitted(let reason): return .failure(Omission(reason: reason))
            }
        }
    }

    /// The resource tree of a plan.
    func resource(_ plan: ResourcePlan, finding: Finding, context: DocumentContext) -> FHIRElement {
        switch plan.kind {
        case let .condition(clinical, verification, onsetBeforeNote):
            condition(finding, id: plan.id, context: context, clinicalStatus: clinical, verificationStatus: verification,
                      onsetBeforeNote: onsetBeforeNote)
        case .familyMemberHistory:
            familyMemberHistory(finding, id: plan.id, context: context)
        case .medicationStatement(let status):
            medicationStatement(finding, id: plan.id, context: context, status: status)
        case .procedure(let status):
            procedure(finding, id: plan.id, context: context, status: status)
        }
    }

    /// Deterministic id of the resource emitted for a finding.
    public static func resourceID(for finding: Finding, resourceType: String, documentIdentity: String) -> String {
        // The name `identity ␟ start-end ␟ omop:<concept id> (or text:<mention>) ␟ type`, written straight into
        // the hashed bytes: one id per emitted resource.
        let range = finding.entity.range
        return NameBasedUUID.id(capacity: documentIdentity.utf8.count + 64) { name in
            name.part(documentIdentity)
            name.beginPart()
            name.append(range.lowerBound)
            name.append("-")
            name.append(range.upperBound)
            name.beginPart()
            if let match = finding.match {
                name.append("omop:")
                name.append(match.standard.conceptId)
            } else {
                name.append("text:")
                name.append(finding.entity.text.lowercased())
            }
            name.part(resourceType)
        }
    }

    // MARK: shared parts

    func base(_ type: String, id: String, profile: String?, finding: Finding, context: DocumentContext) -> FHIRElement {
        var resource = FHIRElement.resource(type, id: id, [meta(profile: profile, review: reviewTags(finding))])
        // A resource gets some fifteen members appended one by one: room for them up front, not five regrowths.
        resource.children.reserveCapacity(16)
        resource.append(derivationReference(finding.entity.range, context: context))
        resource.append(assertionExtension(finding.entity))
        resource.append(resolutionExtension(finding))
        if type != "Provenance" {
            resource.append(.complex("identifier", [.string("system", NoteGateURIs.identifierSystem), .string("value", id)]))
        }
        return resource
    }

    /// `meta`: the profile (if any) and the tags, shared by every resource with the same profile and review tags.
    func meta(profile: String?, review: [String]) -> FHIRElement {
        let key = EmitterMemos.ConstantKey(kind: .meta, a: review.joined(separator: " "), b: profile ?? "")
        return memos.constants.element(key) { buildMeta(profile: profile, review: review) }
    }

    private func buildMeta(profile: String?, review: [String]) -> FHIRElement {
        var meta = FHIRElement.complex("meta", [])
        meta.children.reserveCapacity(5)
        if let profile { meta.append(.string("profile", profile)) }
        meta.append(contentsOf: tags(review: review))
        return meta
    }

    func reviewTags(_ finding: Finding) -> [String] {
        var review: [String] = []
        if finding.match == nil { review.append("unresolved") }
        if finding.isAmbiguous { review.append("ambiguous") }
        return review
    }

    func tags(review: [String]) -> [FHIRElement] {
        memos.constants.element(EmitterMemos.ConstantKey(kind: .tags, a: review.joined(separator: " "))) { .complex("meta", buildTags(review: review)) }.children
    }

    private func buildTags(review: [String]) -> [FHIRElement] {
        var tags: [FHIRElement] = [
            coding("tag", system: NoteGateURIs.pipelineVersionSystem, code: versions.pipeline, display: "NoteGate \(versions.noteGate) NLP pipeline"),
            coding("tag", system: NoteGateURIs.vocabularyReleaseSystem, code: versions.vocabularyRelease, display: "OMOP vocabulary release"),
        ]
        for code in review {
            tags.append(coding("tag", system: NoteGateURIs.reviewTagSystem, code: code,
                               display: code == "unresolved" ? "No OMOP standard concept found" : "Ambiguous resolution: review"))
        }
        return tags
    }

    func coding(_ name: String, system: String, code: String, display: String? = nil, version: String? = nil) -> FHIRElement {
        var element = FHIRElement.complex(name, [.string("system", system)])
        if let version { element.append(.string("version", version)) }
        element.append(.string("code", code))
        if let display { element.append(.string("display", display)) }
        return element
    }

    /// A CodeableConcept with one coding. Those NoteGate writes are fixed codes (statuses, categories): memoised.
    func codeableConcept(_ name: String, system: String, code: String, display: String? = nil) -> FHIRElement {
        memos.constants.element(EmitterMemos.ConstantKey(kind: .codeableConcept, a: name, b: system, c: code, d: display ?? "")) {
            .complex(name, [coding("coding", system: system, code: code, display: display)])
        }
    }

    /// `codeableConcept` as compact JSON.
    func codeableConceptJSON(_ name: String, system: String, code: String, display: String? = nil) -> [UInt8] {
        memos.constants.json(EmitterMemos.ConstantKey(kind: .codeableConcept, a: name, b: system, c: code, d: display ?? ""),
                             type: "CodeableConcept") {
            .complex(name, [coding("coding", system: system, code: code, display: display)])
        }
    }

    /// `code`: source coding (the matched non-standard concept), the standard concept's own coding, the OMOP
    /// coding, and the mention as `text`.
    func code(_ name: String, _ finding: Finding) -> FHIRElement {
        var element = FHIRElement.complex(name, [])
        element.children.reserveCapacity(4)
        if let match = finding.match {
            forEachCoding(of: match) { key, build in element.append(memos.constants.element(key, build: build)) }
        }
        element.append(.string("text", finding.entity.text))
        return element
    }

    /// The codings of a resolved concept, each with its memo key: the matched source concept, the standard
    /// concept (when its vocabulary has a FHIR system and it is not the same coding), then the OMOP coding.
    func forEachCoding(of match: ConceptMatch, _ body: (EmitterMemos.ConstantKey, () -> FHIRElement) -> Void) {
        var first: (system: String, code: String)?
        for concept in [match.source, match.standard] {
            guard let concept, let system = VocabularySystems.systemURI(forVocabulary: concept.vocabularyId) else { continue }
            if let first, first.system == system, first.code == concept.conceptCode { continue }
            if first == nil { first = (system, concept.conceptCode) }
            body(EmitterMemos.ConstantKey(kind: .coding, a: system, b: concept.conceptCode, c: concept.name)) {
                coding("coding", system: system, code: concept.conceptCode, display: concept.name)
            }
        }
        let omop = String(match.standard.conceptId)
        body(EmitterMemos.ConstantKey(kind: .omopCoding, a: omop, b: match.standard.name)) {
            coding("coding", system: NoteGateURIs.omopSystem, code: omop, display: match.standard.name,
                   version: versions.vocabularyRelease)
        }
    }

    func derivationReference(_ range: Range<Int>, context: DocumentContext) -> FHIRElement {
        var parts: [FHIRElement] = [.extension(url: "reference", [context.documentReferenceElement()])]
        if let path = context.attachmentPath { parts.append(.extension(url: "path", [.string("valueString", path)])) }
        parts.append(.extension(url: "offset", [.integer("valueInteger", range.lowerBound)]))
        parts.append(.extension(url: "length", [.integer("valueInteger", range.count)]))
        return .extension(url: NoteGateURIs.derivationReference, parts)
    }

    func assertionExtension(_ entity: Entity) -> FHIRElement {
        memos.assertions.element(Self.assertionKey(entity)) { buildAssertionExtension(entity) }
    }

    func assertionExtensionJSON(_ entity: Entity) -> [UInt8] {
        memos.assertions.json(Self.assertionKey(entity), type: "Extension") { buildAssertionExtension(entity) }
    }

    private static func assertionKey(_ entity: Entity) -> EmitterMemos.AssertionKey {
        let a = entity.assertion
        let flags = (a.negated ? 1 : 0) | (a.possible ? 2 : 0) | (a.hypothetical ? 4 : 0) | (a.historical ? 8 : 0) as UInt8
        return EmitterMemos.AssertionKey(flags: flags, experiencer: a.experiencer, section: entity.section)
    }

    private func buildAssertionExtension(_ entity: Entity) -> FHIRElement {
        let a = entity.assertion
        return .extension(url: NoteGateURIs.assertionExtension, [
            .extension(url: "negated", [.boolean("valueBoolean", a.negated)]),
            .extension(url: "possible", [.boolean("valueBoolean", a.possible)]),
            .extension(url: "hypothetical", [.boolean("valueBoolean", a.hypothetical)]),
            .extension(url: "historical", [.boolean("valueBoolean", a.historical)]),
            .extension(url: "experiencer", [.string("valueCode", a.experiencer.rawValue)]),
            .extension(url: "section", [.string("valueCode", entity.section.rawValue)]),
        ])
    }

    func resolutionExtension(_ finding: Finding) -> FHIRElement {
        memos.resolutions.element(Self.resolutionKey(finding)) { buildResolutionExtension(finding) }
    }

    func resolutionExtensionJSON(_ finding: Finding) -> [UInt8] {
        memos.resolutions.json(Self.resolutionKey(finding), type: "Extension") { buildResolutionExtension(finding) }
    }

    private static func resolutionKey(_ finding: Finding) -> EmitterMemos.ResolutionKey {
        let mention = finding.entity.mention
        return EmitterMemos.ResolutionKey(
            score: finding.match?.score, matchKind: finding.match?.matchKind, ambiguous: finding.isAmbiguous,
            mentionSource: mention.source, mentionScore: mention.score, resolvedText: mention.preferredText)
    }

    private func buildResolutionExtension(_ finding: Finding) -> FHIRElement {
        var parts: [FHIRElement] = []
        if let match = finding.match {
            parts.append(.extension(url: "score", [.decimal("valueDecimal", DecimalText.format(match.score))]))
            parts.append(.extension(url: "matchKind", [.string("valueCode", match.matchKind)]))
        }
        parts.append(.extension(url: "ambiguous", [.boolean("valueBoolean", finding.isAmbiguous)]))
        parts.append(.extension(url: "mentionSource", [.string("valueString", finding.entity.mention.source)]))
        parts.append(.extension(url: "mentionScore", [.decimal("valueDecimal", DecimalText.format(finding.entity.mention.score))]))
        if let resolvedText = finding.entity.mention.preferredText {
            parts.append(.extension(url: "resolvedText", [.string("valueString", resolvedText)]))
        }
        return .extension(url: NoteGateURIs.resolutionExtension, parts)
    }

    func reference(_ name: String, _ element: FHIRElement?) -> FHIRElement? {
        element?.named(name)
    }
}
