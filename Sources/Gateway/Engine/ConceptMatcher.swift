import ClinicalNLP
import Terminology

/// Resolves entities to OMOP standard concepts: the local `ConceptResolver` restricted to the label's domains,
/// preferring the concept the dictionary entry named (its `conceptKey`), and optionally a remote terminology
/// service for mentions the local vocabulary cannot resolve (only the mention string is sent).
public struct ConceptMatcher: Sendable {
    public let resolver: ConceptResolver
    /// Concept id → the standard concepts it stands for (itself, or its `Maps to` targets), for lexicon keys.
    let standardByKey: [Int: [Concept]]
    let remote: (any TerminologyService)?
    let minimumScore: Double
    let cache: ResolutionCache

    /// `cacheCapacity`: resolver answers kept per generation (see `ResolutionCache`).
    public init(resolver: ConceptResolver, standardByKey: [Int: [Concept]], remote: (any TerminologyService)?, minimumScore: Double,
                cacheCapacity: Int = 50_000) {
        self.resolver = resolver
        self.standardByKey = standardByKey
        self.remote = remote
        self.minimumScore = minimumScore
        self.cache = ResolutionCache(capacity: cacheCapacity)
    }

    /// The local resolver's answer, memoised.
    func resolve(_ query: ResolutionQuery) -> Resolution {
        cache.resolution(for: query) { resolver.resolve(query) }
    }

    /// OMOP domains a label resolves into.
    public static func domains(for label: EntityLabel) -> Set<String> {
        switch label {
        case .problem: ["Condition", "Observation"]
        case .medication: ["Drug"]
        case .procedure: ["Procedure"]
        case .labTest: ["Measurement"]
        }
    }

    public func match(_ entity: Entity) async -> ConceptMatch? {
        let mention = entity.mention
        let domains = Self.domains(for: mention.label)
        let query = ResolutionQuery(
            text: mention.preferredText ?? mention.text, domains: domains,
            hasStrength: entity.attributes.contains { $0.kind == .strength },
            hasForm: entity.attributes.contains { $0.kind == .form })
        let resolution = resolve(query)
        let keyed = mention.conceptKey.flatMap(Int.init).flatMap { standardByKey[$0] }?.filter { domains.contains($0.domainId) } ?? []
        if !keyed.isEmpty {
            // The dictionary named the concept: take the resolver's view of it when it has one (score, source).
            if let candidate = resolution.candidates.first(where: { c in keyed.contains { $0.conceptId == c.concept.conceptId } }) {
                return ConceptMatch(standard: candidate.concept, source: candidate.matched, score: candidate.score,
                                    matchKind: candidate.matchKind.rawValue, ambiguous: keyed.count > 1)
            }
            return ConceptMatch(standard: keyed[0], score: mention.score, matchKind: "lexicon", ambiguous: keyed.count > 1)
        }
        if let best = resolution.best, best.score >= minimumScore {
            return ConceptMatch(standard: best.concept, source: best.matched, score: best.score,
                                matchKind: best.matchKind.rawValue, ambiguous: resolution.ambiguous)
        }
        return await remoteMatch(query)
    }

    func remoteMatch(_ query: ResolutionQuery) async -> ConceptMatch? {
        guard let remote else { return nil }
        guard let result = try? await remote.search(SearchRequest(text: query.text, domains: query.domains, standardOnly: true, count: 2)),
              let best = result.hits.first, let concept = best.concept, concept.isStandard, best.score >= minimumScore else { return nil }
        let ambiguous = result.hits.count > 1 && abs(result.hits[1].score - best.score) < 0.03
        return ConceptMatch(standard: concept, score: best.score, matchKind: "remote", ambiguous: ambiguous)
    }
}

extension ConceptMatcher {
    /// A clinical or branded drug named by a whole medication phrase (`amoxicillin 250 mg / clavulanate 125 mg
    /// oral tablet`), when the resolver finds one by exact name, synonym or normalised words.
    func drugPhraseMatch(_ phrase: String) -> Concept? {
        let resolution = resolve(ResolutionQuery(text: phrase, domains: ["Drug"], hasStrength: true, hasForm: true))
        guard let best = resolution.best, best.score >= 0.9,
              [MatchKind.exact, .synonym, .normalized].contains(best.matchKind),
              best.concept.conceptClassId.contains("Drug"), best.concept.conceptClassId != "Ingredient" else { return nil }
        return best.concept
    }
}
