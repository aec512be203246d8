/// The tagger's tokenizer: runs of letters and digits form a token, every other visible scalar is a token of its own.
/// Splitting at every hyphen, slash, bracket and apostrophe makes entity boundaries fall on token boundaries in
/// almost every annotated corpus (`Selegiline` in `Selegiline-induced`); the features put the pieces back together
/// through the `attached` flags and the whitespace-delimited chunk. Version is stored in model files.
public enum TaggerTokenizer {
    public static let version = 1

    public static func tokenize(_ scalars: [Unicode.Scalar]) -> [TaggerToken] {
        var tokens: [TaggerToken] = []
        tokens.reserveCapacity(scalars.count / 4)
        var index = 0
        var sawSpace = true
        var sawNewline = true
        var newlines = 2
        while index < scalars.count {
            let scalar = scalars[index]
            if isSpace(scalar) {
                sawSpace = true
                if scalar == "\n" || scalar.value == 0x2028 || scalar.value == 0x2029 || (scalar == "\r" && (index + 1 == scalars.count || scalars[index + 1] != "\n")) {
                    sawNewline = true
                    newlines += 1
                }
                index += 1
                continue
            }
            let start = index
            if isWordScalar(scalar) {
                while index < scalars.count, isWordScalar(scalars[index]) { index += 1 }
            } else {
                index += 1
            }
            tokens.append(TaggerToken(range: start..<index, attachedToPrevious: !sawSpace && !tokens.isEmpty, startsLine: sawNewline,
                                      startsParagraph: newlines >= 2))
            sawSpace = false
            sawNewline = false
            newlines = 0
        }
        return tokens
    }

    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: return true
        case 0..<0x80: return false
        default: return scalar.properties.isWhitespace
        }
    }

    @inline(__always)
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A)
        }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil
    }

    /// Sequence boundaries for decoding: after `.`, `?` or `!` followed by whitespace and a capital or digit, at
    /// blank lines, and at line breaks after `.`, `:`, `;`, `?` or `!`. A single line break alone does not cut:
    /// hard-wrapped notes break lines inside entities. Returns half-open token index ranges covering all tokens. `blocked` marks token gaps that
    /// must not be cut (inside a gold entity during training).
    public static func sequences(_ tokens: [TaggerToken], scalars: [Unicode.Scalar], blocked: (Int) -> Bool = { _ in false }) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        for index in 1..<max(1, tokens.count) {
            let token = tokens[index]
            let previous = scalars[tokens[index - 1].range.lowerBound]
            let previousIsPunctuation = tokens[index - 1].range.count == 1
            var cut = token.startsParagraph
                || token.startsLine && previousIsPunctuation && (previous == "." || previous == ":" || previous == ";" || previous == "?" || previous == "!")
            if !cut, !token.attachedToPrevious {
                if previousIsPunctuation, previous == "." || previous == "?" || previous == "!" {
                    let first = scalars[token.range.lowerBound]
                    cut = first.properties.isUppercase || (first.value >= 0x30 && first.value <= 0x39)
                }
            }
            if cut, !blocked(index) {
                result.append(start..<index)
                start = index
            }
        }
        if start < tokens.count { result.append(start..<tokens.count) }
        return result
    }
}
