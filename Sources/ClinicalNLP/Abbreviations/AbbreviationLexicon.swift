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

    /// Lower-cased surface → entry; `Entry.caseSensitive` says whether the written case must match too.
    let byLowercase: [String: Entry]
    /// Longest abbreviation in UTF-8 bytes (a cheap filter before hashing).
    public let maximumLength: Int

    public var count: Int { byLowercase.count }

    /// The entry for a surface as written (case rules applied).
    public func entry(for surface: String) -> Entry? {
        guard let entry = byLowercase[surface.lowercased()] else { return nil }
        return !entry.caseSensitive || entry.abbreviation == surface ? entry : nil
    }

    /// The entry for an already lower-cased surface, without checking case.
    func entry(normalized: String) -> Entry? { byLowercase[normalized] }

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
        var byLowercase = [String: Entry]()
        for abbreviation in order {
            let entry = Entry(abbreviation: abbreviation, senses: senses[abbreviation]!,
                              caseSensitive: caseSensitive[abbreviation]!)
            // Two abbreviations differing only in case (rare) keep the first; the file builder never writes that.
            if byLowercase[abbreviation.lowercased()] == nil { byLowercase[abbreviation.lowercased()] = entry }
        }
        self.byLowercase = byLowercase
        self.maximumLength = byLowercase.keys.map(\.utf8.count).max() ?? 0
    }
}
