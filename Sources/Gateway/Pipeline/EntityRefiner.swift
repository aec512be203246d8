import ClinicalNLP

/// Gateway-level corrections applied to the NLP entities before resolution. Each rule is general (about how
/// clinical documents are written), not about one data set:
///
/// 1. A mention inside a SNOMED semantic tag — `dental care (regime/therapy)` — is metadata of the preceding term,
///    not a statement: dropped.
/// 2. A problem mention that is the head of an instrument or test name — `generalized anxiety disorder 7 item`,
///    `depression scale`, `anxiety score`, `hepatitis panel` — names the instrument, not a diagnosis: dropped.
/// 3. A mention in a section header (`# Allergies`) names the section, not a finding: dropped.
/// 4. List items inherit the modality of the line that introduces the list: items under
///    `The patient was placed on a careplan:` / `Plan of care:` / `Recommended:` / `Will start:` are planned
///    (hypothetical). ConText works per sentence and a list item is a sentence of its own, so the cue in the
///    introduction never reaches the items otherwise.
/// 5. Medication phrases: when a drug mention is followed on the same line by strengths, `/`-joined ingredients
///    and a dose form (`amoxicillin 250 mg / clavulanate 125 mg oral tablet [augmentin]`), the whole phrase is
///    resolved first; if it names a clinical or branded drug with a high score, the entity is widened to the
///    phrase and the ingredient mentions inside it are absorbed.
struct EntityRefiner: Sendable {
    let matcher: ConceptMatcher

    static let instrumentWords: Set<String> = [
        "item", "items", "scale", "score", "questionnaire", "inventory", "index", "panel", "screen", "screening",
        "test", "assessment", "tool", "survey",
    ]

    static let plannedListCues = [
        "careplan", "care plan", "plan of care", "recommend", "will ", "to be ", "scheduled", "planned", "consider",
        "follow-up", "follow up", "referred for", "referral for",
    ]

    func refine(_ entities: [Entity], scalars: [Unicode.Scalar], headers: [Range<Int>] = []) -> [Entity] {
        var kept: [Entity] = []
        kept.reserveCapacity(entities.count)
        for var entity in entities {
            if insideSemanticTag(entity.range, scalars) { continue }
            if entity.label == .problem, namesInstrument(entity.range, scalars) { continue }
            if headers.contains(where: { $0.overlaps(entity.range) }) { continue }
            if !entity.assertion.hypothetical, let intro = listIntroduction(of: entity.range, scalars),
               Self.plannedListCues.contains(where: { intro.contains($0) }) {
                entity.assertion.hypothetical = true
            }
            kept.append(entity)
        }
        return widenDrugPhrases(kept, scalars: scalars)
    }

    /// For a mention on a list line (`- item`, `* item`, `• item`, `1. item`), the lower-cased text of the line
    /// introducing the list: the nearest preceding non-item line, when it ends with a colon.
    func listIntroduction(of range: Range<Int>, _ scalars: [Unicode.Scalar]) -> String? {
        func lineStart(_ i: Int) -> Int { var j = i; while j > 0, scalars[j - 1] != "\n" { j -= 1 }; return j }
        func isItem(_ start: Int) -> Bool {
            var j = start
            while j < scalars.count, scalars[j] == " " || scalars[j] == "\t" { j += 1 }
            guard j < scalars.count else { return false }
            if ["-", "*", "•"].contains(scalars[j]) { return true }
            var k = j
            while k < scalars.count, ("0"..."9").contains(scalars[k]) { k += 1 }
            return k > j && k < scalars.count && (scalars[k] == "." || scalars[k] == ")")
        }
        var start = lineStart(range.lowerBound)
        guard isItem(start) else { return nil }
        var steps = 0
        while start > 0, steps < 50 {
            let previous = lineStart(start - 1)
            if !isItem(previous) {
                let line = String(String.UnicodeScalarView(scalars[previous..<(start - 1)])).trimmingWhitespace()
                return line.hasSuffix(":") ? line.lowercased() : nil
            }
            start = previous
            steps += 1
        }
        return nil
    }

