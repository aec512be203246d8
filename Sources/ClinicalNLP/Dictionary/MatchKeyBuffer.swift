/// The match keys of one token as bytes (see `MatchKey`): keys are written back to back into `storage`, `ends[k]`
/// is the end of key `k`. Reused from token to token; a token's keys are computed in one pass over its UTF-8
/// through raw pointers (stemming never makes a key longer than its source, so the token's byte count is enough
/// room), so computing keys allocates nothing once warm.
struct MatchKeyBuffer {
    private(set) var storage: [UInt8] = [UInt8](repeating: 0, count: 64)
    private(set) var ends: [Int] = []

    init() {
        ends.reserveCapacity(8)
    }

    var keyCount: Int { ends.count }

    mutating func removeAll() {
        ends.removeAll(keepingCapacity: true)
    }

    /// Bytes of key `k`.
    func key(_ k: Int) -> ArraySlice<UInt8> {
        storage[keyRange(k)]
    }

    /// Where key `k` lies in `storage`.
    @inline(__always)
    func keyRange(_ k: Int) -> Range<Int> {
        (k == 0 ? 0 : ends[k - 1])..<ends[k]
    }

    /// Appends `source` as one key (no stemming).
    mutating func appendKey<S: Sequence>(_ source: S) where S.Element == UInt8 {
        var end = ends.last ?? 0
        for byte in source {
            if end == storage.count { storage.append(0) }
            storage[end] = byte
            end += 1
        }
        if end > (ends.last ?? 0) { ends.append(end) }
    }

    /// Appends the keys of a word's UTF-8: split at hyphens, apostrophes dropped, each part stemmed; empty
    /// parts give no key. Hyphens and apostrophes are ASCII, so splitting bytes splits exactly where splitting
    /// scalars would (UTF-8 continuation bytes are never 0x2D or 0x27).
    mutating func appendWordKeys(_ source: UnsafeBufferPointer<UInt8>) {
        let base = ends.last ?? 0
        if storage.count < base + source.count { storage.append(contentsOf: repeatElement(0, count: base + source.count - storage.count)) }
        storage.withUnsafeMutableBufferPointer { out in
            var start = base
            var end = base
            for byte in source {
                if byte == 0x2D {
                    if end > start { end = start + MatchKey.stemmedLength(out.baseAddress! + start, end - start); ends.append(end) }
                    start = end
                } else if byte != 0x27 {
                    out[end] = byte
                    end += 1
                }
            }
            if end > start { end = start + MatchKey.stemmedLength(out.baseAddress! + start, end - start); ends.append(end) }
        }
    }
}
