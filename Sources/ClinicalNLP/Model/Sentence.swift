/// A sentence (or a list item / header line, which clinical notes use as sentences).
public struct Sentence: Sendable, Hashable {
    /// `[start, end)` in Unicode scalars of the original text, trimmed of surrounding whitespace.
    public var range: Range<Int>
    /// Indices into `AnalyzedText.tokens`.
    public var tokenRange: Range<Int>

    public init(range: Range<Int>, tokenRange: Range<Int>) {
        self.range = range
        self.tokenRange = tokenRange
    }
}
