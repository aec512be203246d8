import ClinicalNLP
import FHIR
import Foundation

/// `MedicationStatement.dosage` from the medication attributes the NLP found next to a drug mention.
///
/// - `text`: the attribute texts in note order (the instruction as written);
/// - `route`: SNOMED route code for the common routes, with the normalised value as text;
/// - `timing`: GTS abbreviation code (`BID`, `TID`, ...) and `repeat` frequency/period for the usual patterns
///   (`daily`, `BID`, `q6h`, `every 4-6 hours`, `weekly`, `at bedtime`), `boundsDuration` from a duration;
/// - `asNeededBoolean` from PRN;
/// - `doseAndRate.doseQuantity` from the dose, else the strength (`10 mg` → value 10, UCUM `mg`).
/// Values that do not parse stay in `text` only: nothing is guessed.
enum DosageBuilder {
    static func dosage(from attributes: [MedicationAttribute]) -> FHIRElement? {
        let sorted = attributes.sorted { $0.range.lowerBound < $1.range.lowerBound }
        let relevant = sorted.filter { $0.kind != .statusChange }
        guard !relevant.isEmpty else { return nil }
        var dosage = FHIRElement.complex("dosage", [])
        dosage.append(.string("text", relevant.map(\.text).joined(separator: " ")))
        func first(_ kind: MedicationAttribute.Kind) -> MedicationAttribute? { sorted.first { $0.kind == kind } }

        var timing = FHIRElement.complex("timing", [])
        var repeatParts: [FHIRElement] = []
        if let duration = first(.duration), let quantity = durationQuantity(duration.value) {
            repeatParts.append(.complex("boundsDuration", quantity))
        }
        if let frequency = first(.frequency) {
            let parsed = parseFrequency(frequency.value)
            repeatParts.append(contentsOf: parsed.repeatParts)
            if repeatParts.count > 0 { timing.append(.complex("repeat", repeatParts)) }
            var code = FHIRElement.complex("code", [])
            if let gts = parsed.gtsCode {
                code.append(.complex("coding", [.string("system", "http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation"),
                                                 .string("code", gts)]))
            }
            code.append(.string("text", frequency.text))
            timing.append(code)
        } else if !repeatParts.isEmpty {
            timing.append(.complex("repeat", repeatParts))
        }
        if !timing.children.isEmpty { dosage.append(timing) }
        if first(.prn) != nil { dosage.append(.boolean("asNeededBoolean", true)) }
        if let route = first(.route) {
            var concept = FHIRElement.complex("route", [])
            if let (code, display) = routeCodes[route.value.lowercased()] {
                concept.append(.complex("coding", [.string("system", "http://snomed.info/sct"), .string("code", code),
                                                   .string("display", display)]))
            }
            concept.append(.string("text", route.value))
            dosage.append(concept)
        }
        if let amount = first(.dose) ?? first(.strength), let quantity = quantity(amount.value) {
            dosage.append(.complex("doseAndRate", [.complex("doseQuantity", quantity)]))
        }
        return dosage
    }

    /// SNOMED CT route of administration codes (children of 284009009).
    static let routeCodes: [String: (String, String)] = [
        "oral": ("26643006", "Oral route"), "po": ("26643006", "Oral route"), "by mouth": ("26643006", "Oral route"),
        "intravenous": ("47625008", "Intravenous route"), "iv": ("47625008", "Intravenous route"),
        "intramuscular": ("78421000", "Intramuscular route"), "im": ("78421000", "Intramuscular route"),
        "subcutaneous": ("34206005", "Subcutaneous route"), "sc": ("34206005", "Subcutaneous route"),
        "sq": ("34206005", "Subcutaneous route"), "subq": ("34206005", "Subcutaneous route"),
        "topical": ("6064005", "Topical route"), "inhalation": ("18679011", "Inhalation route"),
        "inhaled": ("18679011", "Inhalation route"), "sublingual": ("37839007", "Sublingual route"),
        "sl": ("37839007", "Sublingual route"), "rectal": ("37161004", "Rectal route"), "pr": ("37161004", "Rectal route"),
        "transdermal": ("45890007", "Transdermal route"), "nasal": ("46713006", "Nasal route"),
        "intranasal": ("46713006", "Nasal route"), "ophthalmic": ("54485002", "Ophthalmic route"),
        "otic": ("10547007", "Otic route"), "vaginal": ("16857009", "Vaginal route"),
    ]

    /// Unit text → UCUM code.
    static let ucum: [String: String] = [
        "mg": "mg", "g": "g", "gm": "g", "mcg": "ug", "ug": "ug", "µg": "ug", "ng": "ng", "kg": "kg",
        "ml": "mL", "l": "L", "meq": "meq", "mmol": "mmol", "unit": "[iU]", "units": "[iU]", "iu": "[iU]",
        "%": "%", "mg/ml": "mg/mL", "puff": "{puff}", "puffs": "{puff}", "tablet": "{tbl}", "tablets": "{tbl}",
        "tab": "{tbl}", "tabs": "{tbl}", "capsule": "{capsule}", "capsules": "{capsule}", "cap": "{capsule}",
        "drop": "[drp]", "drops": "[drp]",
    ]

