/// Token storage in manual memory, owned by one `SentenceScope` and refilled for every sentence of a note.
///
/// The tokenizer writes through pointers and checks the capacity once per scanned position: appending to arrays
/// checked uniqueness and capacity for each of the ~300 k tokens of a corpus pass. Besides the tokens it keeps what the
/// scope needs later, gathered in the same pass: running word counts and the positions of the punctuation that
/// may end a sentence.
final class AssertionTokenBuffer {
    private(set) var base: UnsafeMutablePointer<AssertionToken>
    /// `wordsBefore[i]` = number of word tokens in `tokens[0..<i]`; `count + 1` entries are valid.
    private(set) var wordsBefore: UnsafeMutablePointer<Int>
    /// Indices of `.`, `?`, `!` and `)` tokens, ascending; `stopCount` entries are valid.
    private(set) var stops: UnsafeMutablePointer<Int>
    private(set) var capacity: Int
    /// Number of valid tokens at `base`.
    var count = 0
    var stopCount = 0

    init(capacity: Int = 256) {
        precondition(capacity > 0)
        self.capacity = capacity
        self.base = .allocate(capacity: capacity)
        self.wordsBefore = .allocate(capacity: capacity + 1)
        self.stops = .allocate(capacity: capacity)
    }

    deinit {
        base.deallocate()
        wordsBefore.deallocate()
        stops.deallocate()
    }

    /// Empties the buffer (capacity is kept).
    func reset() {
        count = 0
        stopCount = 0
    }

    /// Doubles the capacity, keeping the first `tokens` tokens and word counts and the first `stops` stops. The
    /// tokenizer calls it when the next token would not fit, so memory follows the tokens written, not the
    /// sentence's length in scalars (a 10 MB "sentence" of words needs a fraction of what one slot per scalar
    /// would take).
    func grow(keepingTokens tokens: Int, stops kept: Int) {
        let grown = capacity * 2
        let newBase = UnsafeMutablePointer<AssertionToken>.allocate(capacity: grown)
        newBase.moveInitialize(from: base, count: tokens)
        base.deallocate()
        base = newBase
        let newWords = UnsafeMutablePointer<Int>.allocate(capacity: grown + 1)
        newWords.moveInitialize(from: wordsBefore, count: tokens)
        wordsBefore.deallocate()
        wordsBefore = newWords
        let newStops = UnsafeMutablePointer<Int>.allocate(capacity: grown)
        newStops.moveInitialize(from: stops, count: kept)
        stops.deallocate()
        stops = newStops
        capacity = grown
    }

    var tokens: UnsafeBufferPointer<AssertionToken> {
        UnsafeBufferPointer(start: base, count: count)
    }

    var wordCounts: UnsafeBufferPointer<Int> {
        UnsafeBufferPointer(start: wordsBefore, count: count + 1)
    }

    var stopPositions: UnsafeBufferPointer<Int> {
        UnsafeBufferPointer(start: stops, count: stopCount)
    }
}
