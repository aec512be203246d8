#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shares the storage of repeated string values while one document is read. Strings of up to 15 UTF-8 bytes are
/// stored inline by Swift and need no sharing; longer ones (URIs, references, display texts) often repeat in a
/// bundle, and each new copy would cost a heap allocation. Keyed by the raw bytes with FNV-1a, so a hit costs no
/// allocation and no UTF-8 validation.
struct StringInterner {
    private var slots: [Int32]
    private var hashes: [UInt32] = []
    private var values: [String] = []
    /// Unescaped UTF-8 of each value (contiguous), for byte comparison.
    private var storage: [UInt8] = []
    private var offsets: [Int] = [0]
    /// Interning stops after this many distinct values (a document of unique strings gains nothing).
    private let capacityLimit = 1 << 16
    /// Values longer than this are not interned (notes, narratives, base64).
    private let lengthLimit = 256

    init() {
        slots = [Int32](repeating: -1, count: 1024)
    }

    mutating func string(for bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count > 15 && bytes.count <= lengthLimit else {
            return String(decoding: bytes, as: UTF8.self)
        }
        // Hash the length, the first 8 and the last 24 bytes: repeated values differ at their ends (URIs with
        // shared prefixes, references); memcmp settles equality.
        var hash: UInt32 = 2_166_136_261 ^ UInt32(bytes.count)
        for index in 0..<8 { hash = (hash ^ UInt32(bytes[index])) &* 16_777_619 }
        for index in max(8, bytes.count - 24)..<bytes.count { hash = (hash ^ UInt32(bytes[index])) &* 16_777_619 }
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry < 0 { break }
            if hashes[entry] == hash {
                let start = offsets[entry]
                if offsets[entry + 1] - start == bytes.count {
                    let equal = storage.withUnsafeBufferPointer { stored in
                        memcmp(stored.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0
                    }
                    if equal { return values[entry] }
                }
            }
            slot = (slot + 1) & mask
        }
        let value = String(decoding: bytes, as: UTF8.self)
        guard values.count < capacityLimit else { return value }
        slots[slot] = Int32(values.count)
        hashes.append(hash)
        values.append(value)
        storage.append(contentsOf: bytes)
        offsets.append(storage.count)
        if values.count * 2 > slots.count { grow() }
        return value
    }

    private mutating func grow() {
        var newSlots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = newSlots.count - 1
        for (entry, hash) in hashes.enumerated() {
            var slot = Int(hash) & mask
            while newSlots[slot] >= 0 { slot = (slot + 1) & mask }
            newSlots[slot] = Int32(entry)
        }
        slots = newSlots
    }
}
