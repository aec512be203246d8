/// How tokens become match keys, identically for lexicon terms and note text, so matching is case-,
/// punctuation- and inflection-insensitive:
/// - lower-case (the tokenizer's `normalized`), dots of abbreviations gone (`b.i.d.` ≡ `bid`);
/// - hyphenated words split into their parts (`follow-up` ≡ `follow up`), apostrophes dropped
///   (`Crohn's` ≡ `Crohns`);
/// - a light plural stemmer on alphabetic words of 4+ letters (`ies`→`y`, `oses`→`osis`, `sses`→`ss`,
///   `xes`/`ches`/`shes`→ drop `es`, final `s` dropped unless `ss`, `us`, `is`), applied to both sides, so
///   `ulcers` ≡ `ulcer` and `allergies` ≡ `allergy`;
/// - punctuation tokens are not keys: in a term they are dropped, in a note they are barriers a match cannot
///   cross (so `pain, fever` never matches a term `pain fever`).
enum MatchKey {
    struct Unit {
        var key: String
        /// Original-text range of this unit.
        var range: Range<Int>
        /// Index of the token it came from.
        var token: Int
    }

    /// Appends the units of `token` (index `tokenIndex`) to `units`. Returns false if the token is a barrier.
    @inline(__always)
    static func appendUnits(of token: Token, tokenIndex: Int, to units: inout [Unit]) -> Bool {
        switch token.kind {
        case .punctuation:
            return false
        case .symbol:
            // A lone hyphen inside a term ("follow - up") is not a barrier; other symbols are.
            if token.normalized == "-" { return true }
            if token.normalized == "&" || token.normalized == "+" || token.normalized == "%" {
                units.append(Unit(key: token.normalized, range: token.range, token: tokenIndex))
                return true
            }
            return false
        case .number, .date, .code, .abbreviation:
            units.append(Unit(key: token.normalized, range: token.range, token: tokenIndex))
            return true
        case .word:
            let text = token.normalized
            var plain = true
            for byte in text.utf8 where byte == 0x2D || byte == 0x27 { plain = false; break }
            if plain {
                units.append(Unit(key: stem(text), range: token.range, token: tokenIndex))
                return true
            }
            // Split at hyphens; drop apostrophes. Ranges of parts are exact when normalized text is the same
            // length as the original (the usual case); otherwise each part gets the whole token range.
            let scalars = Array(text.unicodeScalars)
            let exact = scalars.count == token.range.count
            var part = [UInt8]()
            var partStart = 0
            func flush(_ end: Int) {
                guard !part.isEmpty else { return }
                let key = stem(String(decoding: part, as: UTF8.self))
                let range = exact ? (token.range.lowerBound + partStart)..<(token.range.lowerBound + end) : token.range
                units.append(Unit(key: key, range: range, token: tokenIndex))
                part.removeAll(keepingCapacity: true)
            }
            for (k, s) in scalars.enumerated() {
                if s == "-" { flush(k); partStart = k + 1; continue }
                if s == "'" { continue }
                if part.isEmpty { partStart = k }
                ScalarClass.appendUTF8(s, to: &part)
            }
            flush(scalars.count)
            return true
        }
    }

    /// Light plural stemmer (see type comment). Works on lower-case ASCII; other words are returned unchanged.
    static func stem(_ word: String) -> String {
        let u = word.utf8
        let n = u.count
        guard n >= 4, u.last == 0x73 /* s */ else { return word }
        return word.withCString { pointer -> String in
            let bytes = UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self)
            for k in 0..<n where bytes[k] < 0x61 || bytes[k] > 0x7A { return word }
            @inline(__always) func ends(_ suffix: StaticString) -> Bool {
                let m = suffix.utf8CodeUnitCount
                guard n >= m else { return false }
                let s = suffix.utf8Start
                for k in 0..<m where bytes[n - m + k] != s[k] { return false }
                return true
            }
            @inline(__always) func prefix(_ count: Int, _ tail: StaticString = "") -> String {
                var out = [UInt8](UnsafeBufferPointer(start: bytes, count: count))
                out.append(contentsOf: UnsafeBufferPointer(start: tail.utf8Start, count: tail.utf8CodeUnitCount))
                return String(decoding: out, as: UTF8.self)
            }
            if ends("ss") || ends("us") || ends("is") { return word }
            if ends("ies") && n > 4 { return prefix(n - 3, "y") }
            if ends("oses") && n > 5 { return prefix(n - 2, "is") }
            if ends("sses") || ends("xes") || ends("ches") || ends("shes") { return prefix(n - 2) }
            return prefix(n - 1)
        }
    }
}
