/// Per-parse cache from (parent type, interned element-name address) to the resolved child, as a small
/// open-addressing table with a multiplicative hash: one probe per element instead of a String-keyed lookup.
///
/// libxml2 interns element names in the reader's dictionary for the whole parse, so within one parse an
/// address identifies a name; the cache never outlives the parse.
struct XMLChildCache {
    private var keys: [UInt]
    private var values: [XMLChild?]
    private var shift: UInt
    private var count = 0

    init() {
        keys = Array(repeating: 0, count: 256)
        values = Array(repeating: nil, count: 256)
        shift = UInt(64 - 8)
    }

    /// Type-table indexes fit in 12 bits (R4 has 682 types); addresses are at most 48 bits.
    @inline(__always)
    static func key(parent: Int, name: UnsafeRawPointer) -> UInt {
        (UInt(bitPattern: name) << 12) | UInt(parent & 0xFFF)
    }

    @inline(__always)
    func lookup(_ key: UInt) -> XMLChild? {
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let found = keys[slot]
            if found == key { return values[slot] }
            if found == 0 { return nil }
            slot = (slot + 1) & mask
        }
    }

    mutating func insert(_ key: UInt, _ child: XMLChild) {
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
        if keys[slot] == 0 { count += 1 }
        keys[slot] = key
        values[slot] = child
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: nil, count: oldKeys.count * 2)
        shift -= 1
        count = 0
        for (index, key) in oldKeys.enumerated() where key != 0 {
            if let value = oldValues[index] { insert(key, value) }
        }
    }
}
