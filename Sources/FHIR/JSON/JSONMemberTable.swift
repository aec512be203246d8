#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The element names of every R4 type in one flat table for the JSON reader, built once per process and never
/// freed. A member name is found from its raw UTF-8 bytes: the key's first and last eight bytes (two word loads)
/// give the hash and, for names of up to 16 bytes (nearly all), the whole comparison, so a known name costs no
/// String, no byte loop and no `memcmp`. Every reference the reader needs is an unsafe pointer into this table,
/// so the hot loop does no reference counting on definitions (the profile showed retain/release of the type
/// objects and their arrays as a quarter of the parse time).
final class JSONMemberTable: @unchecked Sendable {
    /// One element name of one type.
    struct Entry {
        /// Name bytes 0..<8, zero-padded.
        var head: UInt64
        /// Name bytes count-8..<count when the name is longer than 8 bytes, else 0.
        var tail: UInt64
        var length: Int
        /// Offset of the name bytes in `nameBytes` (compared with `memcmp` only for names over 16 bytes).
        var nameStart: Int
        /// The name in `Pointers.names`.
        var nameID: Int32
        var member: MemberInfo
    }

    /// Trivially copyable view of the table: what the reader keeps in its own fields.
    struct Pointers {
        /// Per type index: first slot of the type's open-addressing range, and the range's mask.
        let slotBase: UnsafePointer<Int>
        let slotMask: UnsafePointer<Int>
        /// Entry index per slot, -1 when empty.
        let slots: UnsafePointer<Int32>
        let entries: UnsafePointer<Entry>
        let nameBytes: UnsafePointer<UInt8>
        /// Every element and type name, once (an element's name String is shared by all its nodes).
        let names: UnsafePointer<String>
        let typeCount: Int
    }

    static let r4 = JSONMemberTable(FHIRDefinitions.r4)

    let pointers: Pointers
    /// Name → index in `pointers.names`.
    private let nameIDs: [String: Int32]
    /// Concrete resource type name → type index.
    private let resourceTypes: [String: Int32]
    /// Type index of `Element` (the type of `_name` objects).
    let elementTypeIndex: Int32
    /// Pool id of the name `resourceType`.
    let resourceTypeNameID: Int32?

    init(_ definitions: FHIRDefinitions) {
        var names: [String] = []
        var nameIDs: [String: Int32] = [:]
        func intern(_ name: String) -> Int32 {
            if let id = nameIDs[name] { return id }
            let id = Int32(names.count)
            names.append(name)
            nameIDs[name] = id
            return id
        }
        var resourceTypes: [String: Int32] = [:]
        var entries: [Entry] = []
        var nameBytes: [UInt8] = []
        var slotBase: [Int] = []
        var slotMask: [Int] = []
        var slots: [Int32] = []
        for (typeIndex, type) in definitions.typeList.enumerated() {
            _ = intern(type.name)
            if type.kind == .resource { resourceTypes[type.name] = Int32(typeIndex) }
            // Same entry numbering as the type's ElementNameTable (sorted names), so `MemberInfo.entry` agrees.
            // At most a quarter of the slots used: fewer probes per lookup (measured ~1%), a few KB more table.
            let table = type.nameTable
            var capacity = 4
            while capacity < table.names.count * 4 { capacity *= 2 }
            let base = slots.count
            slots.append(contentsOf: repeatElement(-1, count: capacity))
            slotBase.append(base)
            slotMask.append(capacity - 1)
            for (entry, name) in table.names.enumerated() {
                let utf8 = Array(name.utf8)
                let (head, tail) = utf8.withUnsafeBufferPointer { JSONMemberTable.words(of: $0) }
                let index = Int32(entries.count)
                entries.append(Entry(
                    head: head, tail: tail, length: utf8.count, nameStart: nameBytes.count, nameID: intern(name),
                    member: table.members[entry]))
                nameBytes.append(contentsOf: utf8)
                var slot = JSONMemberTable.hash(head: head, tail: tail, length: utf8.count) & (capacity - 1)
                while slots[base + slot] >= 0 { slot = (slot + 1) & (capacity - 1) }
                slots[base + slot] = index
            }
        }
        self.nameIDs = nameIDs
        self.resourceTypes = resourceTypes
        self.elementTypeIndex = definitions.typeList.firstIndex { $0.name == "Element" }.map(Int32.init) ?? -1
        self.resourceTypeNameID = nameIDs["resourceType"]
        self.pointers = Pointers(
            slotBase: JSONMemberTable.immortal(slotBase), slotMask: JSONMemberTable.immortal(slotMask),
            slots: JSONMemberTable.immortal(slots), entries: JSONMemberTable.immortal(entries),
            nameBytes: JSONMemberTable.immortal(nameBytes + [0]), names: JSONMemberTable.immortal(names),
            typeCount: definitions.typeList.count)
    }

    /// A copy that lives as long as the process (the table is a static singleton).
    private static func immortal<T>(_ values: [T]) -> UnsafePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(values.count, 1))
        _ = UnsafeMutableBufferPointer(start: pointer, count: values.count).initialize(from: values)
        return UnsafePointer(pointer)
    }

    /// The type index of a concrete resource type, or nil.
    func resourceTypeIndex(_ name: String) -> Int32? { resourceTypes[name] }

    /// The id of a name in the pool, when it is an element or type name.
    func nameID(_ name: String) -> Int32? { nameIDs[name] }

    /// First and last eight bytes of a name as words (see `Entry`).
    @inline(__always)
    static func words(of key: UnsafeBufferPointer<UInt8>) -> (head: UInt64, tail: UInt64) {
        var head: UInt64 = 0
        for index in 0..<min(key.count, 8) { head |= UInt64(key[index]) << (8 * UInt64(index)) }
        var tail: UInt64 = 0
        if key.count > 8 {
            for index in 0..<8 { tail |= UInt64(key[key.count - 8 + index]) << (8 * UInt64(index)) }
        }
        return (head, tail)
    }

    @inline(__always)
    static func hash(head: UInt64, tail: UInt64, length: Int) -> Int {
        var hash = (head ^ (tail &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(truncatingIfNeeded: length)) &* 0xBF58_476D_1CE4_E5B9
        hash ^= hash >> 31
        return Int(truncatingIfNeeded: hash)
    }
}

extension JSONMemberTable.Pointers {
    /// The entry of the name at `key` (length `length`, words already loaded) in type `typeIndex`, or nil.
    @inline(__always)
    func lookup(
        typeIndex: Int, head: UInt64, tail: UInt64, length: Int, key: UnsafePointer<UInt8>
    ) -> UnsafePointer<JSONMemberTable.Entry>? {
        let base = slotBase[typeIndex]
        let mask = slotMask[typeIndex]
        var slot = JSONMemberTable.hash(head: head, tail: tail, length: length) & mask
        while true {
            let index = slots[base + slot]
            if index < 0 { return nil }
            let entry = entries + Int(index)
            if entry.pointee.head == head && entry.pointee.tail == tail && entry.pointee.length == length {
                if length <= 16 || memcmp(nameBytes + entry.pointee.nameStart + 8, key + 8, length - 16) == 0 {
                    return entry
                }
            }
            slot = (slot + 1) & mask
        }
    }
}
