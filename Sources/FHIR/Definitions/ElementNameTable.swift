#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Element names of one type, looked up by raw UTF-8 bytes: the JSON reader resolves member names without
/// building or hashing a `String` (an open-addressing table with an FNV-1a hash).
final class ElementNameTable: Sendable {
    private let slots: [Int32]
    private let mask: Int
    private let hashes: [UInt32]
    private let offsets: [Int]
    private let bytes: [UInt8]
    let names: [String]
    let matches: [ElementMatch]
    /// Per entry, the facts the JSON reader needs, stored flat so reading them costs no reference counting.
    let members: [MemberInfo]
    /// Per entry, the element's index in its type's definition: the writers' sort key, stored flat for the same reason.
    let sortKeys: [Int]

    init(_ named: [String: ElementMatch]) {
        let sortedNames = named.keys.sorted()
        var capacity = 8
        while capacity < sortedNames.count * 2 { capacity *= 2 }
        var slots = [Int32](repeating: -1, count: capacity)
        var hashes: [UInt32] = []
        var offsets: [Int] = [0]
        var bytes: [UInt8] = []
        for (entry, name) in sortedNames.enumerated() {
            let utf8 = Array(name.utf8)
            let hash = utf8.withUnsafeBufferPointer { ElementNameTable.hash($0) }
            hashes.append(hash)
            bytes.append(contentsOf: utf8)
            offsets.append(bytes.count)
            var slot = Int(hash) & (capacity - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Int32(entry)
        }
        self.slots = slots
        self.mask = capacity - 1
        self.hashes = hashes
        self.offsets = offsets
        self.bytes = bytes
        self.names = sortedNames
        self.matches = sortedNames.map { named[$0]! }
        self.sortKeys = matches.map(\.index)
        self.members = matches.enumerated().map { entry, match in
            MemberInfo(
                shape: match.shape, isArray: match.definition.isArray, typeIndex: Int32(match.typeIndex),
                entry: Int32(entry), isPlain: sortedNames[entry] != "id" && sortedNames[entry] != "resourceType")
        }
    }

    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in key {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        return hash
    }

    /// The entry index of a name given as a String, or -1 (hashes its UTF-8, not the String).
    func lookup(_ name: String) -> Int {
        var name = name
        return name.withUTF8 { lookup($0, hash: ElementNameTable.hash($0)) }
    }

    /// The entry index of `key`, or -1.
    func lookup(_ key: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int {
        var slot = Int(hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry < 0 { return -1 }
            if hashes[entry] == hash {
                let start = offsets[entry]
                let length = offsets[entry + 1] - start
                if length == key.count {
                    let equal = bytes.withUnsafeBufferPointer { stored in
                        length == 0 || memcmp(stored.baseAddress! + start, key.baseAddress!, length) == 0
                    }
                    if equal { return entry }
                }
            }
            slot = (slot + 1) & mask
        }
    }
}

/// A member name resolved against a type, as plain values.
struct MemberInfo {
    var shape: ElementMatch.ValueShape
    var isArray: Bool
    /// Index into `FHIRDefinitions.typeList`, -1 when unknown.
    var typeIndex: Int32
    /// Entry in the type's `ElementNameTable`, -1 for a name the type does not know.
    var entry: Int32
    /// A known name that needs no special handling by the reader (not `id` or `resourceType`).
    var isPlain: Bool

    static let unknown = MemberInfo(shape: .unknown, isArray: false, typeIndex: -1, entry: -1, isPlain: false)
}
