import Foundation

/// A list of terms any caller fills: vocabulary rows (via `label(forOMOPDomain:)`), the curated abbreviation
/// list, user TSV term files. Order matters: when two entries have the same match key, the earlier one wins
/// (add the most trusted source first). Compile it into a `DictionaryMatcher` to use it.
public struct Lexicon: Sendable {
    public private(set) var entries: [LexiconEntry] = []

    public init(entries: [LexiconEntry] = []) {
        self.entries = entries
    }

    public var count: Int { entries.count }

    public mutating func add(_ entry: LexiconEntry) {
        entries.append(entry)
    }

    public mutating func add(term: String, label: EntityLabel, conceptKey: String? = nil, source: String,
                             preferredText: String? = nil, ambiguous: Bool = false) {
        entries.append(LexiconEntry(term: term, label: label, conceptKey: conceptKey, source: source,
                                    preferredText: preferredText, ambiguous: ambiguous))
    }

    public mutating func append(contentsOf other: Lexicon) {
        entries.append(contentsOf: other.entries)
    }

    /// OMOP domain → label: Condition and Observation → PROBLEM, Drug → MEDICATION, Procedure → PROCEDURE,
    /// Measurement → LAB_TEST; other domains (Unit, Device, Visit, ...) → nil (not extracted).
    public static func label(forOMOPDomain domainId: String) -> EntityLabel? {
        switch domainId.lowercased() {
        case "condition", "observation", "condition/meas", "condition/obs": return .problem
        case "drug": return .medication
        case "procedure": return .procedure
        case "measurement", "meas value": return .labTest
        default: return nil
        }
    }

    /// A label as written in a term file: NoteGate labels (`PROBLEM`, ...), OMOP domain ids (`Condition`,
    /// `Drug`, ...) or medSpaCy's `TEST`.
    public static func label(named name: String) -> EntityLabel? {
        if let label = EntityLabel(rawValue: name.uppercased()) { return label }
        switch name.uppercased() {
        case "TEST", "LAB", "LABTEST", "LAB-TEST": return .labTest
        case "DRUG", "MEDICATIONS", "MED": return .medication
        case "DISEASE", "CONDITION", "PROBLEMS": return .problem
        default: return label(forOMOPDomain: name)
        }
    }

    /// Reads a user term file: `term<TAB>label[<TAB>conceptKey[<TAB>preferred text]]`, `#` comments and blank
    /// lines skipped. A malformed line fails the whole file with its line number.
    public static func load(tsv url: URL, source: String = "user") throws -> Lexicon {
        try parse(tsv: TabularFile.read(url), file: url.lastPathComponent, source: source)
    }

    public static func parse(tsv content: String, file: String, source: String = "user") throws -> Lexicon {
        var lexicon = Lexicon()
        try TabularFile.forEachRow(content) { line, fields in
            guard (2...4).contains(fields.count) else {
                throw ResourceFileError(code: .malformedLine, file: file, line: line,
                                        reason: "expected term<TAB>label[<TAB>conceptKey[<TAB>preferred]], found \(fields.count) fields")
            }
            let term = fields[0].trimmingCharacters(in: .whitespaces)
            guard !term.isEmpty else {
                throw ResourceFileError(code: .malformedLine, file: file, line: line, reason: "empty term")
            }
            let labelName = fields[1].trimmingCharacters(in: .whitespaces)
            guard let label = label(named: labelName) else {
                throw ResourceFileError(code: .unknownValue, file: file, line: line,
                                        reason: "unknown label '\(labelName)' (use PROBLEM, MEDICATION, PROCEDURE, LAB_TEST or an OMOP domain)")
            }
            let key = fields.count > 2 && !fields[2].isEmpty ? String(fields[2]) : nil
            let preferred = fields.count > 3 && !fields[3].isEmpty ? String(fields[3]) : nil
            lexicon.add(term: term, label: label, conceptKey: key, source: source, preferredText: preferred)
        }
        guard lexicon.count > 0 else {
            throw ResourceFileError(code: .empty, file: file, line: nil, reason: "no terms")
        }
        return lexicon
    }
}
