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

    /// One-scalar Strings of the ASCII range, and of their lower case (shared by every one-character token).
    static let asciiStrings: [String] = (0..<128).map { String(Unicode.Scalar(UInt8($0))) }
    static let asciiLowercaseStrings: [String] = (0..<128).map {
        String(Unicode.Scalar(UInt8($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0)))
    }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        scalars.withUnsafeBufferPointer { string($0) }
    }

    /// The String of a run of scalars. Encodes UTF-8 straight into the String's storage: appending to a
    /// `String.UnicodeScalarView` went through a generic iterator per scalar and was 15 % of `annotate`.
    static func string(_ source: UnsafeBufferPointer<Unicode.Scalar>) -> String {
        var utf8Count = 0
        for s in source { utf8Count += UTF8.width(s) }
        return String(unsafeUninitializedCapacity: utf8Count) { buffer -> Int in
            var i = 0
            for s in source {
                let v = s.value
                if v < 0x80 {
                    buffer[i] = UInt8(truncatingIfNeeded: v); i += 1
                } else {
                    UTF8.encode(s) { buffer[i] = $0; i += 1 }
                }
            }
            return i
        }
    }

    /// The scalars of a String, decoded from its UTF-8 (valid by construction) without the generic
    /// `unicodeScalars` iterator.
    static func scalars(of text: String) -> [Unicode.Scalar] {
        var text = text
        return text.withUTF8 { bytes -> [Unicode.Scalar] in
            let n = bytes.count
            return [Unicode.Scalar](unsafeUninitializedCapacity: n) { out, count in
                var i = 0, k = 0
                let base = out.baseAddress!
                while i < n {
                    // Eight ASCII bytes at a time (notes are mostly ASCII).
                    if i + 8 <= n {
                        let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self))
                        if word & 0x8080_8080_8080_8080 == 0 {
                            for j in 0..<8 {
                                (base + k + j).initialize(to: Unicode.Scalar(UInt8(truncatingIfNeeded: word >> (8 * UInt64(j)))))
                            }
                            i += 8; k += 8
                            continue
                        }
                    }
                    let b0 = UInt32(bytes[i])
                    var v: UInt32
                    if b0 < 0x80 {
                        v = b0; i += 1
                    } else if b0 < 0xE0 {
                        v = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F); i += 2
                    } else if b0 < 0xF0 {
                        v = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F); i += 3
                    } else {
                        v = (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                            | UInt32(bytes[i + 3] & 0x3F)
                        i += 4
                    }
                    // Decoded from valid UTF-8, so `v` is a valid scalar value.
                    (out.baseAddress! + k).initialize(to: unsafeBitCast(v, to: Unicode.Scalar.self))
                    k += 1
                }
                count = k
            }
        }
    }
}
