/// Finds section headers as written in real notes and cuts the note into sections.
///
/// A header is recognised when its text (case- and punctuation-insensitive, parentheses dropped) is in the
/// `SectionRules` and it stands where headers stand:
/// - at the start of a line, followed by `:` (`Meds: ...`, `HISTORY OF PRESENT ILLNESS: ...`), or alone on its
///   line in capitals or after markdown `#` (`# Assessment and Plan`);
/// - in the middle of a line only in capitals, after `,` `.` or `;` and followed by `:` — transcribed notes such
///   as MTSamples lost their line breaks this way (`...flaring up.,MEDICATIONS: , Her only ...`).
/// If the exact header is unknown, a known header that is a leading word-prefix of it is used
/// (`PAST MEDICAL HISTORY/PAST SURGICAL HISTORY:` → past medical history).
/// Sub-headers (`HEENT:`) are reported as headers for sentence splitting but never start a section.
public struct Sectionizer: Sendable {
    public struct Header: Sendable, Hashable {
        /// Header span in original offsets, including the colon.
        public let range: Range<Int>
        public let rule: SectionRules.Rule
        public let text: String
    }

    public let rules: SectionRules
    /// Longest header candidate considered, in scalars.
    public let maxHeaderLength = 80

    /// `rules` as a byte table (see `HeaderLookup`).
    let headerLookup: HeaderLookup

    public init(rules: SectionRules) {
        self.rules = rules
        self.headerLookup = HeaderLookup(rules: rules)
    }

    public static func loadDefault() throws -> Sectionizer {
        Sectionizer(rules: try SectionRules.loadDefault())
    }

    /// Sections of a plain string (convenience).
    public func sections(in text: String) -> [Section] {
        let original = Array(text.unicodeScalars)
        let normalized = TextNormalizer().normalize(original)
        return sections(headers: headers(in: normalized, original: original), textLength: original.count)
    }

    /// Every section header and sub-header, in text order.
    public func headers(in normalized: NormalizedText, original: [Unicode.Scalar]) -> [Header] {
        let s = normalized.scalars
        let n = s.count
        var headers = [Header]()
        var i = 0
        var lastHeaderEnd = 0
        var buffers = HeaderLookup.Buffers()
        s.withUnsafeBufferPointer { p in
            while i < n {
                if i > 0 {
                    // Jump to the next place a header can start: after a line break, `,`, `.` or `;`.
                    while i < n, !Self.opensCandidate(p[i - 1]) { i += 1 }
                    if i >= n { break }
                }
                let atLineStart = i == 0 || ScalarClass.isNewline(p[i - 1])
                let afterSeparator = !atLineStart && i > 0 && (p[i - 1] == "," || p[i - 1] == "." || p[i - 1] == ";")
                if (atLineStart || afterSeparator) && i >= lastHeaderEnd, Self.mayStartHeader(p, at: i, lineStart: atLineStart),
                   let header = header(at: i, lineStart: atLineStart, s, normalized, original, &buffers) {
                    // Read before the append, which is then the header's last use: it is moved, not copied.
                    let end = normalized.normalizedOffset(header.range.upperBound)
                    headers.append(header)
                    lastHeaderEnd = end
                    i = max(i + 1, end)
                    continue
                }
                i += 1
            }
        }
        return headers
    }

    /// A line break, `,`, `.` or `;`: a header candidate may start right after it. One bit test per scalar.
    @inline(__always)
    private static func opensCandidate(_ c: Unicode.Scalar) -> Bool {
        let mask: UInt64 = 1 << 0x0A | 1 << 0x0D | 1 << 0x2C | 1 << 0x2E | 1 << 0x3B
        return c.value < 64 && (mask >> UInt64(c.value)) & 1 != 0
    }

