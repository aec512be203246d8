/// What the gateway asks the resolver for one mention.
public struct ResolutionQuery: Sendable, Hashable {
    /// The mention text (abbreviations already expanded by the NLP layer when it could).
    public var text: String
    /// OMOP domain ids compatible with the mention's NER label (e.g. `["Condition", "Observation"]`); empty = any.
    public var domains: Set<String>
    /// The mention carries a drug strength (`500 mg`): prefer Clinical Drug over Ingredient.
    public var hasStrength: Bool
    /// The mention carries a dose form (`tablet`): prefer Clinical Drug / Clinical Drug Form.
    public var hasForm: Bool

    public init(text: String, domains: Set<String> = [], hasStrength: Bool = false, hasForm: Bool = false) {
        self.text = text
        self.domains = domains
        self.hasStrength = hasStrength
        self.hasForm = hasForm
    }
}

/// How a candidate was found, from strongest to weakest.
public enum MatchKind: String, Sendable, Hashable, Codable {
    /// The concept name, ignoring case and punctuation.
    case exact
    /// A synonym of the concept, ignoring case and punctuation.
    case synonym
    /// Same words after normalisation (word order, plurals, stop words, spelling variants, roman numerals).
    case normalized
    /// Same words after correcting misspelt words (edit distance 1, or 2 for long words).
    case approximate
    /// The mention's words are a subset of the name's or overlap it strongly.
    case partial
}

/// One ranked candidate: a standard concept, and the concept whose name matched when that was another one (a
/// non-standard concept reached through `Maps to`).
public struct RankedCandidate: Sendable, Hashable {
    /// The standard concept to code the mention with.
    public var concept: Concept
    /// The concept whose name or synonym matched, when it is not `concept` itself.
    public var matched: Concept?
    /// The matched name or synonym text.
    public var matchedText: String
    /// 0...1; 1 is an exact name match.
    public var score: Double
    public var matchKind: MatchKind
}

public struct Resolution: Sendable, Hashable {
    /// Best first, one entry per standard concept.
    public var candidates: [RankedCandidate]
    /// True when the top candidates score too close to pick one with confidence (send to review).
    public var ambiguous: Bool

    public var best: RankedCandidate? { candidates.first }

    public static let empty = Resolution(candidates: [], ambiguous: false)
}
