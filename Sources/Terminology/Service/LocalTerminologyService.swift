/// The terminology service over the local OMOP vocabulary store.
///
/// SQLite calls are short indexed reads on the store's reader pool; they run inline (a few microseconds each)
/// rather than hopping to another thread.
public struct LocalTerminologyService: TerminologyService {
    public let store: VocabularyStore

    public init(store: VocabularyStore) {
        self.store = store
    }

    public func vocabularyRelease() async throws -> String { store.release }

    public func lookup(_ request: LookupRequest) async throws -> LookupResult {
        try lookupSynchronously(request)
    }

    public func translate(_ request: TranslateRequest) async throws -> TranslateResult {
        try translateSynchronously(request)
    }

    public func search(_ request: SearchRequest) async throws -> SearchResult {
        SearchResult(hits: try store.search(request))
    }

    /// The concept a (system, code) pair names: an OMOP concept id, or a code of a mapped vocabulary.
    public func concept(system: String, code: String) throws -> Concept {
        if VocabularySystems.isOMOP(system) {
            guard let id = Int(code) else {
                throw TerminologyError(.invalidRequest, "code \(code) is not an OMOP concept_id (an integer)")
            }
            guard let concept = try store.concept(id: id) else {
                throw TerminologyError(.notFound, "OMOP concept \(code) is not in vocabulary release \(store.release)")
            }
            return concept
        }
        guard let vocabularyId = VocabularySystems.vocabularyId(forSystem: system) else {
            throw TerminologyError(.unknownSystem, "code system \(system) is not served by this vocabulary")
        }
        guard let concept = try store.concept(vocabularyId: vocabularyId, code: code) else {
            throw TerminologyError(
                .notFound, "code \(code) is not in \(vocabularyId) (\(system)) of release \(store.release)")
        }
        return concept
    }

    public func lookupSynchronously(_ request: LookupRequest) throws -> LookupResult {
        let concept = try concept(system: request.system, code: request.code)
        let wanted = Set(request.properties)
        func want(_ code: String) -> Bool { wanted.isEmpty || wanted.contains(code) }
        var properties: [ConceptProperty] = []
        func add(_ code: String, _ value: PropertyValue?) {
            if let value, want(code) { properties.append(ConceptProperty(code: code, value: value)) }
        }
        add("concept-id", .integer(concept.conceptId))
        add("source-concept-code", TerminologyCoding.source(concept).map { .coding($0) })
        add("domain-id", .code(concept.domainId))
        add("vocabulary-id", .code(concept.vocabularyId))
        add("concept-class-id", .code(concept.conceptClassId))
        add("standard-concept", concept.standardConcept.map { .code($0) })
        add("inactive", .boolean(!concept.isValid))
        add("valid-start-date", Concept.formattedDate(concept.validStartDate).map { .date($0) })
        add("valid-end-date", Concept.formattedDate(concept.validEndDate).map { .date($0) })
        add("invalid-reason", concept.invalidReason.map { .code($0) })
        if want(RelationshipID.mapsTo) {
            for target in try store.related(to: concept.conceptId, relationshipId: RelationshipID.mapsTo) {
                add(RelationshipID.mapsTo, .coding(.omop(target.concept, release: store.release)))
            }
        }
        let designations = try store.synonyms(of: concept.conceptId).map { Designation(language: nil, value: $0) }
        let name = VocabularySystems.isOMOP(request.system)
            ? "OMOP Standardized Vocabularies" : concept.vocabularyId
        return LookupResult(
            name: name, version: store.release, display: concept.name, designations: designations,
            properties: properties, concept: concept)
    }

    public func translateSynchronously(_ request: TranslateRequest) throws -> TranslateResult {
        let source = try concept(system: request.system, code: request.code)
        let targetSystem = request.targetSystem ?? VocabularySystems.omopSystemURI
        let targetVocabulary: String?
        if VocabularySystems.isOMOP(targetSystem) {
            targetVocabulary = nil
        } else if let vocabulary = VocabularySystems.vocabularyId(forSystem: targetSystem) {
            targetVocabulary = vocabulary
        } else {
            throw TerminologyError(.unknownSystem, "target system \(targetSystem) is not served by this vocabulary")
        }
        var standards = try store.standardConcepts(for: source)
        if let targetVocabulary { standards = standards.filter { $0.vocabularyId == targetVocabulary } }
        guard !standards.isEmpty else {
            let reason = source.isStandard
                ? "is a standard concept outside \(targetSystem)"
                : "has no valid 'Maps to' standard concept\(targetVocabulary.map { " in \($0)" } ?? "")"
            return TranslateResult(
                result: false, message: "\(source.vocabularyId) \(source.conceptCode) \(reason)", matches: [])
        }
        // One `Maps to` target is the same meaning; several split the source into parts, each narrower than it.
        let relationship: MapRelationship = standards.count == 1 ? .equivalent : .sourceIsBroaderThanTarget
        let matches = standards.map { standard in
            let coding: TerminologyCoding = targetVocabulary == nil
                ? .omop(standard, release: store.release)
                : TerminologyCoding(system: targetSystem, code: standard.conceptCode, display: standard.name)
            return TranslationMatch(relationship: relationship, concept: coding, omopConcept: standard)
        }
        return TranslateResult(result: true, matches: matches)
    }
}
