import Foundation

/// The curated clinical abbreviations (`Resources/abbreviations.tsv`, built by
/// `scripts/build_abbreviation_lexicon.py`). Clear abbreviations have one sense; ambiguous ones list the senses
/// context can tell apart, each with the sections and nearby words that indicate it (see
/// `AbbreviationDetector`).
public struct AbbreviationLexicon: Sendable {
    public struct Sense: Sendable, Hashable {
        /// nil for a sense that is not an entity (`RA` = room air, `PE` = physical exam).
        public let label: EntityLabel?
        public let expansion: String
        public let cui: String?
        public let sections: Set<SectionCategory>
        /// Lower-case words whose presence near the abbreviation points to this sense.
        public let cues: Set<String>
    }

    public struct Entry: Sendable, Hashable {
        public let abbreviation: String
        public let senses: [Sense]
        public let caseSensitive: Bool
        public var isAmbiguous: Bool { senses.count > 1 }
    }

    /// Surface as written → entry (case-sensitive entries).
    let exact: [String: Entry]
    /// Lower-cased surface → entry (entries that match in any case).
    let anyCase: [String: Entry]

    public var count: Int { exact.count + anyCase.count }

    public func entry(for surface: String) -> Entry? {
        if let entry = exact[surface] { return entry }
        if let entry = anyCase[surface] ?? anyCase[surface.lowercased()] { return entry }
        return nil
    }

    public static func loadDefault() throws -> AbbreviationLexicon {
        let url = try TabularFile.bundled("abbreviations.tsv")
        return try AbbreviationLexicon(parsing: TabularFile.read(url), file: "abbreviations.tsv")
    }

    public init(parsing content: String, file: String) throws {
        var senses = [String: [Sense]]()
        var caseSensitive = [String: Bool]()
        var clear = [String: Bool]()
        var order = [String]()
        try TabularFile.forEachRow(content) { line, fields in
            guard fields.count == 8 else {
                throw ResourceFileError(code: .malformedLine, file: file, line: line,
                                        reason: "expected 8 tab-separated fields, found \(fields.count)")
            }
            let abbreviation = String(fields[0])
            guard !abbreviation.isEmpty, !abbreviation.contains(" ") else {
                throw ResourceFileError(code: .malformedLine, file: file, line: line, reason: "empty or spaced abbreviation")
            }
            var label: EntityLabel? = nil
            if fields[1] != "-" {
                guard let value = EntityLabel(rawValue: String(fields[1])) else {
                    throw ResourceFileError(code: .unknownValue, file: file, line: line, reason: "unknown label '\(fields[1])'")
                }
                label = value
            }
            guard !fields[2].isEmpty else {
                throw ResourceFileError(code: .malformedLine, file: file, line: line, reason: "empty expansion")
            }
            guard fields[4] == "any" || fields[4] == "exact" else {
                throw ResourceFileError(code: .unknownValue, file: file, line: line, reason: "case must be 'any' or 'exact', found '\(fields[4])'")
            }
            guard fields[5] == "clear" || fields[5] == "ambiguous" else {
                throw ResourceFileError(code: .unknownValue, file: file, line: line, reason: "status must be 'clear' or 'ambiguous', found '\(fields[5])'")
            }
            var sections = Set<SectionCategory>()
            if fields[6] != "-" {
                for name in fields[6].split(separator: ",") {
                    guard let category = SectionCategory(rawValue: String(name)) else {
                        throw ResourceFileError(code: .unknownValue, file: file, line: line, reason: "unknown section '\(name)'")
                    }
                    sections.insert(category)
                }
            }
            let cues = fields[7] == "-" ? [] : Set(fields[7].split(separator: ",").map { $0.lowercased() })
            let isClear = fields[5] == "clear"
            if let previous = clear[abbreviation] {
                guard !previous && !isClear else {
                    throw ResourceFileError(code: .duplicate, file: file, line: line,
                                            reason: "'\(abbreviation)' is marked clear but has several senses")
                }
            } else {
                order.append(abbreviation)
                if isClear && label == nil {
                    throw ResourceFileError(code: .malformedLine, file: file, line: line,
                                            reason: "a clear abbreviation needs an entity label")
                }
            }
            clear[abbreviation] = isClear
            caseSensitive[abbreviation] = fields[4] == "exact"
            senses[abbreviation, default: []].append(Sense(label: label, expansion: String(fields[2]),
                                                           cui: fields[3] == "-" ? nil : String(fields[3]),
                                                           sections: sections, cues: cues))
        }
        guard !order.isEmpty else {
            throw ResourceFileError(code: .empty, file: file, line: nil, reason: "no abbreviations")
        }
        var exact = [String: Entry]()
        var anyCase = [String: Entry]()
        for abbreviation in order {
            let entry = Entry(abbreviation: abbreviation, senses: senses[abbreviation]!,
                              caseSensitive: caseSensitive[abbreviation]!)
            if entry.caseSensitive { exact[abbreviation] = entry } else { anyCase[abbreviation.lowercased()] = entry }
        }
        self.exact = exact
        self.anyCase = anyCase
    }
}
