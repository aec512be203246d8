/// Token storage in manual memory, owned by one `SentenceScope` and refilled for every sentence of a note.
///
/// The tokenizer writes through pointers after one capacity check per sentence: appending to arrays checked
/// uniqueness and capacity for each of the ~300 k tokens of a corpus pass. Besides the tokens it keeps what the
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

    /// Empties the buffer and makes room for at least `minimumCapacity` tokens (old contents are dropped, not
    /// moved: callers reserve before writing).
    func reset(minimumCapacity: Int) {
        count = 0
        stopCount = 0
        guard minimumCapacity > capacity else { return }
        base.deallocate()
        wordsBefore.deallocate()
        stops.deallocate()
        var grown = capacity * 2
        while grown < minimumCapacity { grown *= 2 }
        capacity = grown
        base = .allocate(capacity: grown)
        wordsBefore = .allocate(capacity: grown + 1)
        stops = .allocate(capacity: grown)
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
