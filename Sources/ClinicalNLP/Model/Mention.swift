/// A span of the note recognised as a problem, medication, procedure or lab test, before context is applied.
public struct Mention: Sendable, Hashable {
    /// `[start, end)` in Unicode scalars of the original text.
    public var range: Range<Int>
    /// The text as written in the note.
    public var text: String
    public var label: EntityLabel
    /// Key of the lexicon entry that matched (e.g. an OMOP concept id, or nil for learned mentions).
    public var conceptKey: String?
    /// Who found it: "dictionary", "abbreviation", "tagger", a user lexicon name, ...
    public var source: String
    /// 1.0 for exact dictionary matches; similarity for approximate matches; model confidence for the tagger.
    public var score: Double
    /// The term the terminology layer should resolve, when it differs from `text` (the lexicon's preferred
    /// term, or an abbreviation's expansion: `HTN` → `hypertension`).
    public var preferredText: String?
    /// True when the surface form has several clinical senses that context could not settle.
    public var ambiguous: Bool

    public init(range: Range<Int>, text: String, label: EntityLabel, conceptKey: String? = nil,
                source: String, score: Double = 1.0, preferredText: String? = nil, ambiguous: Bool = false) {
        self.range = range
        self.text = text
        self.label = label
        self.conceptKey = conceptKey
        self.source = source
        self.score = score
        self.preferredText = preferredText
        self.ambiguous = ambiguous
    }
}
