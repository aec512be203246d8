/// A strict base64 decoder for `Attachment.data` and `Binary.data`.
///
/// Strict means: only the standard alphabet (RFC 4648 §4, `+` and `/`), padding only at the very end and only as
/// much as the last quantum needs, total length (whitespace aside) a multiple of 4, and zero unused bits in the last
/// quantum. Whitespace is skipped because FHIR's base64Binary regex allows it (MIME-wrapped producers exist).
/// Foundation's decoder is not used because it cannot say *where* the input went wrong.
public enum StrictBase64 {
    public struct DecodingError: Error, Sendable, Equatable, CustomStringConvertible {
        public enum Reason: String, Sendable { case invalidCharacter, misplacedPadding, truncated, nonZeroPaddingBits }
        public let reason: Reason
        /// Offset (in bytes of the encoded text) of the first offending character.
        public let offset: Int
        public var description: String {
            switch reason {
            case .invalidCharacter: "character at offset \(offset) is not in the base64 alphabet"
            case .misplacedPadding: "padding '=' at offset \(offset) is not at the end of the data"
            case .truncated: "length is not a multiple of 4 (last quantum starts at offset \(offset))"
            case .nonZeroPaddingBits: "unused bits of the last quantum at offset \(offset) are not zero"
            }
        }
    }

    private static let table: [UInt8] = {
        var t = [UInt8](repeating: 0xFF, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for (i, c) in alphabet.enumerated() { t[Int(c)] = UInt8(i) }
        return t
    }()

    /// Upper bound of the decoded size of `encodedLength` characters, to check limits before decoding.
    public static func maximumDecodedLength(encodedLength: Int) -> Int { (encodedLength / 4 + 1) * 3 }

    public static func decode(_ text: some StringProtocol) throws(DecodingError) -> [UInt8] {
        try decode(Array(text.utf8))
    }

    public static func decode(_ encoded: [UInt8]) throws(DecodingError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(encoded.count / 4 * 3)
        var quantum: (UInt32, Int) = (0, 0)   // accumulated bits, count of sextets
        var quantumStart = 0
        var padding = 0
        var paddingStart = -1
        for (offset, byte) in encoded.enumerated() {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D:
                continue
            case UInt8(ascii: "="):
                if padding == 0 { paddingStart = offset }
                padding += 1
                // Padding may only complete a quantum holding 2 or 3 sextets.
                if quantum.1 + padding > 4 || quantum.1 < 2 {
                    throw DecodingError(reason: .misplacedPadding, offset: offset)
                }
            default:
                let value = table[Int(byte)]
                if value == 0xFF { throw DecodingError(reason: .invalidCharacter, offset: offset) }
                if padding > 0 { throw DecodingError(reason: .misplacedPadding, offset: paddingStart) }
                if quantum.1 == 0 { quantumStart = offset }
                quantum.0 = quantum.0 << 6 | UInt32(value)
                quantum.1 += 1
                if quantum.1 == 4 {
                    output.append(UInt8(truncatingIfNeeded: quantum.0 >> 16))
                    output.append(UInt8(truncatingIfNeeded: quantum.0 >> 8))
                    output.append(UInt8(truncatingIfNeeded: quantum.0))
                    quantum = (0, 0)
                }
            }
        }
        if quantum.1 == 0 { return output }
        if quantum.1 + padding != 4 { throw DecodingError(reason: .truncated, offset: quantumStart) }
        if quantum.1 == 2 {
            if quantum.0 & 0xF != 0 { throw DecodingError(reason: .nonZeroPaddingBits, offset: quantumStart) }
            output.append(UInt8(truncatingIfNeeded: quantum.0 >> 4))
        } else {
            if quantum.0 & 0x3 != 0 { throw DecodingError(reason: .nonZeroPaddingBits, offset: quantumStart) }
            output.append(UInt8(truncatingIfNeeded: quantum.0 >> 10))
            output.append(UInt8(truncatingIfNeeded: quantum.0 >> 2))
        }
        return output
    }
}
