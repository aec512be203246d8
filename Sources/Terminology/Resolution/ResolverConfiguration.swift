/// What the resolver loads and how it ranks.
public struct ResolverConfiguration: Sendable {
    /// Only concepts of these vocabularies are indexed (nil = all). Bounds memory on a full Athena download.
    public var vocabularies: Set<String>?
    /// Only standard concepts of these domains are resolution targets (nil = all).
    public var domains: Set<String>?
    /// Maximum number of candidates returned.
    public var maximumCandidates = 5
    /// Two candidates closer than this make the resolution ambiguous.
    public var ambiguityMargin = 0.03
    /// Candidates below this score are dropped.
    public var minimumScore = 0.45

    public init(vocabularies: Set<String>? = nil, domains: Set<String>? = nil) {
        self.vocabularies = vocabularies
        self.domains = domains
    }

    /// The domains a clinical NER pipeline resolves into.
    public static let clinicalDomains: Set<String> = [
        "Condition", "Drug", "Procedure", "Measurement", "Observation", "Device", "Spec Anatomic Site",
    ]
}
