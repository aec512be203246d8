/// Reads strength, dose, form, route, frequency, duration, PRN and status change around a medication mention.
///
/// Scope: the tokens after the mention up to the end of its sentence, a `;`, the next medication mention or
/// `window` tokens, plus — for status changes only — up to 4 tokens before it (`started metformin`,
/// `increase lisinopril to 20 mg`). Patterns, each with its own span:
/// - strength: number (or range `1-2`) + unit (`500 mg`, `500mg`, `0.5 mcg/kg`, `2%`);
/// - dose: count + form (`2 tabs`, `two tablets`, `1 puff`); form: the form word alone too (`tablet`);
/// - route, frequency, PRN, status: phrase tables (`po`, `by mouth`, `b.i.d.`, `twice daily`, `q4-6h`,
///   `every 6 hours`, `as needed`, `discontinued`);
/// - duration: `for|x N unit` (`for 7 days`, `x 2 weeks`).
public struct MedicationAttributeExtractor: Sendable {
    public let window: Int

    public init(window: Int = 16) {
        self.window = window
    }

    /// Attributes of the medication whose tokens are `mentionTokens`; `limit` is the exclusive token bound
    /// (sentence end or next medication), `lowerLimit` the inclusive lower bound for status words.
    public func attributes(tokens: [Token], scalars: [Unicode.Scalar], mentionTokens: Range<Int>,
                           lowerLimit: Int, limit: Int) -> [MedicationAttribute] {
        TokenTable(tokens).withReader(original: scalars) {
            attributes($0, mentionTokens: mentionTokens, lowerLimit: lowerLimit, limit: limit)
        }
    }

    /// `attributes(tokens:)` on the pipeline's token table: normalized Strings are built only for the tokens
    /// that pass the byte-level start-word filter.
    func attributes(_ tokens: TokenTable.Reader, mentionTokens: Range<Int>, lowerLimit: Int, limit: Int) -> [MedicationAttribute] {
        var result = [MedicationAttribute]()
        func add(_ kind: MedicationAttribute.Kind, _ range: Range<Int>, _ value: String) {
            let span = tokens[range.lowerBound].range.lowerBound..<tokens[range.upperBound - 1].range.upperBound
            result.append(MedicationAttribute(kind: kind, range: span, text: ScalarClass.string(UnsafeBufferPointer(rebasing: tokens.scalars[span])), value: value))
        }
        // Status words just before the mention.
        var k = max(lowerLimit, mentionTokens.lowerBound - 4)
        while k < mentionTokens.lowerBound {
            if let (length, kind, value) = phrase(tokens, k, mentionTokens.lowerBound), kind == .statusChange {
                add(kind, k..<(k + length), value)
                k += length
            } else {
                k += 1
            }
        }
        let end = min(limit, mentionTokens.upperBound + window)
        var i = mentionTokens.upperBound
        // Strength and form are reported once (a later "2 tabs" still gives a dose).
        var seenStrength = false, seenForm = false
        while i < end {
            let kind = tokens[i].kind
            if kind == .punctuation && tokens.textIs(i, ";") { break }
            // Every pattern below starts with a number, a dosing code or one of the start words: skip other
            // tokens before any table lookup (and before copying the token).
            if kind != .number && kind != .code && !MedicationPhrases.mayStartAttribute(tokens.normalizedBytes(i)) {
                i += 1
                continue
            }
            // Tables are read from the token bytes; Strings are built only for the values reported.
            let strengthUnits = MedicationPhrases.strengthUnitMap, forms = MedicationPhrases.formMap
            let countWords = MedicationPhrases.countWordMap
            // Strength: number [- number] unit.
            if kind == .number {
                var j = i + 1
                if j + 1 < end, tokens.normalizedIs(j, "-") || tokens.normalizedIs(j, "to"), tokens[j + 1].kind == .number {
                    j += 2
                }
                if j < end, let unit = strengthUnits.value(tokens, j), unit != "puff" {
                    var last = j
                    var valueUnit = unit
                    // "5 mg/5 mL" and "mg / ml" style composite units.
                    if j + 2 < end, tokens.normalizedIs(j + 1, "/"), let per = strengthUnits.value(tokens, j + 2) {
                        last = j + 2
                        valueUnit = unit + "/" + per
                    }
                    if !seenStrength {
                        add(.strength, i..<(last + 1), numberText(tokens, i..<j) + " " + valueUnit)
                        seenStrength = true
                    }
                    i = last + 1
                    continue
                }
            }
            // Dose: count + form.
            let countWord = kind == .number ? nil : countWords.value(tokens, i)
            if kind == .number || countWord != nil, i + 1 < end, let form = forms.value(tokens, i + 1) {
                let count = countWord ?? tokens.normalized(i)
                add(.dose, i..<(i + 2), count + " " + form)
                add(.form, (i + 1)..<(i + 2), form)
                seenForm = true
                i += 2
                continue
            }
            // Duration: for/x N unit.
            if tokens.normalizedIs(i, "for") || tokens.normalizedIs(i, "x") || tokens.normalizedIs(i, "\u{D7}"), i + 2 < end,
               tokens[i + 1].kind == .number || countWords.value(tokens, i + 1) != nil,
               let unit = MedicationPhrases.durationUnitMap.value(tokens, i + 2) {
                let count = tokens[i + 1].kind == .number ? tokens.normalized(i + 1) : countWords.value(tokens, i + 1)!
                add(.duration, i..<(i + 3), "\(count) \(unit)\(count == "1" ? "" : "s")")
                i += 3
                continue
            }
            // Frequency: "every N hours", "every 4-6 hours", q4h / q4-6h codes.
            if tokens.normalizedIs(i, "every") || tokens.normalizedIs(i, "q"), i + 2 < end, tokens[i + 1].kind == .number {
                var j = i + 2
                var amount = tokens.normalized(i + 1)
                if j + 1 < end, tokens.normalizedIs(j, "-") || tokens.normalizedIs(j, "to"), tokens[j + 1].kind == .number {
                    amount += "-" + tokens.normalized(j + 1)
                    j += 2
                }
                if j < end, let unit = MedicationPhrases.timeUnitMap.value(tokens, j) {
                    add(.frequency, i..<(j + 1), "every \(amount) \(unit)")
                    i = j + 1
                    continue
                }
            }
            if kind == .code {
                let normalized = tokens.normalized(i)
                if normalized.hasPrefix("q") {
                    add(.frequency, i..<(i + 1), frequencyCode(normalized))
                    i += 1
                    continue
                }
            }
            if let (length, kind, value) = phrase(tokens, i, end) {
                add(kind, i..<(i + length), value)
                i += length
                continue
            }
            if !seenForm, let form = MedicationPhrases.formMap.value(tokens, i) {
                add(.form, i..<(i + 1), form)
                seenForm = true
            }
            i += 1
        }
        return result
    }

