/// One bit per scalar position of a note: which positions accepted spans already cover. Testing and marking a
/// span touches only the 64-bit words it spans (a mention is a few words of text, so usually one word), where a
/// sorted array of accepted ranges needs a binary search and an insert that shifts the tail.
struct SpanBitmap {
    private var words: [UInt64]

    /// A bitmap for positions `0 ..< positions`.
    init(positions: Int) {
        words = [UInt64](repeating: 0, count: (max(0, positions) + 63) >> 6)
    }

    /// If no position of `span` is covered yet, covers them all and returns true; otherwise changes nothing and
    /// returns false. `span` must be non-empty and inside the bitmap.
    mutating func claim(_ span: Range<Int>) -> Bool {
        let first = span.lowerBound >> 6, last = (span.upperBound - 1) >> 6
        let headMask = ~UInt64(0) << UInt64(span.lowerBound & 63)
        let tailMask = ~UInt64(0) >> UInt64(63 - ((span.upperBound - 1) & 63))
        return words.withUnsafeMutableBufferPointer { w in
            if first == last {
                let mask = headMask & tailMask
                if w[first] & mask != 0 { return false }
                w[first] |= mask
                return true
            }
            if w[first] & headMask != 0 || w[last] & tailMask != 0 { return false }
            var k = first + 1
            while k < last {
                if w[k] != 0 { return false }
                k += 1
            }
            w[first] |= headMask
            w[last] |= tailMask
            k = first + 1
            while k < last { w[k] = ~0; k += 1 }
            return true
        }
    }
}
