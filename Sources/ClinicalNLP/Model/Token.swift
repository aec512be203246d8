/// One token of a note. Offsets are Unicode-scalar offsets into the ORIGINAL note text, `[start, end)`.
public struct Token: Sendable, Hashable {
    public enum Kind: UInt8, Sendable, Hashable, Codable {
        /// Letters, optionally with digits, inner hyphens, apostrophes or slashes (`T2DM`, `s/p`, `follow-up`).
        case word
        /// Digits with optional decimal point or thousands separators (`500`, `0.5`, `1,000`).
        case number
        /// Dotted abbreviation (`b.i.d.`, `p.o.`, `e.g.`); `normalized` drops the dots.
        case abbreviation
        /// Dates and times (`01/02/2020`, `2020-01-02`, `10:30`).
        case date
        /// Frequency or dosing codes that mix letters and digits with a range (`q4-6h`, `q8h`).
        case code
        /// Sentence and clause punctuation (`.`, `,`, `;`, `:`, `(`, `)`).
        case punctuation
        /// Other symbols (`%`, `+`, `/`, `#`, `*`, `•`).
        case symbol
    }

    /// `[start, end)` in Unicode scalars of the original text.
    public var range: Range<Int>
    /// The token as written in the original text.
    public var text: String
    /// Lower-cased token after text normalization (odd quotes/dashes unified, dots of abbreviations removed).
    public var normalized: String
    public var kind: Kind

    public init(range: Range<Int>, text: String, normalized: String, kind: Kind) {
        self.range = range
        self.text = text
        self.normalized = normalized
        self.kind = kind
    }

    public var isWordLike: Bool { kind == .word || kind == .abbreviation || kind == .code }
}
