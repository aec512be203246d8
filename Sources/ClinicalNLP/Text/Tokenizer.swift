/// Clinical tokenizer. Splits where clinical text needs it and keeps together what it must:
/// - numbers glued to units split (`500mg` → `500` `mg`), decimals and thousands stay (`0.5`, `1,000`);
/// - dotted abbreviations are one token (`b.i.d.`, `p.o.`, `e.g.`) whose normalized form drops the dots (`bid`);
/// - short slash forms are one token (`s/p`, `w/o`, `h/o`, `n/v/d`, `mg/dL`); longer ones split (`HTN/DM`);
/// - hyphenated terms are one token (`follow-up`, `x-ray`, `COVID-19`); dosing codes too (`q4-6h`, `q8h`);
/// - dates and times are one token (`01/02/2020`, `2020-01-02`, `10:30`).
/// Tokens carry ranges in ORIGINAL scalar offsets; the tokenizer reads the normalized scalars.
public struct Tokenizer: Sendable {
    public let normalizer: TextNormalizer

    public init(normalizer: TextNormalizer = TextNormalizer()) {
        self.normalizer = normalizer
    }

    /// Tokenizes a string (convenience for tests and callers without scalars at hand).
    public func tokenize(_ text: String) -> [Token] {
        let original = Array(text.unicodeScalars)
        return tokenize(original: original, normalized: normalizer.normalize(original))
    }

    public func tokenize(original: [Unicode.Scalar], normalized: NormalizedText) -> [Token] {
        table(normalized).materialize(original: original)
    }

    /// The tokens as a `TokenTable` (what the pipeline reads; no String per token). Ranges are in original
    /// offsets through `normalized`'s offset map; the original text itself is only needed to materialize.
    func table(_ normalized: NormalizedText) -> TokenTable {
        // Raw buffer: the scanners and the per-token loop run without bounds checks or array retains.
        normalized.scalars.withUnsafeBufferPointer { Self.table($0, normalized: normalized) }
    }

    private static func table(_ s: UnsafeBufferPointer<Unicode.Scalar>, normalized: NormalizedText) -> TokenTable {
        let n = s.count
        var tokens = [CompactToken]()
        tokens.reserveCapacity(n / 4 + 1)
        // Normalized bytes are written through a raw pointer into a buffer sized for all-ASCII text (one byte per
        // scalar at most); `Array.append` per byte cost a uniqueness and capacity check each. A token whose
        // lower-cased form does not fit (non-ASCII text can expand) makes the buffer grow and is scanned again.
        var bytes = [UInt8](repeating: 0, count: n + 64)
        var used = 0
        var i = 0
        let preserving = normalized.isOffsetPreserving
        while i < n {
            var shortOf = 0
            bytes.withUnsafeMutableBufferPointer { out in
                while i < n {
                    let c = s[i]
                    if ScalarClass.isWhitespace(c) { i += 1; continue }
                    let start = i
                    var kind: Token.Kind
                    var end: Int
                    if ScalarClass.isDigit(c) {
                        if let e = scanDate(s, start) {
                            end = e; kind = .date
                        } else {
                            end = scanNumber(s, start); kind = .number
                        }
                    } else if c == ".", i + 1 < n, ScalarClass.isDigit(s[i + 1]), i == 0 || !ScalarClass.isAlphanumeric(s[i - 1]) {
                        end = scanNumber(s, i + 1); kind = .number
                    } else if ScalarClass.isLetter(c) {
                        if let e = scanFrequencyCode(s, start) {
                            end = e; kind = .code
                        } else if hasEarlyDot(s, start), let e = scanDottedAbbreviation(s, start) {
                            end = e; kind = .abbreviation
                        } else {
                            end = scanWord(s, start); kind = .word
                        }
                    } else {
                        end = i + 1
                        kind = isPunctuation(c) ? .punctuation : .symbol
                    }
                    // Normalized form: lower-case; abbreviations lose their dots.
                    var flags: UInt8 = 0
                    var hash: UInt64 = 0
                    guard let keyEnd = writeLowercased(s, start..<end, dropDots: kind == .abbreviation, into: out, at: used,
                                                       flags: &flags, hash: &hash) else {
                        shortOf = 4 * (end - start) + 64
                        return
                    }
                    tokens.append(CompactToken(range: preserving ? start..<end : normalized.originalRange(start..<end),
                                               keyStart: used, keyEnd: keyEnd, kind: kind, flags: flags, hash: hash))
                    used = keyEnd
                    i = end
                }
            }
            if shortOf > 0 { bytes.append(contentsOf: repeatElement(0, count: max(shortOf, bytes.count / 2))) }
        }
        bytes.removeLast(bytes.count - used)
        return TokenTable(tokens: tokens, bytes: bytes)
    }

