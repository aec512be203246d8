/// Token geometry of one sentence: word counts for windows and the periods that end a sentence inside it.
///
/// Reusable: the pipeline keeps one per note (`AssertionAnalyzer.Scratch`) and reloads it per sentence, so its
/// arrays are allocated once per note instead of once per sentence.
struct SentenceScope {
    private let buffer = AssertionTokenBuffer()
    /// The current sentence's tokens, a view of `buffer` (stored, so that reading it is not a trip through the
    /// class); valid until the next `tokenize`.
    private(set) var tokens = UnsafeBufferPointer<AssertionToken>(start: nil, count: 0)
    /// `wordsBefore[i]` = number of word tokens in `tokens[0..<i]` (filled by the tokenizer).
    private var wordsBefore = UnsafeBufferPointer<Int>(start: nil, count: 0)
    /// Token indices of sentence-ending punctuation inside the range (the caller's splitter may have missed them).
    private var boundaries: [Int] = []

    init() {}

    /// Replaces the tokens with those of `scalars[range]`; call `measure` before asking about boundaries.
    mutating func tokenize(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, range: Range<Int>) {
        AssertionTokenizer.tokenize(scalars, range: range, into: buffer)
        tokens = buffer.tokens
        wordsBefore = buffer.wordCounts
    }

    /// Sentence boundaries of the current tokens, among the punctuation the tokenizer flagged.
    mutating func measure(abbreviationHashes: Set<UInt64>) {
        boundaries.removeAll(keepingCapacity: true)
        for position in buffer.stopPositions
        where Self.endsSentence(at: position, tokens: tokens, abbreviationHashes: abbreviationHashes) {
            boundaries.append(position)
        }
    }

    /// A `.`, `?` or `!` followed by a space and not lower-case text (a period after an initial or a known
    /// abbreviation such as "Dr." does not count), or the `)` of a list number such as "2)".
    private static func endsSentence(at position: Int, tokens: UnsafeBufferPointer<AssertionToken>,
                                     abbreviationHashes: Set<UInt64>) -> Bool {
        let token = tokens[position]
        let value = token.first.value
        if value == 0x29 { return isListNumber(before: position, tokens: tokens) }
        guard value == 0x2E || value == 0x3F || value == 0x21 else { return false }
        if position + 1 < tokens.count {
            let next = tokens[position + 1]
            // Glued to a following word or closing bracket: "1.5", "e.g.x", "(see above.)". Glued to other
            // punctuation it still ends the sentence: templated text writes ".,HEADER:".
            if next.start == token.end,
               next.kind == .word || Self.isClosingOrPeriod(next.first.value) { return false }
            if next.kind == .word, next.first.properties.isLowercase { return false }
        }
        if value == 0x2E, position > 0 {
            let previous = tokens[position - 1]
            if previous.end == token.start, previous.kind == .word {
                if abbreviationHashes.contains(previous.hash) { return false }
                // An initial ("J. Smith"), unless the letter is glued to what precedes it ("hepatitis-C.").
                let standsAlone = position < 2 || tokens[position - 2].end < previous.start
                let dotted = position >= 2 && tokens[position - 2].end == previous.start
                    && tokens[position - 2].first.value == 0x2E  // "e.g.", "b.i.d."
                if previous.length == 1, previous.first.properties.isAlphabetic, standsAlone || dotted { return false }
            }
        }
        return true
    }

    /// `)`, `]`, `"`, `'` or `.` (a switch, not an array literal built on every call).
    @inline(__always)
    private static func isClosingOrPeriod(_ value: UInt32) -> Bool {
        switch value {
        case 0x29, 0x5D, 0x22, 0x27, 0x2E: return true
        default: return false
        }
    }

    /// `)` right after a one- or two-digit number that starts a word: an enumerated list item ("1) ... 2) ...").
    private static func isListNumber(before position: Int, tokens: UnsafeBufferPointer<AssertionToken>) -> Bool {
        guard position > 0 else { return false }
        let number = tokens[position - 1]
        guard number.end == tokens[position].start, number.kind == .word, number.length <= 2,
              number.first.properties.numericType == .decimal else { return false }
        return position < 2 || tokens[position - 2].end < number.start
    }

    /// Token indices `[lower, upper)` covered by a scalar range; an empty span at the right place when the range
    /// covers no token.
    func tokenSpan(of range: Range<Int>) -> Range<Int> {
        let lower = firstToken { $0.end > range.lowerBound }
        var upper = lower
        while upper < tokens.count, tokens[upper].start < range.upperBound { upper += 1 }
        return lower..<upper
    }

    /// Binary search over tokens in text order: the first index whose token satisfies a monotone predicate.
    private func firstToken(where predicate: (AssertionToken) -> Bool) -> Int {
        var low = 0
        var high = tokens.count
        while low < high {
            let middle = (low + high) / 2
            if predicate(tokens[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// Number of word tokens in `gap`.
    func words(in gap: Range<Int>) -> Int { wordsBefore[gap.upperBound] - wordsBefore[gap.lowerBound] }

    /// Whether a sentence boundary lies in `gap` (binary search over the sorted boundary positions).
    func hasBoundary(in gap: Range<Int>) -> Bool {
        var low = 0
        var high = boundaries.count
        while low < high {
            let middle = (low + high) / 2
            if boundaries[middle] < gap.lowerBound { low = middle + 1 } else { high = middle }
        }
        return low < boundaries.count && boundaries[low] < gap.upperBound
    }
}
