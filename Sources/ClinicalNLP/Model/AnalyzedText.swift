/// A note after text normalization, tokenization, sentence splitting and sectioning. All ranges are
/// Unicode-scalar offsets into `text` (the original, un-normalized note).
public struct AnalyzedText: Sendable {
    /// The original note text.
    public let text: String
    /// `text` as Unicode scalars; index `i` is offset `i`.
    public let scalars: [Unicode.Scalar]
    public let tokens: [Token]
    public let sentences: [Sentence]
    public let sections: [Section]
    /// Mentions found by the dictionary matcher (empty if the pipeline has no lexicon).
    public internal(set) var dictionaryMatches: [Mention]
    /// `tokens` as the pipeline's detectors read them.
    let table: TokenTable

    public init(text: String, scalars: [Unicode.Scalar], tokens: [Token], sentences: [Sentence],
                sections: [Section], dictionaryMatches: [Mention] = []) {
        self.text = text
        self.scalars = scalars
        self.tokens = tokens
        self.sentences = sentences
        self.sections = sections
        self.dictionaryMatches = dictionaryMatches
        self.table = TokenTable(tokens)
    }

    /// Text analysed by the pipeline, whose token table is at hand (`tokens` is materialized from it).
    init(text: String, scalars: [Unicode.Scalar], table: TokenTable, sentences: [Sentence], sections: [Section]) {
        self.text = text
        self.scalars = scalars
        self.tokens = table.materialize(original: scalars)
        self.sentences = sentences
        self.sections = sections
        self.dictionaryMatches = []
        self.table = table
    }

    /// The original text of a scalar range.
    public func substring(_ range: Range<Int>) -> String {
        let lower = max(0, min(range.lowerBound, scalars.count))
        let upper = max(lower, min(range.upperBound, scalars.count))
        return ScalarClass.string(scalars[lower..<upper])
    }
}
