#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// Byte-string keys → dense ids, in one open-addressing table (linear probing, power-of-two capacity).
///
/// Replaces `Dictionary<String, Int32>` on the matching hot path: a note's match keys are looked up straight from
/// a scratch byte buffer, with a 64-bit FNV-1a hash and no String or SipHash per token. Keys are stored, and a hit
/// is confirmed by comparing bytes, so a hash collision can never produce a false match.
struct KeyTable: Sendable {
    /// One slot: the key's hash, its bytes in `pool[offset ..< offset + length]` and its id (-1 = empty).
    private struct Slot {
        var hash: UInt64 = 0
        var offset: UInt32 = 0
        var length: UInt32 = 0
        var id: Int32 = -1
    }

    private var slots: [Slot]
    private var pool: [UInt8] = []
    private var mask: Int
    private(set) var count = 0

    init(minimumCapacity: Int = 16) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity <<= 1 }
        slots = [Slot](repeating: Slot(), count: capacity)
        mask = capacity - 1
    }

    /// FNV-1a, 64 bits: keys are short (a word), so a byte loop is as fast as anything wider.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }

    /// Id of `bytes`, or -1 when absent.
    @inline(__always)
    func id(of bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        id(of: bytes, hash: Self.hash(bytes))
    }

    /// Id of `bytes` whose `hash(_:)` the caller already knows (the tokenizer computes it while writing a token's
    /// normalized bytes), or -1 when absent.
    @inline(__always)
    func id(of bytes: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int32 {
        slots.withUnsafeBufferPointer { slots in
            pool.withUnsafeBufferPointer { pool in
                var i = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
                while true {
                    let slot = slots[i]
                    if slot.id < 0 { return -1 }
                    if slot.hash == h, Int(slot.length) == bytes.count,
                       bytes.count == 0 || memcmp(pool.baseAddress! + Int(slot.offset), bytes.baseAddress!, bytes.count) == 0 {
                        return slot.id
                    }
                    i = (i + 1) & mask
                }
            }
        }
    }

    /// Adds `bytes` with `id` unless present; returns the id stored for it.
    @discardableResult
    mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, id: Int32) -> Int32 {
        let existing = self.id(of: bytes)
        if existing >= 0 { return existing }
        if (count + 1) * 2 > slots.count { grow() }
        let h = Self.hash(bytes)
        var i = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        while slots[i].id >= 0 { i = (i + 1) & mask }
        slots[i] = Slot(hash: h, offset: UInt32(pool.count), length: UInt32(bytes.count), id: id)
        pool.append(contentsOf: bytes)
        count += 1
        return id
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        mask = slots.count - 1
        for slot in old where slot.id >= 0 {
            var i = Int(truncatingIfNeeded: slot.hash ^ (slot.hash >> 29)) & mask
            while slots[i].id >= 0 { i = (i + 1) & mask }
            slots[i] = slot
        }
    }
}