    /// `500 mg` → value/unit/system/code children of a Quantity; nil when the text is not `number unit`.
    static func quantity(_ text: String) -> [FHIRElement]? {
        let parts = split(text)
        guard let first = parts.first, let number = decimalText(first) else { return nil }
        var children: [FHIRElement] = [.decimal("value", number)]
        let unit = parts.dropFirst().joined(separator: " ")
        if !unit.isEmpty {
            children.append(.string("unit", unit))
            if let code = ucum[unit.lowercased()] {
                children.append(.string("system", "http://unitsofmeasure.org"))
                children.append(.string("code", code))
            }
        }
        return children
    }

    static func durationQuantity(_ text: String) -> [FHIRElement]? {
        let words = split(text.lowercased()).filter { $0 != "for" && $0 != "x" }
        guard words.count >= 2, let number = decimalText(words[0]), let unit = timeUnit(words[1]) else { return nil }
        return [.decimal("value", number), .string("unit", words[1]), .string("system", "http://unitsofmeasure.org"),
                .string("code", unit)]
    }

    struct Frequency { var gtsCode: String?; var repeatParts: [FHIRElement] }

    static func parseFrequency(_ value: String) -> Frequency {
        let v = value.lowercased().replacingOccurrences(of: ".", with: "").trimmingWhitespace()
        func every(_ frequency: Int, _ period: String, _ unit: String, code: String?) -> Frequency {
            Frequency(gtsCode: code, repeatParts: [.integer("frequency", frequency), .decimal("period", period), .string("periodUnit", unit)])
        }
        switch v {
        case "qd", "daily", "once daily", "once a day", "every day", "qday", "1 time daily", "one time daily": return every(1, "1", "d", code: "QD")
        case "bid", "twice daily", "twice a day", "2 times daily", "two times daily": return every(2, "1", "d", code: "BID")
        case "tid", "three times daily", "three times a day", "3 times daily": return every(3, "1", "d", code: "TID")
        case "qid", "four times daily", "four times a day", "4 times daily": return every(4, "1", "d", code: "QID")
        case "qod", "every other day": return every(1, "2", "d", code: "QOD")
        case "weekly", "once weekly", "once a week", "every week", "qwk": return every(1, "1", "wk", code: nil)
        case "monthly", "once a month", "every month": return every(1, "1", "mo", code: nil)
        case "qhs", "hs", "at bedtime", "nightly", "every night": return Frequency(gtsCode: nil,
            repeatParts: [.integer("frequency", 1), .decimal("period", "1"), .string("periodUnit", "d"), .string("when", "HS")])
        case "qam", "every morning", "in the morning": return Frequency(gtsCode: "AM",
            repeatParts: [.integer("frequency", 1), .decimal("period", "1"), .string("periodUnit", "d"), .string("when", "MORN")])
        default: break
        }
        // qNh, q N hours, every N hours, every N-M hours (also days/weeks).
        var words = split(v.replacingOccurrences(of: "-", with: " - "))
        if words.first == "every" || words.first == "q" { words.removeFirst() }
        else if let first = words.first, first.hasPrefix("q"), first.count > 1 {
            // q6h, q4-6h, q6
            let rest = String(first.dropFirst())
            let digits = rest.prefix { $0.isNumber }
            words = [String(digits)] + (rest.count > digits.count ? [String(rest.dropFirst(digits.count))] : []) + words.dropFirst()
        }
        guard let count = words.first, let low = decimalText(count) else { return Frequency(gtsCode: nil, repeatParts: []) }
        var rest = Array(words.dropFirst())
        var high: String?
        if rest.first == "-" || rest.first == "to", rest.count >= 2, let value = decimalText(rest[1]) {
            high = value
            rest.removeFirst(2)
        }
        guard let unitWord = rest.first, let unit = timeUnit(unitWord) else { return Frequency(gtsCode: nil, repeatParts: []) }
        var parts: [FHIRElement] = [.integer("frequency", 1), .decimal("period", low)]
        if let high { parts.append(.decimal("periodMax", high)) }
        parts.append(.string("periodUnit", unit))
        return Frequency(gtsCode: nil, repeatParts: parts)
    }

    static func timeUnit(_ word: String) -> String? {
        switch word {
        case "h", "hr", "hrs", "hour", "hours": "h"
        case "min", "mins", "minute", "minutes": "min"
        case "d", "day", "days": "d"
        case "wk", "wks", "week", "weeks": "wk"
        case "mo", "month", "months": "mo"
        default: nil
        }
    }

    static func split(_ text: String) -> [String] {
        // Separate a number glued to its unit ("500mg" → "500 mg").
        var spaced = ""
        var previous: Character?
        for c in text {
            if let p = previous, p.isNumber, c.isLetter {
                spaced.append(" ")
            }
            spaced.append(c)
            previous = c
        }
        return spaced.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
    }

    /// A FHIR decimal's text for `word` when it is a plain number (`10`, `0.5`, `.5` → `0.5`, `1,000` → `1000`).
    static func decimalText(_ word: String) -> String? {
        var text = word.replacingOccurrences(of: ",", with: "")
        if text.hasPrefix(".") { text = "0" + text }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              text.filter({ $0 == "." }).count <= 1, !text.hasSuffix(".") else { return nil }
        return text
    }
}
