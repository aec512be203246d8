/// Byte-level XML escaping shared by the narrative reader and the writer.
enum XMLEscaping {
    /// Appends one UTF-8 byte, escaped for element text or (when `attribute`) a double-quoted attribute value.
    /// Quotes are escaped in text too, as the FHIR build tool does. In attributes, tab/CR/LF become character
    /// references, because a parser would otherwise normalise them to spaces.
    @inline(__always)
    static func append(_ byte: UInt8, attribute: Bool, into out: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "&"): out += ampersand
        case UInt8(ascii: "<"): out += lessThan
        case UInt8(ascii: ">"): out += greaterThan
        case UInt8(ascii: "\""): out += quote
        case 0x09 where attribute: out += tab
        case 0x0A where attribute: out += lineFeed
        case 0x0D: out += carriageReturn
        case 0x00..<0x20 where byte != 0x09 && byte != 0x0A:
            // XML 1.0 cannot carry other C0 controls, not even as character references (FHIR strings may
            // not hold them either); U+FFFD keeps the output well-formed.
            out += replacement
        default: out.append(byte)
        }
    }

    /// True when the byte needs escaping in an attribute value (a fast path skips clean strings).
    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte < 0x20
    }

    private static let ampersand = Array("&amp;".utf8)
    private static let lessThan = Array("&lt;".utf8)
    private static let greaterThan = Array("&gt;".utf8)
    private static let quote = Array("&quot;".utf8)
    private static let tab = Array("&#9;".utf8)
    private static let lineFeed = Array("&#10;".utf8)
    private static let carriageReturn = Array("&#13;".utf8)
    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
}
