/// Byte-level match keys: exactly the keys of `MatchKey.appendUnits`/`stem`, written into a reusable buffer instead
/// of one String per unit. Lexicon terms and note tokens both go through here, so both sides always agree.
extension MatchKey {
    /// Appends the keys of `token` to `keys`. Returns false if the token is a barrier (see `appendUnits`).
    static func appendKeys(of token: Token, to keys: inout MatchKeyBuffer) -> Bool {
        var utf8 = token.normalized
        return utf8.withUTF8 { appendKeys(kind: token.kind, normalized: $0, to: &keys) }
    }

    /// Appends the keys of a token of `kind` whose normalized form is the UTF-8 `normalized`. Returns false if the
    /// token is a barrier (see `appendUnits`).
    @inline(__always)
    static func appendKeys(kind: Token.Kind, normalized: UnsafeBufferPointer<UInt8>, to keys: inout MatchKeyBuffer) -> Bool {
        switch kind {
        case .punctuation:
            return false
        case .symbol:
            // The same (canonical-equivalence) semantics as `appendUnits`' String comparison: bytewise for ASCII
            // (exact there), through String otherwise.
            if isSymbol(normalized, "-") { return true }
            if isSymbol(normalized, "&") || isSymbol(normalized, "+") || isSymbol(normalized, "%") {
                keys.appendKey(normalized)
                return true
            }
            return false
        case .number, .date, .code, .abbreviation:
            keys.appendKey(normalized)
            return true
        case .word:
            keys.appendWordKeys(normalized)
            return true
        }
    }

    /// Whether a token's keys are exactly one key equal to its normalized bytes, as `appendKeys` would write
    /// them: numbers, dates, codes and abbreviations always; words without a hyphen or apostrophe (the
    /// tokenizer's flags say so without a scan) that stemming leaves alone (it only touches 4+ byte words ending
    /// in `s`). Punctuation and symbols take `appendKeys`.
    @inline(__always)
    static func isSingleKey(_ token: CompactToken, normalized: UnsafeBufferPointer<UInt8>) -> Bool {
        switch token.kind {
        case .number, .date, .code, .abbreviation:
            return !normalized.isEmpty
        case .word:
            let n = normalized.count
            return n > 0 && token.flags & CompactToken.Flags.separator == 0 && (n < 4 || normalized[n - 1] != 0x73)
        case .punctuation, .symbol:
            return false
        }
    }

    @inline(__always)
    private static func isSymbol(_ bytes: UnsafeBufferPointer<UInt8>, _ symbol: StaticString) -> Bool {
        if TokenTable.Reader.isASCII(bytes) { return TokenTable.Reader.equal(bytes, symbol) }
        return String(decoding: bytes, as: UTF8.self) == symbol.description
    }

    /// Length of the stemmed form of the key `bytes[0 ..< n]`, stemming in place (`stem`'s rules, same result):
    /// only lower-case ASCII words of 4+ bytes ending in `s` change.
    @inline(__always)
    static func stemmedLength(_ bytes: UnsafeMutablePointer<UInt8>, _ n: Int) -> Int {
        guard n >= 4, bytes[n - 1] == 0x73 /* s */ else { return n }
        for k in 0..<n where bytes[k] < 0x61 || bytes[k] > 0x7A { return n }
        @inline(__always) func ends(_ a: UInt8, _ b: UInt8) -> Bool { bytes[n - 2] == a && bytes[n - 1] == b }
        let c3 = bytes[n - 3], c4 = bytes[n - 4]
        // "ss", "us", "is" stay.
        if ends(0x73, 0x73) || ends(0x75, 0x73) || ends(0x69, 0x73) { return n }
        let es = ends(0x65, 0x73)
        if es && c3 == 0x69 && n > 4 {  // ies -> y
            bytes[n - 3] = 0x79
            return n - 2
        }
        if es && c3 == 0x73 && c4 == 0x6F && n > 5 {  // oses -> osis
            bytes[n - 2] = 0x69
            return n
        }
        // sses, xes, ches, shes -> drop "es"
        if es && ((c3 == 0x73 && c4 == 0x73) || c3 == 0x78 || (c3 == 0x68 && (c4 == 0x63 || c4 == 0x73))) { return n - 2 }
        return n - 1
    }

    /// `stemmedLength` on an array (tests).
    static func stem(_ bytes: inout [UInt8], from start: Int) {
        let n = bytes.count - start
        guard n > 0 else { return }
        let length = bytes.withUnsafeMutableBufferPointer { stemmedLength($0.baseAddress! + start, n) }
        bytes.removeLast(n - length)
    }
}
