/// One term of a lexicon: how it is written and what it means.
public struct LexiconEntry: Sendable, Hashable {
    /// The term as given (`Essential hypertension (disorder)`, `HTN`, `metformin 500 MG Oral Tablet`).
    public var term: String
    public var label: EntityLabel
    /// Caller's key for what the term means: an OMOP concept id, a CUI, an expansion key; nil if unknown.
    public var conceptKey: String?
    /// Where the term came from ("omop", "abbreviation", "user", ...); copied into `Mention.source`.
    public var source: String
    /// Text the terminology layer should resolve (an abbreviation's expansion); nil means the matched text.
    public var preferredText: String?
    /// The surface form has several senses and needs context (see `AbbreviationLexicon`).
    public var ambiguous: Bool

    public init(term: String, label: EntityLabel, conceptKey: String? = nil, source: String,
                preferredText: String? = nil, ambiguous: Bool = false) {
        self.term = term
        self.label = label
        self.conceptKey = conceptKey
        self.source = source
        self.preferredText = preferredText
        self.ambiguous = ambiguous
    }
}