    /// Writes the lower-cased UTF-8 of `s[range]` (ASCII dots dropped for abbreviations) at `out[at...]`, with
    /// its `CompactToken.Flags` and `KeyTable.hash`; returns the end, or nil when it does not fit (nothing the
    /// caller keeps was written).
    @inline(__always)
    private static func writeLowercased(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ range: Range<Int>, dropDots: Bool,
                                        into out: UnsafeMutableBufferPointer<UInt8>, at start: Int,
                                        flags: inout UInt8, hash: inout UInt64) -> Int? {
        var m = start
        let limit = out.count
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var f: UInt8 = 0
        for k in range {
            let v = s[k].value
            if v < 0x80 {
                if dropDots && v == 0x2E { continue }
                guard m < limit else { return nil }
                let byte = UInt8(truncatingIfNeeded: v &- 0x41 < 26 ? v | 0x20 : v)
                out[m] = byte
                h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
                f |= CompactToken.Flags.of(byte)
                m += 1
            } else {
                for byte in s[k].properties.lowercaseMapping.utf8 {
                    guard m < limit else { return nil }
                    out[m] = byte
                    h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
                    f |= CompactToken.Flags.of(byte)
                    m += 1
                }
            }
        }
        flags = f
        hash = h
        return m
    }

    @inline(__always)
    static func isPunctuation(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case ".", ",", ";", ":", "!", "?", "(", ")", "[", "]", "{", "}", "\"", "'": return true
        default: return false
        }
    }

    /// Digits with thousands separators and one decimal part.
    private static func scanNumber(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int) -> Int {
        let n = s.count
        var i = start
        while i < n, ScalarClass.isDigit(s[i]) { i += 1 }
        // Thousands: 1,000 / 10,000,000 (exactly three digits after each comma, then no further digit).
        while i + 3 < n, s[i] == ",", ScalarClass.isDigit(s[i + 1]), ScalarClass.isDigit(s[i + 2]),
              ScalarClass.isDigit(s[i + 3]), !(i + 4 < n && ScalarClass.isDigit(s[i + 4])) {
            i += 4
        }
        if i + 1 < n, s[i] == ".", ScalarClass.isDigit(s[i + 1]) {
            i += 1
            while i < n, ScalarClass.isDigit(s[i]) { i += 1 }
        }
        return i
    }

    /// `12/31/2020`, `12-31-2020`, `2020-12-31`, `12/31/20`, `10:30`, `10:30:15`.
    private static func scanDate(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int) -> Int? {
        let n = s.count
        func digits(_ from: Int) -> Int {
            var k = from
            while k < n, ScalarClass.isDigit(s[k]) { k += 1 }
            return k - from
        }
        let d1 = digits(start)
        var i = start + d1
        guard i < n else { return nil }
        if s[i] == ":" && d1 <= 2 {
            let d2 = digits(i + 1)
            guard d2 == 2 else { return nil }
            i += 1 + d2
            if i < n, s[i] == ":", digits(i + 1) == 2 { i += 3 }
            return i
        }
        guard s[i] == "/" || s[i] == "-" else { return nil }
        let separator = s[i]
        let d2 = digits(i + 1)
        guard d2 >= 1, d2 <= 2 else { return nil }
        let j = i + 1 + d2
        guard j < n, s[j] == separator else { return nil }
        let d3 = digits(j + 1)
        if d1 == 4 {
            guard d2 <= 2, d3 >= 1, d3 <= 2 else { return nil }
        } else {
            guard d1 <= 2, d3 == 2 || d3 == 4 else { return nil }
        }
        let end = j + 1 + d3
        if end < n, ScalarClass.isAlphanumeric(s[end]) { return nil }
        return end
    }

    /// `q4h`, `q8h`, `q4-6h`, `q12hr`, `q2d`, `q1wk`: `q`, digits, optional `-digits`, unit letters.
    /// Inlined (as `scanWord`): tried on every token that starts with a letter, and nearly always returns at once.
    private static func scanFrequencyCode(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int) -> Int? {
        let n = s.count
        guard s[start] == "q" || s[start] == "Q", start + 1 < n, ScalarClass.isDigit(s[start + 1]) else { return nil }
        var i = start + 1
        while i < n, ScalarClass.isDigit(s[i]) { i += 1 }
        if i + 1 < n, s[i] == "-", ScalarClass.isDigit(s[i + 1]) {
            i += 1
            while i < n, ScalarClass.isDigit(s[i]) { i += 1 }
        }
        let unitStart = i
        while i < n, ScalarClass.isLetter(s[i]) { i += 1 }
        guard i > unitStart, i - unitStart <= 5 else { return nil }
        if i < n, ScalarClass.isDigit(s[i]) { return nil }
        return i
    }

    /// A dotted abbreviation's first group is one or two letters followed by a dot: the cheap test that spares
    /// `scanDottedAbbreviation` for ordinary words.
    @inline(__always)
    private static func hasEarlyDot(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int) -> Bool {
        (start + 1 < s.count && s[start + 1] == ".") || (start + 2 < s.count && s[start + 2] == ".")
    }

    /// `b.i.d.`, `p.o.`, `q.d.`, `e.g.`, `a.m.`, `t.i.d`: two or more groups of 1–2 letters joined by dots.
    private static func scanDottedAbbreviation(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int) -> Int? {
        let n = s.count
        var i = start
        var groups = 0
        while i < n {
            let groupStart = i
            while i < n, ScalarClass.isLetter(s[i]), i - groupStart < 3 { i += 1 }
            let length = i - groupStart
            guard length >= 1, length <= 2 else { return groups >= 2 ? groupStart : nil }
            if i < n, s[i] == "." {
                groups += 1
                i += 1
                if !(i < n && ScalarClass.isLetter(s[i])) { break }
            } else {
                if i < n, ScalarClass.isAlphanumeric(s[i]) { return nil }
                groups += 1
                return groups >= 2 ? i : nil
            }
        }
        return groups >= 2 ? i : nil
    }

    /// Letters and digits, joined by inner hyphens, apostrophes and short slash forms.
    @inline(__always)
    private static func scanWord(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ start: Int) -> Int {
        let n = s.count
        var i = start
        var segmentStart = start
        while i < n {
            let c = s[i]
            if ScalarClass.isAlphanumeric(c) { i += 1; continue }
            guard i + 1 < n, ScalarClass.isAlphanumeric(s[i + 1]) else { break }
            if c == "-" {
                i += 1; segmentStart = i; continue
            }
            if c == "'" && ScalarClass.isLetter(s[i + 1]) {
                i += 1; continue
            }
            if c == "/" && i - segmentStart <= 2 {
                var k = i + 1
                while k < n, ScalarClass.isAlphanumeric(s[k]) { k += 1 }
                if k - (i + 1) <= 2 {
                    i += 1; segmentStart = i; continue
                }
            }
            break
        }
        return i
    }
}
