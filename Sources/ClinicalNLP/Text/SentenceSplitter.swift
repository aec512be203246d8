/// Sentence splitter for clinical notes. Notes use line structure as much as punctuation, so besides `.`, `!`, `?`
/// it breaks at blank lines, at list items and bullets, and at template line breaks; it does NOT break after
/// abbreviation periods (`Dr.`, `approx.`, `b.i.d.` — the tokenizer already keeps dotted abbreviations whole),
/// decimals, or at a hard-wrapped line whose next line continues in lower case.
///
/// Section headers are passed in as `headers`: a header is never part of a sentence, and a sentence never spans a
/// header (`HPI: Pt denies pain.` gives the sentence `Pt denies pain.`).
public struct SentenceSplitter: Sendable {
    /// Lower-cased tokens after which a period does not end a sentence when the next token is capitalised.
    public let titleAbbreviations: Set<String>
    /// Lower-cased tokens after which a period never ends a sentence unless a line break follows.
    public let abbreviations: Set<String>
    /// The two sets, looked up from token bytes.
    let titleAbbreviationWords: WordSet
    let abbreviationWords: WordSet

    public init(titleAbbreviations: Set<String> = SentenceSplitter.defaultTitleAbbreviations,
                abbreviations: Set<String> = SentenceSplitter.defaultAbbreviations) {
        self.titleAbbreviations = titleAbbreviations
        self.abbreviations = abbreviations
        self.titleAbbreviationWords = WordSet(titleAbbreviations)
        self.abbreviationWords = WordSet(abbreviations)
    }

    public static let defaultTitleAbbreviations: Set<String> = [
        "dr", "mr", "mrs", "ms", "prof", "st", "sr", "jr", "drs",
    ]
    public static let defaultAbbreviations: Set<String> = [
        "approx", "appt", "vs", "etc", "pt", "pts", "hx", "dx", "tx", "rx", "sx", "fx", "no", "fig", "inc", "wk",
        "wks", "yr", "yrs", "mo", "mos", "hr", "hrs", "min", "sec", "cont", "neg", "pos", "abd", "ext", "resp",
        "temp", "amt", "tab", "tabs", "cap", "caps", "susp", "soln", "inj", "oz", "tbsp", "tsp", "dept", "e.g", "i.e",
    ]

    /// Splits `tokens` (of `scalars`, the original text) into sentences. `headers` are section-header ranges.
    public func split(tokens: [Token], scalars: [Unicode.Scalar], headers: [Range<Int>] = []) -> [Sentence] {
        split(table: TokenTable(tokens), scalars: scalars, headers: headers)
    }

    /// `split(tokens:)` on the pipeline's token table.
    func split(table: TokenTable, scalars: [Unicode.Scalar], headers: [Range<Int>]) -> [Sentence] {
        // Raw views: the loops read a token's range and kind in place.
        table.withReader(original: scalars) { split($0, $0.scalars, headers: headers) }
    }