    func insideSemanticTag(_ range: Range<Int>, _ scalars: [Unicode.Scalar]) -> Bool {
        var open = range.lowerBound - 1
        while open >= 0, range.lowerBound - open <= 40, scalars[open] != "(" {
            if scalars[open] == ")" || scalars[open] == "\n" { return false }
            open -= 1
        }
        guard open >= 0, scalars[open] == "(" else { return false }
        var close = range.upperBound
        while close < scalars.count, close - range.upperBound <= 40, scalars[close] != ")" {
            if scalars[close] == "(" || scalars[close] == "\n" { return false }
            close += 1
        }
        guard close < scalars.count, scalars[close] == ")" else { return false }
        let inner = String(String.UnicodeScalarView(scalars[(open + 1)..<close])).lowercased()
        return DictionaryMatcher.semanticTags.contains(inner)
    }

    /// The next one or two words after the mention (same line), skipping a number: is one an instrument word?
    func namesInstrument(_ range: Range<Int>, _ scalars: [Unicode.Scalar]) -> Bool {
        var words: [String] = []
        var i = range.upperBound
        var current = ""
        while i < scalars.count, words.count < 3 {
            let c = scalars[i]
            if c == "\n" || c == "," || c == ";" || c == "." || c == "(" || c == ":" { break }
            if c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" {
                current.unicodeScalars.append(c)
            } else if !current.isEmpty {
                words.append(current.lowercased()); current = ""
            }
            i += 1
        }
        if !current.isEmpty, words.count < 3 { words.append(current.lowercased()) }
        let content = words.filter { !$0.allSatisfy(\.isNumber) && $0 != "-" }.prefix(2)
        return content.contains { Self.instrumentWords.contains($0) }
    }

    func widenDrugPhrases(_ entities: [Entity], scalars: [Unicode.Scalar]) -> [Entity] {
        var result: [Entity] = []
        var index = 0
        while index < entities.count {
            var entity = entities[index]
            index += 1
            guard entity.label == .medication else { result.append(entity); continue }
            let end = phraseEnd(from: entity.range.upperBound, scalars)
            guard end > entity.range.upperBound else { result.append(entity); continue }
            let phrase = String(String.UnicodeScalarView(scalars[entity.range.lowerBound..<end]))
            guard let match = matcher.drugPhraseMatch(phrase) else { result.append(entity); continue }
            entity.mention.range = entity.range.lowerBound..<end
            entity.mention.text = phrase
            entity.mention.conceptKey = String(match.conceptId)
            entity.mention.preferredText = nil
            // Absorb the medication mentions inside the phrase (their attributes join this entity).
            while index < entities.count, entities[index].range.lowerBound < end {
                if entities[index].label == .medication { entity.attributes.append(contentsOf: entities[index].attributes) }
                else if entities[index].range.upperBound > end { break }
                index += 1
            }
            result.append(entity)
        }
        return result
    }

    /// End of a drug phrase: up to the end of the line or clause (`;`, `,` followed by space, sentence end), and
    /// only when it contains a digit (a strength) — otherwise there is nothing to widen to.
    func phraseEnd(from start: Int, _ scalars: [Unicode.Scalar]) -> Int {
        var i = start
        var sawDigit = false
        while i < scalars.count, i - start < 200 {
            let c = scalars[i]
            if c == "\n" || c == ";" { break }
            if c == ".", i + 1 < scalars.count, !("0"..."9").contains(scalars[i + 1]) { break }
            if c == ",", i + 1 < scalars.count, scalars[i + 1] == " " { break }
            if ("0"..."9").contains(c) || c == "[" || c == "/" { sawDigit = true }
            i += 1
        }
        while i > start, scalars[i - 1].properties.isWhitespace { i -= 1 }
        return sawDigit ? i : start
    }
}
