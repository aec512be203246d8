/// Decodes attachment bytes to a String by the `charset` of the content type.
///
/// Supported: UTF-8 (the default when no charset is given, BOM stripped), ISO-8859-1 / Latin-1 (every byte is the
/// code point of the same value), Windows-1252 (WHATWG table: the five undefined bytes map to the C1 controls of the
/// same value, as browsers do), UTF-16 with a byte-order mark, and UTF-16LE/BE without one. A UTF-16 BOM also wins
/// over a missing charset, because such producers rarely declare one. Invalid bytes are an error with the byte
/// offset — never silently replaced, because replaced characters would shift every offset reported later.
public enum CharsetDecoder {
    public enum Charset: String, Sendable, CaseIterable {
        case utf8 = "UTF-8", latin1 = "ISO-8859-1", windows1252 = "windows-1252"
        case utf16 = "UTF-16", utf16LE = "UTF-16LE", utf16BE = "UTF-16BE"

        /// Label lookup, case-insensitive, with the usual aliases.
        public init?(label: String) {
            switch label.trimmingWhitespace().lowercased() {
            case "utf-8", "utf8", "unicode-1-1-utf-8": self = .utf8
            case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii",
                 "iso-ir-100", "cp819", "ibm819": self = .latin1
            case "windows-1252", "cp1252", "x-cp1252": self = .windows1252
            case "utf-16", "utf16": self = .utf16
            case "utf-16le": self = .utf16LE
            case "utf-16be": self = .utf16BE
            default: return nil
            }
        }
    }

    public struct DecodingError: Error, Sendable, Equatable, CustomStringConvertible {
        public let charset: Charset
        public let byteOffset: Int
        public let reason: String
        public var description: String { "bytes are not valid \(charset.rawValue) at byte \(byteOffset): \(reason)" }
    }

    public static func decode(_ bytes: [UInt8], charset: Charset?) throws(DecodingError) -> String {
        let hasUTF16BOM = bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF))
        switch charset {
        case nil where hasUTF16BOM, .utf16?:
            guard hasUTF16BOM else {
                throw DecodingError(charset: .utf16, byteOffset: 0, reason: "UTF-16 without a byte-order mark")
            }
            return try decodeUTF16(bytes, from: 2, bigEndian: bytes[0] == 0xFE, charset: .utf16)
        case nil, .utf8?:
            return try decodeUTF8(bytes)
        case .latin1?:
            var view = String.UnicodeScalarView()
            view.append(contentsOf: bytes.map { Unicode.Scalar($0) })
            return String(view)
        case .windows1252?:
            var view = String.UnicodeScalarView()
            view.append(contentsOf: bytes.map { windows1252Scalar($0) })
            return String(view)
        case .utf16LE?, .utf16BE?:
            let bigEndian = charset == .utf16BE
            // A BOM matching the declared order is dropped (common in practice), a contrary one is an error.
            var start = 0
            if hasUTF16BOM {
                guard (bytes[0] == 0xFE) == bigEndian else {
                    throw DecodingError(charset: charset!, byteOffset: 0, reason: "byte-order mark contradicts the charset")
                }
                start = 2
            }
            return try decodeUTF16(bytes, from: start, bigEndian: bigEndian, charset: charset!)
        }
    }

    private static func decodeUTF8(_ bytes: [UInt8]) throws(DecodingError) -> String {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let body = bytes[start...]
        // Validate first (the error names the byte offset), then decode in one pass: most notes are ASCII or
        // valid UTF-8, so the check is a scan and the String is built by the standard library's bulk decoder.
        if !body.allSatisfy({ $0 < 0x80 }) {
            var parser = Unicode.UTF8.ForwardParser()
            var iterator = body.makeIterator()
            var offset = start
            validation: while true {
                switch parser.parseScalar(from: &iterator) {
                case .valid(let encoded): offset += encoded.count
                case .emptyInput: break validation
                case .error(let length):
                    throw DecodingError(charset: .utf8, byteOffset: offset, reason: "invalid sequence of \(length) byte(s)")
                }
            }
        }
        return String(decoding: body, as: UTF8.self)
    }

    private static func decodeUTF16(_ bytes: [UInt8], from start: Int, bigEndian: Bool,
                                    charset: Charset) throws(DecodingError) -> String {
        guard (bytes.count - start) % 2 == 0 else {
            throw DecodingError(charset: charset, byteOffset: bytes.count - 1, reason: "odd number of bytes")
        }
        var units: [UInt16] = []
        units.reserveCapacity((bytes.count - start) / 2)
        var i = start
        while i < bytes.count {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            i += 2
        }
        var view = String.UnicodeScalarView()
        var parser = Unicode.UTF16.ForwardParser()
        var iterator = units.makeIterator()
        var unitOffset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                view.append(Unicode.UTF16.decode(encoded))
                unitOffset += encoded.count
            case .emptyInput:
                return String(view)
            case .error:
                throw DecodingError(charset: charset, byteOffset: start + unitOffset * 2, reason: "unpaired surrogate")
            }
        }
    }

    /// Windows-1252 bytes 0x80–0x9F (WHATWG encoding standard index); other bytes equal their code point.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    private static func windows1252Scalar(_ byte: UInt8) -> Unicode.Scalar {
        if (0x80...0x9F).contains(byte) { return Unicode.Scalar(windows1252High[Int(byte - 0x80)])! }
        return Unicode.Scalar(byte)
    }
}