    private func split(_ tokens: TokenTable.Reader, _ scalars: UnsafeBufferPointer<Unicode.Scalar>,
                       headers: [Range<Int>]) -> [Sentence] {
        var sentences = [Sentence]()
        sentences.reserveCapacity(tokens.count / 8 + 1)
        // The current header's bounds (Int.max past the last header), so that a token is tested against two
        // integers instead of an array element; `start` is the running sentence's first token, -1 when none.
        // Plain locals instead of a nested `close` function and an optional: the loop runs once per token.
        var headerIndex = 0
        var headerLower = headers.isEmpty ? Int.max : headers[0].lowerBound
        var headerUpper = headers.isEmpty ? Int.max : headers[0].upperBound
        var start = -1
        let count = tokens.count
        var k = 0
        while k < count {
            let token = tokens[k]
            let lower = token.lowerBound
            // Skip header tokens; a header closes the running sentence.
            while headerUpper <= lower {
                headerIndex += 1
                headerLower = headerIndex < headers.count ? headers[headerIndex].lowerBound : Int.max
                headerUpper = headerIndex < headers.count ? headers[headerIndex].upperBound : Int.max
            }
            if headerLower <= lower && lower < headerUpper {
                if start >= 0 {
                    if k > start { Self.append(start..<k, tokens, to: &sentences) }
                    start = -1
                }
                k += 1
                continue
            }
            if start >= 0, start < k {
                // No gap or one space before a token that cannot be a bullet breaks nothing: decided here, the
                // line-structure test is called for the other tokens only.
                let previousEnd = tokens[k - 1].upperBound
                let plain = token.kind != .symbol
                    && (previousEnd == lower || (previousEnd + 1 == lower && scalars[previousEnd].value == 0x20))
                if !plain, breaksBefore(k, tokens: tokens, scalars: scalars) {
                    Self.append(start..<k, tokens, to: &sentences)
                    start = -1
                }
            }
            if start < 0 {
                // A bullet glyph opens an item but is not part of it.
                if Self.isBullet(tokens, k) { k += 1; continue }
                start = k
            }
            // Only a one-scalar `.`, `!` or `?` can end a sentence (`isTerminal`): tested here, the call is made for
            // few tokens.
            if token.kind == .punctuation, token.length == 1, Self.isTerminalScalar(scalars[lower]),
               endsSentence(k, tokens: tokens, scalars: scalars) {
                Self.append(start..<k + 1, tokens, to: &sentences)
                start = -1
            }
            k += 1
        }
        if start >= 0 && count > start { Self.append(start..<count, tokens, to: &sentences) }
        return sentences
    }

    /// Appends the sentence of the (non-empty) token range `span`.
    @inline(__always)
    private static func append(_ span: Range<Int>, _ tokens: TokenTable.Reader, to sentences: inout [Sentence]) {
        sentences.append(Sentence(range: tokens[span.lowerBound].lowerBound..<tokens[span.upperBound - 1].upperBound,
                                  tokenRange: span))
    }

    /// A bullet glyph. A one-byte ASCII form is a bullet only as `*` or `-` (no ASCII string is canonically
    /// equivalent to the non-ASCII glyphs); other forms keep the String comparison.
    @inline(__always)
    private static func isBullet(_ tokens: TokenTable.Reader, _ k: Int) -> Bool {
        guard tokens.kind(k) == .symbol else { return false }
        let key = tokens.normalizedBytes(k)
        if TokenTable.Reader.isASCII(key) { return key.count == 1 && (key[0] == 0x2A || key[0] == 0x2D) }
        switch tokens.normalized(k) {
        case "•", "◦", "▪", "‣", "∙", "·", "*", "-", "–", "○", "●", "■", "□", "➢", "→": return true
        default: return false
        }
    }

    /// `token.text == character` for a one-scalar ASCII punctuation character, read from the original scalars
    /// (a token's text is exactly `scalars[token.range]`; no other scalar is canonically equivalent to these).
    @inline(__always)
    private static func isText(_ token: CompactToken, _ character: Unicode.Scalar, _ scalars: UnsafeBufferPointer<Unicode.Scalar>) -> Bool {
        token.range.count == 1 && scalars[token.range.lowerBound] == character
    }

    /// Line-structure breaks before token `k`.
    // Out of line: the caller rules out the common case (no gap or one space, no bullet) first.
    @inline(never)
    private func breaksBefore(_ k: Int, tokens: TokenTable.Reader, scalars: UnsafeBufferPointer<Unicode.Scalar>) -> Bool {
        let previousEnd = tokens[k - 1].upperBound, tokenStart = tokens[k].lowerBound
        var newlines = 0
        var position = previousEnd
        while position < tokenStart {
            let v = scalars[position].value
            // Nearly every gap is one space.
            if v == 0x20 { position += 1; continue }
            if v == 0x0A || v == 0x2028 || v == 0x2029 || v == 0x85 { newlines += 1 }
            else if v == 0x0D && !(position + 1 < scalars.count && scalars[position + 1].value == 0x0A) { newlines += 1 }
            position += 1
        }
        let bullet = Self.isBullet(tokens, k)
        if bullet && !tokens.normalizedIs(k, "-") && !tokens.normalizedIs(k, "*") { return true }
        if newlines == 0 { return false }
        if newlines >= 2 { return true }
        // One line break: a list item or a capitalised/numbered line starts a new sentence, unless the previous
        // line ends mid-phrase with a comma/connector and continues in lower case (hard wrap).
        if bullet { return true }
        let previousIsPunctuation = tokens[k - 1].kind == .punctuation
        if previousIsPunctuation && (Self.isText(tokens[k - 1], ":", scalars) || Self.isText(tokens[k - 1], ";", scalars)) {
            return true
        }
        let first = scalars[tokenStart]
        if ScalarClass.isLower(first) { return false }
        if previousIsPunctuation && Self.isText(tokens[k - 1], ",", scalars) { return false }
        return true
    }

