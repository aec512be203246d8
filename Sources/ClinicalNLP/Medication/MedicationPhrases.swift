/// Word lists for medication attributes, keyed by the tokenizer's normalized form (lower case, abbreviation dots
/// removed). Values are the normalized attribute values NoteGate reports.
enum MedicationPhrases {
    /// Strength units (after a number): `500 mg`, `0.5 mcg`, `10 units`, `2%`.
    static let strengthUnits: [String: String] = [
        "mg": "mg", "mgs": "mg", "milligram": "mg", "milligrams": "mg", "mcg": "mcg", "ug": "mcg", "µg": "mcg",
        "microgram": "mcg", "micrograms": "mcg", "g": "g", "gm": "g", "gram": "g", "grams": "g", "kg": "kg",
        "meq": "mEq", "mmol": "mmol", "unit": "unit", "units": "unit", "u": "unit", "iu": "IU", "ml": "mL",
        "cc": "mL", "l": "L", "%": "%", "mg/ml": "mg/mL", "mg/kg": "mg/kg", "mcg/kg": "mcg/kg", "mg/hr": "mg/h",
        "mcg/hr": "mcg/h", "units/hr": "unit/h", "mg/m2": "mg/m2", "mg/dl": "mg/dL", "l/min": "L/min",
        "mcg/min": "mcg/min", "mg/day": "mg/d", "puffs": "puff", "puff": "puff",
    ]
    /// Dose forms: `tablet`, `2 tabs`, `capsule`, ...
    static let forms: [String: String] = [
        "tablet": "tablet", "tablets": "tablet", "tab": "tablet", "tabs": "tablet", "capsule": "capsule",
        "capsules": "capsule", "cap": "capsule", "caps": "capsule", "pill": "tablet", "pills": "tablet",
        "solution": "solution", "soln": "solution", "suspension": "suspension", "susp": "suspension",
        "injection": "injection", "inj": "injection", "inhaler": "inhaler", "cream": "cream", "ointment": "ointment",
        "patch": "patch", "patches": "patch", "syrup": "syrup", "drop": "drops", "drops": "drops", "spray": "spray",
        "sprays": "spray", "gel": "gel", "lotion": "lotion", "suppository": "suppository", "suppositories": "suppository",
        "powder": "powder", "elixir": "elixir", "lozenge": "lozenge", "nebulizer": "nebulizer", "neb": "nebulizer",
        "nebs": "nebulizer", "puff": "puff", "puffs": "puff", "vial": "vial", "ampule": "ampule", "film": "film",
    ]
    /// Count words used as doses before a form (`two tablets`).
    static let countWords: [String: String] = [
        "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "half": "0.5", "a": "1", "an": "1",
    ]
    /// Phrase (space-joined normalized tokens) → (kind, value). Longest phrase wins.
    static let phrases: [String: (MedicationAttribute.Kind, String)] = {
        var table: [String: (MedicationAttribute.Kind, String)] = [:]
        let routes: [String: String] = [
            "po": "oral", "orally": "oral", "oral": "oral", "by mouth": "oral", "per os": "oral",
            "iv": "intravenous", "intravenous": "intravenous", "intravenously": "intravenous", "ivp": "intravenous",
            "im": "intramuscular", "intramuscular": "intramuscular", "intramuscularly": "intramuscular",
            "sc": "subcutaneous", "subq": "subcutaneous", "sq": "subcutaneous", "subcut": "subcutaneous",
            "subcutaneous": "subcutaneous", "subcutaneously": "subcutaneous", "sl": "sublingual",
            "sublingual": "sublingual", "sublingually": "sublingual", "topical": "topical", "topically": "topical",
            "inhaled": "inhalation", "inh": "inhalation", "via nebulizer": "inhalation", "pr": "rectal",
            "per rectum": "rectal", "rectally": "rectal", "rectal": "rectal", "transdermal": "transdermal",
            "nasal": "nasal", "intranasal": "nasal", "in each nostril": "nasal", "ophthalmic": "ophthalmic",
            "in each eye": "ophthalmic", "per tube": "enteral", "via g-tube": "enteral", "ng": "enteral",
            "vaginally": "vaginal", "intrathecal": "intrathecal",
        ]
        for (k, v) in routes { table[k] = (.route, v) }
        let frequencies: [String: String] = [
            "daily": "daily", "qd": "daily", "qday": "daily", "once daily": "daily", "once a day": "daily",
            "every day": "daily", "per day": "daily", "a day": "daily", "each day": "daily", "od": "daily",
            "bid": "BID", "twice daily": "BID", "twice a day": "BID", "two times a day": "BID", "two times daily": "BID",
            "tid": "TID", "three times daily": "TID", "three times a day": "TID", "qid": "QID",
            "four times daily": "QID", "four times a day": "QID", "qhs": "at bedtime", "hs": "at bedtime",
            "at bedtime": "at bedtime", "nightly": "at bedtime", "at night": "at bedtime", "every night": "at bedtime",
            "qam": "every morning", "every morning": "every morning", "in the morning": "every morning",
            "qpm": "every evening", "every evening": "every evening", "in the evening": "every evening",
            "qod": "every other day", "every other day": "every other day", "weekly": "weekly",
            "once a week": "weekly", "every week": "weekly", "once weekly": "weekly", "twice weekly": "twice weekly",
            "monthly": "monthly", "once a month": "monthly", "every month": "monthly", "with meals": "with meals",
            "ac": "before meals", "before meals": "before meals", "pc": "after meals", "after meals": "after meals",
            "stat": "once", "once": "once", "x1": "once", "continuous": "continuous", "hourly": "every 1 hour",
        ]
        for (k, v) in frequencies { table[k] = (.frequency, v) }
        for k in ["prn", "as needed", "as-needed", "if needed", "when needed", "as required"] { table[k] = (.prn, "as needed") }
        let status: [String: String] = [
            "start": "start", "started": "start", "starting": "start", "initiate": "start", "initiated": "start",
            "begin": "start", "began": "start", "new": "start", "add": "start", "added": "start",
            "stop": "stop", "stopped": "stop", "discontinue": "stop", "discontinued": "stop", "d/c": "stop",
            "dc'd": "stop", "hold": "stop", "held": "stop", "off": "stop", "stopping": "stop",
            "continue": "continue", "continued": "continue", "cont": "continue", "resume": "continue",
            "resumed": "continue", "remain on": "continue", "remains on": "continue",
            "increase": "increase", "increased": "increase", "uptitrate": "increase", "titrate up": "increase",
            "increasing": "increase", "decrease": "decrease", "decreased": "decrease", "reduce": "decrease",
            "reduced": "decrease", "taper": "decrease", "tapered": "decrease", "wean": "decrease", "weaned": "decrease",
            "lower": "decrease", "lowered": "decrease",
        ]
        for (k, v) in status { table[k] = (.statusChange, v) }
        return table
    }()
    static let maxPhraseTokens = 3
    /// Every word an attribute pattern can start with, besides numbers and codes: count words, `for`/`x`/`×`
    /// (duration), `every`/`q` (frequency), the first word of every phrase, and dose forms.
    static let startWords: Set<String> = {
        var words = Set(countWords.keys).union(forms.keys).union(["for", "x", "×", "every", "q"])
        for key in phrases.keys { words.insert(String(key.split(separator: " ", omittingEmptySubsequences: false)[0])) }
        return words
    }()
    /// The ASCII start words as bytes. An ASCII token equals a word exactly when their bytes are equal, and no
    /// non-ASCII start word (`×`) is canonically equivalent to an ASCII string.
    static let asciiStartWords: KeyTable = {
        var table = KeyTable(minimumCapacity: startWords.count)
        for word in startWords where word.utf8.allSatisfy({ $0 < 0x80 }) {
            Array(word.utf8).withUnsafeBufferPointer { _ = table.insert($0, id: 0) }
        }
        return table
    }()

