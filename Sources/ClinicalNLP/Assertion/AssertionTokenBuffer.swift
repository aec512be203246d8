/// Token storage in manual memory, owned by one `SentenceScope` and refilled for every sentence of a note.
///
/// The tokenizer writes through a pointer after one capacity check per sentence: appending to an array checked
/// uniqueness and capacity for each of the ~300 k tokens of a corpus pass.
final class AssertionTokenBuffer {
    private(set) var base: UnsafeMutablePointer<AssertionToken>
    private(set) var capacity: Int
    /// Number of valid tokens at `base`.
    var count = 0

    init(capacity: Int = 256) {
        self.capacity = capacity
        self.base = .allocate(capacity: capacity)
    }

    deinit {
        base.deallocate()
    }

    /// Empties the buffer and makes room for at least `minimumCapacity` tokens (old tokens are dropped, not
    /// moved: callers reserve before writing).
    func reset(minimumCapacity: Int) {
        count = 0
        guard minimumCapacity > capacity else { return }
        base.deallocate()
        var grown = capacity * 2
        while grown < minimumCapacity { grown *= 2 }
        capacity = grown
        base = .allocate(capacity: grown)
    }

    var tokens: UnsafeBufferPointer<AssertionToken> {
        UnsafeBufferPointer(start: base, count: count)
    }
}
