/// Byte-level match keys: exactly the keys of `MatchKey.appendUnits`/`stem`, written into a reusable buffer instead
/// of one String per unit. Lexicon terms and note tokens both go through here, so both sides always agree.
extension MatchKey {
    /// Appends the keys of `token` to `keys`. Returns false if the token is a barrier (see `appendUnits`).
    @inline(__always)
    static func appendKeys(of token: Token, to keys: inout MatchKeyBuffer) -> Bool {
        switch token.kind {
        case .punctuation:
            return false
        case .symbol:
            // String comparison on purpose: the same (canonical-equivalence) semantics as `appendUnits`.
            if token.normalized == "-" { return true }
            if token.normalized == "&" || token.normalized == "+" || token.normalized == "%" {
                keys.appendKey(token.normalized.utf8)
                return true
            }
            return false
        case .number, .date, .code, .abbreviation:
            keys.appendKey(token.normalized.utf8)
            return true
        case .word:
            let utf8 = token.normalized.utf8
            if utf8.withContiguousStorageIfAvailable({ keys.appendWordKeys($0) }) == nil {
                Array(utf8).withUnsafeBufferPointer { keys.appendWordKeys($0) }
            }
            return true
        }
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
