/// Character-level clean-up before tokenization. Never changes what a span of the original text is: every
/// normalized scalar keeps a pointer to the original offsets (see `NormalizedText`).
///
/// What it does, and why:
/// - typographic quotes and dashes become ASCII `'`, `"`, `-` (notes pasted from word processors);
/// - no-break, thin and other Unicode spaces become a space; C0/C1 control characters other than tab, LF and
///   CR become a space (binary junk, form feeds in exported documents);
/// - zero-width spaces/joiners, BOMs and soft hyphens are removed (they split words invisibly);
/// - ligatures (`ﬁ`, `ﬂ`, ...) and full-width ASCII are expanded/folded (PDF and OCR text);
/// - OCR: a `|` between two lower-case letters becomes `l` (`b|ood`); a pipe next to spaces or digits is a table
///   rule and stays. Nothing else is guessed (`0` for `o` is too often a real digit).
public struct TextNormalizer: Sendable {
    public init() {}

    public func normalize(_ original: [Unicode.Scalar]) -> NormalizedText {
        // Printable ASCII, tabs and line breaks, without a pipe, is left exactly as it is: share the array.
        if Self.isPlain(original) {
            return NormalizedText(scalars: original, originalCount: original.count, sourceStart: [], sourceEnd: [])
        }
        var output = [Unicode.Scalar]()
        output.reserveCapacity(original.count)
        var starts = [Int32]()
        var ends = [Int32]()
        var mapped = false

        func switchToMap(upTo count: Int) {
            mapped = true
            starts.reserveCapacity(original.count + 8)
            ends.reserveCapacity(original.count + 8)
            for i in 0..<count {
                starts.append(Int32(i))
                ends.append(Int32(i + 1))
            }
        }

        for index in original.indices {
            let scalar = original[index]
            let value = scalar.value
            if value < 0x7F {
                if value >= 0x20 || value == 0x09 || value == 0x0A || value == 0x0D {
                    var out = scalar
                    if value == 0x7C, index > 0, index + 1 < original.count,
                       Self.isLowerLetter(original[index - 1]), Self.isLowerLetter(original[index + 1]) {
                        out = "l"
                    }
                    output.append(out)
                } else {
                    output.append(" ")
                }
                if mapped { starts.append(Int32(index)); ends.append(Int32(index + 1)) }
                continue
            }
            switch Self.replacement(for: value) {
            case .keep:
                output.append(scalar)
                if mapped { starts.append(Int32(index)); ends.append(Int32(index + 1)) }
            case .replace(let new):
                output.append(new)
                if mapped { starts.append(Int32(index)); ends.append(Int32(index + 1)) }
            case .delete:
                if !mapped { switchToMap(upTo: output.count) }
            case .expand(let new):
                if !mapped { switchToMap(upTo: output.count) }
                for s in new.unicodeScalars {
                    output.append(s)
                    starts.append(Int32(index))
                    ends.append(Int32(index + 1))
                }
            }
        }
        return NormalizedText(scalars: output, originalCount: original.count,
                              sourceStart: mapped ? starts : [], sourceEnd: mapped ? ends : [])
    }

    private enum Replacement {
        case keep
        case replace(Unicode.Scalar)
        case delete
        case expand(String)
    }

    private static func isPlain(_ scalars: [Unicode.Scalar]) -> Bool {
        scalars.withUnsafeBufferPointer { buffer in
            for scalar in buffer {
                let v = scalar.value
                if v >= 0x7F || v == 0x7C || (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) { return false }
            }
            return true
        }
    }

    @inline(__always)
    private static func isLowerLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x61 && scalar.value <= 0x7A
    }

    private static func replacement(for value: UInt32) -> Replacement {
        switch value {
        case 0x80...0x9F: return .replace(" ")
        case 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return .replace(" ")
        case 0x2028, 0x2029, 0x85: return .replace("\n")
        case 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: return .delete
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x00B4, 0x0060: return .replace("'")
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB: return .replace("\"")
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE63, 0xFF0D: return .replace("-")
        case 0x2044, 0x2215: return .replace("/")
        case 0x2026: return .expand("...")
        case 0xFB00: return .expand("ff")
        case 0xFB01: return .expand("fi")
        case 0xFB02: return .expand("fl")
        case 0xFB03: return .expand("ffi")
        case 0xFB04: return .expand("ffl")
        case 0xFF01...0xFF5E:
            return .replace(Unicode.Scalar(value - 0xFF01 + 0x21)!)
        default: return .keep
        }
    }
}
