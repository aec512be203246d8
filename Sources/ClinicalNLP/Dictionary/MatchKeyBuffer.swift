/// The match keys of one token as bytes (see `MatchKey`): `bytes` holds the keys back to back, `ends[k]` is the end
/// of key `k`. Reused from token to token, so computing keys allocates nothing once warm.
struct MatchKeyBuffer {
    var bytes: [UInt8] = []
    var ends: [Int] = []

    init() {
        bytes.reserveCapacity(64)
        ends.reserveCapacity(8)
    }

    var keyCount: Int { ends.count }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// Bytes of key `k`.
    func key(_ k: Int) -> ArraySlice<UInt8> {
        bytes[(k == 0 ? 0 : ends[k - 1])..<ends[k]]
    }

    /// Closes the key started at `start` (nothing if empty), applying the plural stemmer when asked.
    @inline(__always)
    mutating func closeKey(from start: Int, stemming: Bool) {
        guard bytes.count > start else { return }
        if stemming { MatchKey.stem(&bytes, from: start) }
        ends.append(bytes.count)
    }
}
