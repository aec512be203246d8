/// Accumulates scored name hits into one best candidate per standard concept, applying the domain filter and the
/// concept-class preferences.
struct CandidateCollector {
    let index: ResolverIndex
    let query: ResolutionQuery
    private var best: [Int32: RankedCandidate] = [:]
    /// A hit existed whose standard concepts all lie outside the requested domains.
    private(set) var sawOutOfDomainMatch = false

    init(index: ResolverIndex, query: ResolutionQuery) {
        self.index = index
        self.query = query
    }

    var isEmpty: Bool { best.isEmpty }

    mutating func add(entry: Int32, score: Double, kind: MatchKind) {
        let name = index.names[Int(entry)]
        let source = index.concepts[Int(name.concept)]
        var anyInDomain = false
        for target in index.targets[Int(name.concept)] {
            let concept = index.concepts[Int(target)]
            guard query.domains.isEmpty || query.domains.contains(concept.domainId) else { continue }
            anyInDomain = true
            var adjusted = score + classPreference(concept)
            if target != name.concept { adjusted -= 0.01 }  // reached through `Maps to`
            adjusted = min(1, max(0, adjusted))
            if let existing = best[target], existing.score >= adjusted { continue }
            best[target] = RankedCandidate(
                concept: concept, matched: target == name.concept ? nil : source, matchedText: name.text,
                score: adjusted, matchKind: kind)
        }
        if !anyInDomain, kind != .partial { sawOutOfDomainMatch = true }
    }

    /// Drug mentions: a bare name wants the Ingredient, strength and form want a Clinical Drug.
    private func classPreference(_ concept: Concept) -> Double {
        guard concept.domainId == "Drug" else { return 0 }
        switch (query.hasStrength, query.hasForm, concept.conceptClassId) {
        case (true, true, "Clinical Drug"): return 0.04
        case (true, true, "Quant Clinical Drug"), (true, true, "Branded Drug"): return 0.02
        case (true, true, "Ingredient"): return -0.04
        case (false, true, "Clinical Drug Form"): return 0.03
        case (true, false, "Clinical Drug Comp"): return 0.03
        case (false, false, "Ingredient"): return 0.04
        case (false, false, "Clinical Drug"), (false, false, "Branded Drug"), (false, false, "Quant Clinical Drug"):
            return -0.03
        default: return 0
        }
    }

    func resolution(configuration: ResolverConfiguration) -> Resolution {
        let ranked = best.values
            .filter { $0.score >= configuration.minimumScore }
            .sorted {
                if $0.score != $1.score { return $0.score > $1.score }
                if $0.concept.name.count != $1.concept.name.count { return $0.concept.name.count < $1.concept.name.count }
                return $0.concept.conceptId < $1.concept.conceptId
            }
        let candidates = Array(ranked.prefix(configuration.maximumCandidates))
        let ambiguous = candidates.count >= 2
            && candidates[0].score - candidates[1].score < configuration.ambiguityMargin
        return Resolution(candidates: candidates, ambiguous: ambiguous)
    }
}