    /// The strength's number as one value: `1,000` → `1000`, `1 - 2` / `1 to 2` → `1-2`. The tokens are numbers
    /// and `-`/`to`, ASCII in practice, whose bytes are joined directly; any other text takes the String path.
    private func numberText(_ tokens: TokenTable.Reader, _ range: Range<Int>) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(16)
        for k in range {
            let key = tokens.normalizedBytes(k)
            guard TokenTable.Reader.isASCII(key) else { return numberTextOfStrings(tokens, range) }
            if TokenTable.Reader.equal(key, "to") {
                bytes.append(0x2D)
            } else {
                for b in key where b != 0x2C { bytes.append(b) }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func numberTextOfStrings(_ tokens: TokenTable.Reader, _ range: Range<Int>) -> String {
        range.map { tokens.normalizedIs($0, "to") ? "-" : tokens.normalized($0).replacingOccurrences(of: ",", with: "") }
            .joined()
    }

    /// `q4h` → `every 4 hours`, `q4-6h` → `every 4-6 hours`, `q2d` → `every 2 days`.
    private func frequencyCode(_ code: String) -> String {
        let body = code.dropFirst()
        let digits = body.prefix { $0.isNumber || $0 == "-" }
        let unit = body.dropFirst(digits.count)
        let name: String
        switch unit {
        case "h", "hr", "hrs", "hour", "hours": name = "hours"
        case "d", "day", "days": name = "days"
        case "wk", "w", "week", "weeks": name = "weeks"
        case "min", "m": name = "minutes"
        default: name = String(unit)
        }
        return "every \(digits) \(name)"
    }

    /// Longest phrase from the phrase table starting at `start`: (token count, kind, value).
    private func phrase(_ tokens: TokenTable.Reader, _ start: Int, _ end: Int) -> (Int, MedicationAttribute.Kind, String)? {
        // Tokens hold no spaces, so a phrase's first word is exactly the first token: a token that starts no
        // attribute starts no phrase (byte table, no String built); the status words before each mention are
        // mostly such tokens.
        guard start < end, MedicationPhrases.mayStartAttribute(tokens.normalizedBytes(start)) else { return nil }
        var length = min(MedicationPhrases.maxPhraseTokens, end - start)
        // A phrase of several words can only match where its first word stands.
        if length > 1 && !MedicationPhrases.phraseFirstWordSet.contains(tokens.normalizedBytes(start)) { length = 1 }
        let table = MedicationPhraseTable.shared
        while length >= 1 {
            switch table.lookup(tokens, start..<(start + length)) {
            case .found(let kind, let value):
                return (length, kind, value)
            case .absent:
                break
            case .undecided:
                let key = length == 1 ? tokens.normalized(start)
                    : (start..<(start + length)).map { tokens.normalized($0) }.joined(separator: " ")
                if let (kind, value) = MedicationPhrases.phrases[key] { return (length, kind, value) }
            }
            length -= 1
        }
        return nil
    }
}
