import Foundation

/// Turns concept names and mention text into comparable tokens.
///
/// Two forms are produced: the *surface* form (lower-cased words in order, punctuation dropped) decides exact
/// matches, and the *bag* form (stop words dropped, spelling variants unified, plurals singularised, roman numerals
/// after `type`/`stage`/... turned into digits, then sorted) decides word-order and inflection-insensitive matches.
/// Both sides of every comparison go through the same code, so the rules only need to be consistent, not linguistic.
public enum TextNormalizer {
    /// Lower-cased alphanumeric words; letter/digit boundaries split (`500mg` → `500`, `mg`), decimals kept (`0.5`).
    public static func words(_ text: String) -> [String] {
        let folded: String
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            folded = text
        } else {
            folded = text.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
        }
        var result: [String] = []
        var current: [UInt8] = []
        var currentIsDigit = false
        func flush() {
            if !current.isEmpty { result.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        let bytes = Array(folded.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let isDigit = byte >= 0x30 && byte <= 0x39
            let isLetter = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte >= 0x80
            if isDigit || isLetter {
                if !current.isEmpty, isDigit != currentIsDigit { flush() }
                current.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
                currentIsDigit = isDigit
            } else if byte == UInt8(ascii: "."), currentIsDigit, !current.isEmpty, index + 1 < bytes.count,
                bytes[index + 1] >= 0x30, bytes[index + 1] <= 0x39
            {
                current.append(byte)  // decimal point inside a number
            } else {
                flush()
            }
            index += 1
        }
        flush()
        // Non-ASCII letters were copied as UTF-8 bytes; lower-case those words properly.
        return result.map { word in word.utf8.contains(where: { $0 >= 0x80 }) ? word.lowercased() : word }
    }

    /// The exact-match key: words in order.
    public static func surfaceKey(_ text: String) -> String {
        words(text).joined(separator: " ")
    }

    /// The normalised words of the bag form, in text order (not yet sorted).
    public static func bagWords(_ text: String) -> [String] {
        bagWords(fromWords: words(text))
    }

    static func bagWords(fromWords words: [String]) -> [String] {
        var result: [String] = []
        result.reserveCapacity(words.count)
        var previous = ""
        for word in words {
            defer { previous = word }
            if stopWords.contains(word) { continue }
            if numberedQualifiers.contains(previous), let number = romanNumerals[word] {
                result.append(number)
                continue
            }
            result.append(normalizedWord(word))
        }
        return result
    }

    /// The word-order-insensitive key: sorted bag words.
    public static func bagKey(_ text: String) -> String {
        bagWords(text).sorted().joined(separator: " ")
    }

    /// Spelling variant and plural folding for one lower-cased word.
    static func normalizedWord(_ word: String) -> String {
        if let variant = spellingVariants[word] { return variant }
        return singular(word)
    }

    static func singular(_ word: String) -> String {
        let bytes = Array(word.utf8)
        guard bytes.count > 3, bytes.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return word }
        func endsWith(_ suffix: String) -> Bool { word.hasSuffix(suffix) }
        if endsWith("ies") { return String(word.dropLast(3)) + "y" }
        if endsWith("sses") || endsWith("ches") || endsWith("shes") || endsWith("xes") {
            return String(word.dropLast(2))
        }
        if endsWith("s"), !endsWith("ss"), !endsWith("us"), !endsWith("is"), !endsWith("os") {
            return String(word.dropLast())
        }
        return word
    }

    static let stopWords: Set<String> = [
        "of", "the", "a", "an", "and", "or", "in", "on", "at", "to", "for", "by", "nos", "unspecified",
    ]

    static let numberedQualifiers: Set<String> = ["type", "stage", "grade", "class", "phase", "factor", "degree"]

    static let romanNumerals: [String: String] = [
        "i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6",
    ]

    /// British spellings, common clinical variants, dose-form and unit spellings: mapped onto the form OMOP names use.
    static let spellingVariants: [String: String] = [
        "haemorrhage": "hemorrhage", "hemorrhages": "hemorrhage", "haemorrhages": "hemorrhage",
        "bleed": "hemorrhage", "bleeding": "hemorrhage", "bleeds": "hemorrhage",
        "tumour": "tumor", "tumours": "tumor", "oedema": "edema", "anaemia": "anemia", "leukaemia": "leukemia",
        "oesophagus": "esophagus", "oesophageal": "esophageal", "haematuria": "hematuria",
        "ischaemic": "ischemic", "ischaemia": "ischemia", "paediatric": "pediatric", "diarrhoea": "diarrhea",
        "oestrogen": "estrogen", "faecal": "fecal", "coeliac": "celiac", "haemoglobin": "hemoglobin",
        "milligram": "mg", "milligrams": "mg", "microgram": "mcg", "micrograms": "mcg", "ug": "mcg",
        "gram": "g", "grams": "g", "millilitre": "ml", "milliliter": "ml", "milliliters": "ml",
        "tab": "tablet", "tabs": "tablet", "cap": "capsule", "caps": "capsule",
        "inj": "injection", "soln": "solution", "susp": "suspension",
    ]
}
