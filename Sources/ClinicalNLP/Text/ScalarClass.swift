/// Fast character classes over Unicode scalars (ASCII fast path, Unicode properties otherwise).
enum ScalarClass {
    @inline(__always)
    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

    @inline(__always)
    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }
        if v == 0xFFFD { return false }
        return s.properties.isAlphabetic
    }

    @inline(__always)
    static func isAlphanumeric(_ s: Unicode.Scalar) -> Bool { isDigit(s) || isLetter(s) }

    @inline(__always)
    static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D || v == 0x0B || v == 0x0C }
        return s.properties.isWhitespace
    }

    @inline(__always)
    static func isNewline(_ s: Unicode.Scalar) -> Bool { s.value == 0x0A || s.value == 0x0D }

    @inline(__always)
    static func isUpper(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v >= 0x41 && v <= 0x5A }
        return s.properties.isUppercase
    }

    @inline(__always)
    static func isLower(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v >= 0x61 && v <= 0x7A }
        return s.properties.isLowercase
    }

    /// Appends the lower-cased form of `s` as UTF-8.
    @inline(__always)
    static func appendLowercased(_ s: Unicode.Scalar, to bytes: inout [UInt8]) {
        let v = s.value
        if v < 0x80 {
            bytes.append(UInt8(v >= 0x41 && v <= 0x5A ? v | 0x20 : v))
        } else {
            for l in s.properties.lowercaseMapping.utf8 { bytes.append(l) }
        }
    }

    @inline(__always)
    static func appendUTF8(_ s: Unicode.Scalar, to bytes: inout [UInt8]) {
        let v = s.value
        if v < 0x80 { bytes.append(UInt8(v)) } else { bytes.append(contentsOf: UTF8.encode(s)!) }
    }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
