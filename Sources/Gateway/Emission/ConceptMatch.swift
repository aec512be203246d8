import Terminology

/// What a mention resolved to, in the gateway's terms.
public struct ConceptMatch: Sendable, Hashable {
    /// The OMOP standard concept the resource is coded with.
    public var standard: Concept
    /// The concept whose name or code matched when it is not the standard one (a non-standard source concept
    /// mapped by "Maps to", e.g. an ICD-10-CM code); nil when the standard concept matched directly.
    public var source: Concept?
    /// Resolution score in [0, 1].
    public var score: Double
    /// How it matched: `lexicon` (the dictionary entry named the concept), `exact`, `synonym`, `fuzzy`, ...
    public var matchKind: String
    /// Several candidates were too close to call: the resource is tagged for review.
    public var ambiguous: Bool

    public init(standard: Concept, source: Concept? = nil, score: Double, matchKind: String, ambiguous: Bool = false) {
        self.standard = standard
        self.source = source
        self.score = score
        self.matchKind = matchKind
        self.ambiguous = ambiguous
    }
}