    /// False only where `header(at:)` certainly returns nil, decided from the first one or two scalars after the
    /// blanks (a blank line; mid-line, anything but an ASCII capital followed by a non-lower-case scalar), so the
    /// call is skipped for nearly every candidate after a comma or sentence period. Non-ASCII scalars are left to
    /// `header(at:)`.
    @inline(__always)
    private static func mayStartHeader(_ p: UnsafeBufferPointer<Unicode.Scalar>, at position: Int, lineStart: Bool) -> Bool {
        let n = p.count
        var q = position
        while q < n, p[q] == " " || p[q] == "\t" { q += 1 }
        guard q < n else { return false }
        let v = p[q].value
        if lineStart {
            // Letters, markdown markers (`#`, `*`) and non-ASCII go on.
            return v >= 0x80 || ((v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A) || v == 0x23 || v == 0x2A
        }
        if v < 0x80 && !(v >= 0x41 && v <= 0x5A) { return false }
        guard q + 1 < n else { return false }
        let w = p[q + 1].value
        return !(w >= 0x61 && w <= 0x7A)
    }

    /// Cuts `[0, textLength)` into sections at the (non-sub) headers.
    public func sections(headers: [Header], textLength: Int) -> [Section] {
        // Headers read in place and the result sized once: filtering the section headers into a new array copied
        // (and retained) every header, and appending grew the result several times per note.
        var sections = [Section]()
        sections.reserveCapacity(headers.count + 1)
        var k = 0
        while k < headers.count, headers[k].rule.isSubheader { k += 1 }
        let firstStart = k < headers.count ? headers[k].range.lowerBound : textLength
        if firstStart > 0 {
            sections.append(Section(category: .none, headerRange: nil, bodyRange: 0..<firstStart, loincCode: nil))
        }
        while k < headers.count {
            var next = k + 1
            while next < headers.count, headers[next].rule.isSubheader { next += 1 }
            let range = headers[k].range
            let bodyEnd = next < headers.count ? headers[next].range.lowerBound : textLength
            sections.append(Section(category: headers[k].rule.category, headerRange: range,
                                    bodyRange: range.upperBound..<max(range.upperBound, bodyEnd),
                                    loincCode: headers[k].rule.loincCode, headerText: headers[k].text))
            k = next
        }
        return sections
    }

    private func header(at position: Int, lineStart: Bool, _ s: [Unicode.Scalar], _ normalized: NormalizedText,
                        _ original: [Unicode.Scalar], _ buffers: inout HeaderLookup.Buffers) -> Header? {
        let n = s.count
        var q = position
        while q < n, s[q] == " " || s[q] == "\t" { q += 1 }
        var markdown = false
        if lineStart {
            while q < n, s[q] == "#" || s[q] == "*" { markdown = markdown || s[q] == "#"; q += 1 }
            while q < n, s[q] == " " || s[q] == "\t" { q += 1 }
        }
        guard q < n, ScalarClass.isLetter(s[q]) else { return nil }
        // Capitals are required mid-line: check the first two letters before scanning further.
        if !lineStart {
            guard ScalarClass.isUpper(s[q]), q + 1 < n, !ScalarClass.isLower(s[q + 1]) else { return nil }
        }
        var end = q
        var colon: Int? = nil
        var hasLower = false
        var letters = 0
        while end < n, end - q < maxHeaderLength {
            let c = s[end]
            if ScalarClass.isNewline(c) { break }
            if c == ":" { colon = end; break }
            if ScalarClass.isLower(c) { hasLower = true; if !lineStart { return nil } }
            if ScalarClass.isLetter(c) { letters += 1 }
            if c == "." || c == "," || c == ";" || c == "?" || c == "!" { return nil }
            end += 1
        }
        guard letters >= 2 else { return nil }
        var textEnd: Int
        var headerEnd: Int
        if let colon {
            textEnd = colon
            headerEnd = colon + 1
        } else {
            // Without a colon: a whole line in capitals or a markdown header.
            guard lineStart, end == n || ScalarClass.isNewline(s[end]), markdown || !hasLower else { return nil }
            textEnd = end
            headerEnd = end
        }
        while textEnd > q, s[textEnd - 1] == " " || s[textEnd - 1] == "\t" || s[textEnd - 1] == "*" { textEnd -= 1 }
        if colon == nil { headerEnd = textEnd }
        let found = headerLookup.lookup(s[q..<textEnd], maxWords: rules.maxWords, buffers: &buffers) ?? lookup(s[q..<textEnd])
        guard let rule = found else { return nil }
        // Without a colon, only real section headers count (a capitalised line "GENERAL" alone is too weak).
        if colon == nil && rule.isSubheader { return nil }
        // `other` headers written in lower case at line start are too often prose ("Findings: ..."): still fine,
        // but sentences like "Source: patient" are not headers we need; accept them only in capitals.
        if rule.category == .other && hasLower && !rule.isSubheader { return nil }
        let range = normalized.originalRange(position..<headerEnd)
        let start = normalized.originalRange(q..<textEnd)
        return Header(range: start.lowerBound..<range.upperBound, rule: rule,
                      text: ScalarClass.string(original[start]))
    }

    /// The String lookup: reference for `HeaderLookup` and its fallback for non-ASCII text or rules.
    func lookup(_ text: ArraySlice<Unicode.Scalar>) -> SectionRules.Rule? {
        let key = SectionRules.normalizeHeader(text)
        if let rule = rules.rules[key] { return rule }
        let words = key.split(whereSeparator: { $0 == " " || $0 == "/" })
        guard words.count > 1, words.count <= rules.maxWords + 4 else { return nil }
        let spaced = words.joined(separator: " ")
        if let rule = rules.rules[spaced] { return rule }
        var count = min(words.count - 1, rules.maxWords)
        while count >= 1 {
            if let rule = rules.rules[words[0..<count].joined(separator: " ")], count >= 2 || words.count <= 3 {
                return rule
            }
            count -= 1
        }
        return nil
    }
}
