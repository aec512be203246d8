/// The JSON writer's memo of shared sub-trees (see `JSONWriter.writeObject`): storage address and type of a
/// children array → seen once, or rendered bytes. An open-addressing table with a multiplicative hash of the
/// address (no `Hasher`: this is probed for every object written), and one byte arena for the renderings.
struct SharedRenderings {
    private struct Slot {
        var storage: UInt = 0
        var type: UInt = 0
        /// -1: seen once, not rendered; else the start of the rendering in `arena` (length in `length`).
        var start = -1
        var length = 0
    }

    enum Lookup {
        case firstVisit
        case secondVisit
        case rendered(Range<Int>)
    }

    private var slots: [Slot]
    private var used = 0
    private(set) var arena: [UInt8] = []

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: Slot(), count: size)
    }

    private func index(storage: UInt, type: UInt) -> Int {
        var hash = (storage ^ (type &* 0x9E37_79B9_7F4A_7C15)) &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 29
        return Int(truncatingIfNeeded: hash) & (slots.count - 1)
    }

    /// Records a visit of `storage`/`type` and says what is known about it.
    /// `type`: the address of the type definition the object is written as (0 for none).
    mutating func visit(storage: UnsafeRawPointer, type typeKey: UInt) -> Lookup {
        let key = UInt(bitPattern: storage)
        var slot = index(storage: key, type: typeKey)
        while slots[slot].storage != 0 {
            if slots[slot].storage == key && slots[slot].type == typeKey {
                return slots[slot].start < 0 ? .secondVisit : .rendered(slots[slot].start..<(slots[slot].start + slots[slot].length))
            }
            slot = (slot + 1) & (slots.count - 1)
        }
        slots[slot] = Slot(storage: key, type: typeKey)
        used += 1
        if used * 2 > slots.count { grow() }
        return .firstVisit
    }

    /// Keeps the rendering of a sub-tree on its second visit.
    mutating func store(storage: UnsafeRawPointer, type typeKey: UInt, bytes: ArraySlice<UInt8>) {
        let key = UInt(bitPattern: storage)
        var slot = index(storage: key, type: typeKey)
        while slots[slot].storage != key || slots[slot].type != typeKey {
            guard slots[slot].storage != 0 else { return }
            slot = (slot + 1) & (slots.count - 1)
        }
        slots[slot].start = arena.count
        slots[slot].length = bytes.count
        arena.append(contentsOf: bytes)
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: old.count * 2)
        for entry in old where entry.storage != 0 {
            var slot = index(storage: entry.storage, type: entry.type)
            while slots[slot].storage != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = entry
        }
    }
}
