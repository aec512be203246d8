/// The units of one `DictionaryMatcher.match` call: unit `u` is one match key, from token `token(u)` with key id
/// `id(u)` (or a barrier / unknown marker), both packed into one `UInt64` in a buffer this value owns.
///
/// Two `Array`s appended per unit cost a uniqueness check and a capacity check each (about 30 instructions per
/// unit, a million units per 1,000 notes); here an append is a compare and a store. Not copyable, so the buffer
/// has exactly one owner and is freed when the matcher's call ends.
struct MatchUnits: ~Copyable {
    private var base: UnsafeMutablePointer<UInt64>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    /// Appends the unit (`token`, `id`). `token` must fit in 32 bits (-1 marks a sentence boundary).
    @inline(__always)
    mutating func append(token: Int, id: Int32) {
        if count == capacity { grow() }
        base[count] = UInt64(UInt32(truncatingIfNeeded: token)) << 32 | UInt64(UInt32(bitPattern: id))
        count += 1
    }

    /// Token index of unit `u` (-1 for a sentence boundary).
    @inline(__always)
    func token(_ u: Int) -> Int { Int(Int32(truncatingIfNeeded: base[u] >> 32)) }

    /// Key id of unit `u`, or a negative marker.
    @inline(__always)
    func id(_ u: Int) -> Int32 { Int32(truncatingIfNeeded: base[u]) }

    /// Whether units `u` and `v` come from the same token.
    @inline(__always)
    func sameToken(_ u: Int, _ v: Int) -> Bool { base[u] >> 32 == base[v] >> 32 }

    @inline(never)
    private mutating func grow() {
        let larger = capacity * 2
        let moved = UnsafeMutablePointer<UInt64>.allocate(capacity: larger)
        moved.initialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }
}
