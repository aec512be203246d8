/// SHA-1 (FIPS 180-4), used only to derive RFC 9562 version-5 (name-based) UUIDs, which the RFC defines over
/// SHA-1, and to check `Attachment.hash`. Not used for security. Written here because Foundation on Linux has no
/// digest API and the package takes no crypto dependency for this one use.
///
/// One-shot: the message is padded into one buffer and compressed block by block (an id is derived for every
/// emitted resource, so this sits on the hot path).
enum SHA1 {
    static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var message = Array(bytes)
        return hash(padding: &message)
    }

    /// Hashes `message`, padding it in place (room for the padding reserved up front saves a reallocation:
    /// `paddedCount`).
    static func hash(padding message: inout [UInt8]) -> [UInt8] {
        let bitLength = UInt64(message.count) &* 8
        let padded = paddedCount(message.count)
        message.reserveCapacity(padded)
        message.append(0x80)
        message.append(contentsOf: repeatElement(0, count: padded - 8 - message.count))
        for shift in stride(from: 56, through: 0, by: -8) { message.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }

        var h: (UInt32, UInt32, UInt32, UInt32, UInt32) = (0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0)
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 80) { w in
            message.withUnsafeBufferPointer { block in
                for offset in stride(from: 0, to: block.count, by: 64) {
                    compress(block, at: offset, w: w, h: &h)
                }
            }
        }
        var digest: [UInt8] = []
        digest.reserveCapacity(20)
        for word in [h.0, h.1, h.2, h.3, h.4] {
            for shift in stride(from: 24, through: 0, by: -8) { digest.append(UInt8(truncatingIfNeeded: word >> UInt32(shift))) }
        }
        return digest
    }

    /// Length of a `count`-byte message once padded (a multiple of 64 with room for 0x80 and the bit length).
    static func paddedCount(_ count: Int) -> Int { (count + 1 + 8 + 63) / 64 * 64 }

    private static func compress(_ block: UnsafeBufferPointer<UInt8>, at offset: Int, w: UnsafeMutableBufferPointer<UInt32>,
                                 h: inout (UInt32, UInt32, UInt32, UInt32, UInt32)) {
        for i in 0..<16 {
            let j = offset + 4 * i
            w[i] = UInt32(block[j]) << 24 | UInt32(block[j + 1]) << 16 | UInt32(block[j + 2]) << 8 | UInt32(block[j + 3])
        }
        for i in 16..<80 {
            let x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]
            w[i] = x << 1 | x >> 31
        }
        var (a, b, c, d, e) = h
        for i in 0..<80 {
            let f: UInt32, k: UInt32
            switch i {
            case 0..<20: f = (b & c) | (~b & d); k = 0x5A827999
            case 20..<40: f = b ^ c ^ d; k = 0x6ED9EBA1
            case 40..<60: f = (b & c) | (b & d) | (c & d); k = 0x8F1BBCDC
            default: f = b ^ c ^ d; k = 0xCA62C1D6
            }
            let temp = (a << 5 | a >> 27) &+ f &+ e &+ k &+ w[i]
            e = d; d = c; c = b << 30 | b >> 2; b = a; a = temp
        }
        h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e)
    }
}