    /// False only when no attribute pattern can start with this (non-number, non-code) token, given as the UTF-8
    /// of its normalized form.
    @inline(__always)
    static func mayStartAttribute(_ normalized: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in normalized where b >= 0x80 { return startWords.contains(String(decoding: normalized, as: UTF8.self)) }
        return asciiStartWords.id(of: normalized) >= 0
    }
    /// First words of the phrases of two or more words: a cheap test before joining tokens into a phrase key.
    static let phraseFirstWords: Set<String> = Set(phrases.keys.compactMap { key in
        key.contains(" ") ? String(key[..<key.firstIndex(of: " ")!]) : nil
    })
    /// `phraseFirstWords`, looked up from token bytes.
    static let phraseFirstWordSet = WordSet(phraseFirstWords)
    /// Duration units after `for N` / `x N`.
    static let durationUnits: [String: String] = [
        "day": "day", "days": "day", "d": "day", "week": "week", "weeks": "week", "wk": "week", "wks": "week",
        "month": "month", "months": "month", "mo": "month", "mos": "month", "year": "year", "years": "year",
        "dose": "dose", "doses": "dose",
    ]
    static let timeUnits: [String: String] = [
        "hours": "hours", "hour": "hours", "hrs": "hours", "hr": "hours", "h": "hours", "minutes": "minutes",
        "min": "minutes", "days": "days", "day": "days", "weeks": "weeks", "week": "weeks",
    ]

    /// The word tables above, answerable from token bytes (`NormalizedWordMap`).
    static let strengthUnitMap = NormalizedWordMap(strengthUnits)
    static let formMap = NormalizedWordMap(forms)
    static let countWordMap = NormalizedWordMap(countWords)
    static let durationUnitMap = NormalizedWordMap(durationUnits)
    static let timeUnitMap = NormalizedWordMap(timeUnits)
}
