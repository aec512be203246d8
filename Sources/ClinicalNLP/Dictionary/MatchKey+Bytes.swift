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
                let start = keys.bytes.count
                keys.bytes.append(contentsOf: token.normalized.utf8)
                keys.closeKey(from: start, stemming: false)
                return true
            }
            return false
        case .number, .date, .code, .abbreviation:
            let start = keys.bytes.count
            keys.bytes.append(contentsOf: token.normalized.utf8)
            keys.closeKey(from: start, stemming: false)
            return true
        case .word:
            var start = keys.bytes.count
            // Split at hyphens, drop apostrophes: both are ASCII, so this byte loop splits exactly where the
            // scalar loop of `appendUnits` does (UTF-8 continuation bytes are never 0x2D or 0x27).
            for byte in token.normalized.utf8 {
                if byte == 0x2D {
                    keys.closeKey(from: start, stemming: true)
                    start = keys.bytes.count
                } else if byte != 0x27 {
                    keys.bytes.append(byte)
                }
            }
            keys.closeKey(from: start, stemming: true)
            return true
        }
    }

    /// `stem` in place on `bytes[start...]` (a key just written): same rules, same result.
    @inline(__always)
    static func stem(_ bytes: inout [UInt8], from start: Int) {
        let n = bytes.count - start
        guard n >= 4, bytes[bytes.count - 1] == 0x73 /* s */ else { return }
        for k in start..<bytes.count where bytes[k] < 0x61 || bytes[k] > 0x7A { return }
        func ends(_ suffix: StaticString) -> Bool {
            let m = suffix.utf8CodeUnitCount
            guard n >= m else { return false }
            let s = suffix.utf8Start
            for k in 0..<m where bytes[bytes.count - m + k] != s[k] { return false }
            return true
        }
        if ends("ss") || ends("us") || ends("is") { return }
        if ends("ies") && n > 4 {
            bytes.removeLast(3); bytes.append(0x79)  // y
        } else if ends("oses") && n > 5 {
            bytes.removeLast(2); bytes.append(0x69); bytes.append(0x73)  // is
        } else if ends("sses") || ends("xes") || ends("ches") || ends("shes") {
            bytes.removeLast(2)
        } else {
            bytes.removeLast(1)
        }
    }
}