    @inline(__always)
    private static func startsLine(_ token: CompactToken, _ scalars: UnsafeBufferPointer<Unicode.Scalar>) -> Bool {
        var p = token.range.lowerBound - 1
        while p >= 0 {
            let v = scalars[p].value
            if v == 0x0A || v == 0x0D { return true }
            if v != 0x20 && v != 0x09 { return false }
            p -= 1
        }
        return true
    }

    @inline(__always)
    private static func isTerminal(_ token: CompactToken, _ scalars: UnsafeBufferPointer<Unicode.Scalar>) -> Bool {
        token.kind == .punctuation && token.length == 1 && isTerminalScalar(scalars[token.lowerBound])
    }

    @inline(__always)
    private static func isTerminalScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "." || scalar == "!" || scalar == "?"
    }

    /// Whether token `k` ends a sentence by punctuation.
    // Out of line: the caller tests the cheap precondition (one-scalar punctuation) first.
    @inline(never)
    private func endsSentence(_ k: Int, tokens: TokenTable.Reader, scalars: UnsafeBufferPointer<Unicode.Scalar>) -> Bool {
        guard Self.isTerminal(tokens[k], scalars) else { return false }
        let tokenRange = tokens[k].range
        let isPeriod = scalars[tokenRange.lowerBound] == "."
        // Repeated terminal punctuation ("!!", "...") closes at the last one.
        if k + 1 < tokens.count, Self.isTerminal(tokens[k + 1], scalars), tokens[k + 1].range.lowerBound == tokenRange.upperBound {
            return false
        }
        guard k + 1 < tokens.count else { return true }
        let nextRange = tokens[k + 1].range
        // Closing quote/paren directly after the period belongs to this sentence; close after it instead.
        if tokens[k + 1].kind == .punctuation && (Self.isText(tokens[k + 1], ")", scalars) || Self.isText(tokens[k + 1], "\"", scalars))
            && nextRange.lowerBound == tokenRange.upperBound {
            return false
        }
        guard isPeriod, k > 0 else { return true }
        let previousRange = tokens[k - 1].range
        let previousKind = tokens[k - 1].kind
        guard previousRange.upperBound == tokenRange.lowerBound else { return true }
        // A list marker at the start of a line ("1. Start ...", "2. Recheck ...").
        if previousKind == .number, Self.startsLine(tokens[k - 1], scalars) { return false }
        var lineBreakFollows = false
        for p in tokenRange.upperBound..<nextRange.lowerBound where scalars[p] == "\n" || scalars[p] == "\r" {
            lineBreakFollows = true
            break
        }
        let nextFirst = scalars[nextRange.lowerBound]
        if previousKind == .word || previousKind == .abbreviation {
            if !lineBreakFollows && titleAbbreviationWords.contains(tokens.normalizedBytes(k - 1)) { return false }
            if !lineBreakFollows && !ScalarClass.isUpper(nextFirst) && abbreviationWords.contains(tokens.normalizedBytes(k - 1)) {
                return false
            }
            // An initial ("J. Smith"), but not a unit after a number ("98.6 F. Referred").
            if previousRange.count == 1, ScalarClass.isUpper(scalars[previousRange.lowerBound]),
               ScalarClass.isUpper(nextFirst), !lineBreakFollows, k < 2 || tokens[k - 2].kind != .number {
                return false
            }
        }
        // Lower-case continuation after a short word is usually an abbreviation we do not know ("2 tabs. daily");
        // after a longer word it is a sloppy sentence start ("twice daily. senna 5 mg").
        if !lineBreakFollows && ScalarClass.isLower(nextFirst)
            && (previousRange.count <= 3 || previousKind != .word || abbreviationWords.contains(tokens.normalizedBytes(k - 1))) {
            return false
        }
        return true
    }
}
