/// A note after normalization, tokenizing, sectioning, sentence splitting and dictionary matching, as
/// `ClinicalPipeline.annotate` uses it: `AnalyzedText` without the public `[Token]` (whose two Strings per token
/// were a fifth of `annotate`'s instructions; see `TokenTable`).
struct NoteAnalysis {
    /// The original note text as Unicode scalars; ranges are offsets into it.
    let scalars: [Unicode.Scalar]
    let table: TokenTable
    let sentences: [Sentence]
    let sections: [Section]
    private(set) var dictionaryMatches: [Mention]

    /// The matches, leaving this analysis without them (the caller then owns the only reference and can append
    /// without a copy).
    mutating func takeDictionaryMatches() -> [Mention] {
        var matches = [Mention]()
        swap(&matches, &dictionaryMatches)
        return matches
    }
}
