#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shares the storage of repeated string values while one document is read. Strings of up to 15 UTF-8 bytes are
/// stored inline by Swift and need no sharing; longer ones (URIs, references, display texts) often repeat in a
/// bundle, and each new copy would cost a heap allocation. Only strings without escapes are interned, so an
/// entry can point at its first occurrence in the input (which outlives the parse): no bytes are copied. A hit
/// costs a hash of four word loads, a `memcmp` and a retain; no allocation and no UTF-8 validation.
///
/// Memory is manual (the reader's hot loop must not touch reference-counted arrays): `release()` frees it.
struct StringInterner {
    private struct Entry {
        var hash: UInt64
        var start: UnsafePointer<UInt8>
        var length: Int
    }

    private var slots: UnsafeMutablePointer<Int32>?
    private var slotCount = 0
    private var entries: UnsafeMutablePointer<Entry>?
    private var values: UnsafeMutablePointer<String>?
    private var count = 0
    private var capacity = 0
    /// Interning stops after this many distinct values (a document of unique strings gains nothing).
    private static let capacityLimit = 1 << 16
    /// Values longer than this are not interned (notes, narratives, base64).
    private static let lengthLimit = 256

    /// The String for `bytes`, which must be valid UTF-8 that lives as long as this interner.
    @inline(__always)
    mutating func string(for bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count > 15 && bytes.count <= StringInterner.lengthLimit, let start = bytes.baseAddress else {
            return String(decoding: bytes, as: UTF8.self)
        }
        return intern(start, bytes.count)
    }

    private mutating func intern(_ start: UnsafePointer<UInt8>, _ length: Int) -> String {
        if slots == nil { allocate() }
        let raw = UnsafeRawPointer(start)
        // Head, middle and the last 16 bytes: repeated values of one kind share prefixes (URIs, references,
        // dates) and differ towards their ends; memcmp settles equality.
        let head = raw.loadUnaligned(as: UInt64.self)
        let middle = raw.loadUnaligned(fromByteOffset: length / 2 - 4, as: UInt64.self)
        let before = raw.loadUnaligned(fromByteOffset: length - 16, as: UInt64.self)
        let last = raw.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
        var hash = (head &* 0x9E37_79B9_7F4A_7C15) ^ (middle &* 0xC2B2_AE3D_27D4_EB4F)
            ^ (before &* 0x1656_67B1_9E37_79F9) ^ last ^ UInt64(truncatingIfNeeded: length)
        hash = (hash ^ (hash >> 29)) &* 0xBF58_476D_1CE4_E5B9
        hash ^= hash >> 32
        let slots = slots!, entries = entries!, values = values!
        let mask = slotCount - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 { break }
            let entry = entries + index
            if entry.pointee.hash == hash && entry.pointee.length == length
                && memcmp(entry.pointee.start, start, length) == 0
            {
                return values[index]
            }
            slot = (slot + 1) & mask
        }
        let value = String(decoding: UnsafeBufferPointer(start: start, count: length), as: UTF8.self)
        guard count < StringInterner.capacityLimit else { return value }
        if count == capacity {
            grow()
            return insertAfterGrowth(value, hash: hash, start: start, length: length)
        }
        slots[slot] = Int32(count)
        (entries + count).initialize(to: Entry(hash: hash, start: start, length: length))
        (values + count).initialize(to: value)
        count += 1
        return value
    }

    private mutating func insertAfterGrowth(
        _ value: String, hash: UInt64, start: UnsafePointer<UInt8>, length: Int
    ) -> String {
        let mask = slotCount - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots![slot] >= 0 { slot = (slot + 1) & mask }
        slots![slot] = Int32(count)
        (entries! + count).initialize(to: Entry(hash: hash, start: start, length: length))
        (values! + count).initialize(to: value)
        count += 1
        return value
    }

    private mutating func allocate() {
        capacity = 256
        slotCount = 512
        slots = .allocate(capacity: slotCount)
        slots!.initialize(repeating: -1, count: slotCount)
        entries = .allocate(capacity: capacity)
        values = .allocate(capacity: capacity)
    }

    /// Doubles the entry capacity and rehashes into twice as many slots (load factor stays at most 1/2).
    private mutating func grow() {
        let newCapacity = capacity * 2
        let newEntries = UnsafeMutablePointer<Entry>.allocate(capacity: newCapacity)
        newEntries.moveInitialize(from: entries!, count: count)
        entries!.deallocate()
        entries = newEntries
        let newValues = UnsafeMutablePointer<String>.allocate(capacity: newCapacity)
        newValues.moveInitialize(from: values!, count: count)
        values!.deallocate()
        values = newValues
        capacity = newCapacity
        slots!.deallocate()
        slotCount = newCapacity * 2
        slots = .allocate(capacity: slotCount)
        slots!.initialize(repeating: -1, count: slotCount)
        let mask = slotCount - 1
        for index in 0..<count {
            var slot = Int(truncatingIfNeeded: newEntries[index].hash) & mask
            while slots![slot] >= 0 { slot = (slot + 1) & mask }
            slots![slot] = Int32(index)
        }
    }

    /// Frees the table (the Strings handed out stay valid: they hold their own references).
    mutating func release() {
        guard let slots, let entries, let values else { return }
        values.deinitialize(count: count)
        values.deallocate()
        entries.deallocate()
        slots.deallocate()
        self.slots = nil
        self.entries = nil
        self.values = nil
        count = 0
        capacity = 0
    }
}
