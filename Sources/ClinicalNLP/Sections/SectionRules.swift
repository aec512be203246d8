import Foundation

/// Header variants → section category and LOINC code, loaded from a tab-separated rule file
/// (`Resources/sections.tsv`; format in its header comment). Validated on load: every problem is reported with
/// file, line and reason.
public struct SectionRules: Sendable {
    public struct Rule: Sendable, Hashable {
        public let category: SectionCategory
        public let loincCode: String?
        /// A sub-header (e.g. `HEENT:` inside the physical exam) ends a sentence but not the section.
        public let isSubheader: Bool
    }

    /// Normalized header text (lower-case words separated by single spaces) → rule.
    public let rules: [String: Rule]
    /// Longest header in words, bounding the header scan.
    public let maxWords: Int

    public init(rules: [String: Rule]) {
        self.rules = rules
        self.maxWords = rules.keys.map { $0.split(separator: " ").count }.max() ?? 0
    }

    public static func loadDefault() throws -> SectionRules {
        let url = try TabularFile.bundled("sections.tsv")
        return try SectionRules(parsing: TabularFile.read(url), file: "sections.tsv")
    }

    public init(contentsOf url: URL) throws {
        try self.init(parsing: TabularFile.read(url), file: url.lastPathComponent)
    }

    public init(parsing content: String, file: String) throws {
        var rules = [String: Rule]()
        try TabularFile.forEachRow(content) { line, fields in
            guard fields.count == 3 || fields.count == 4 else {
                throw ResourceFileError(code: .malformedLine, file: file, line: line,
                                        reason: "expected 3 or 4 tab-separated fields, found \(fields.count)")
            }
            guard let category = SectionCategory(rawValue: String(fields[0])) else {
                throw ResourceFileError(code: .unknownValue, file: file, line: line,
                                        reason: "unknown section category '\(fields[0])'")
            }
            let code = String(fields[1])
            guard code == "-" || Self.isLOINC(code) else {
                throw ResourceFileError(code: .unknownValue, file: file, line: line,
                                        reason: "'\(code)' is not a LOINC code (digits-checkdigit) or '-'")
            }
            let header = SectionRules.normalizeHeader(fields[2].unicodeScalars)
            guard !header.isEmpty else {
                throw ResourceFileError(code: .malformedLine, file: file, line: line, reason: "empty header text")
            }
            var isSubheader = false
            if fields.count == 4 {
                guard fields[3] == "subheader" else {
                    throw ResourceFileError(code: .unknownValue, file: file, line: line,
                                            reason: "fourth field must be 'subheader', found '\(fields[3])'")
                }
                isSubheader = true
            }
            let rule = Rule(category: category, loincCode: code == "-" ? nil : code, isSubheader: isSubheader)
            if let existing = rules[header], existing != rule {
                throw ResourceFileError(code: .duplicate, file: file, line: line,
                                        reason: "header '\(header)' already maps to \(existing.category.rawValue)")
            }
            rules[header] = rule
        }
        guard !rules.isEmpty else {
            throw ResourceFileError(code: .empty, file: file, line: nil, reason: "no header rules")
        }
        self.init(rules: rules)
    }

    private static func isLOINC(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && (1...7).contains(parts[0].count) && parts[1].count == 1
            && parts.allSatisfy { $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    /// Lower-case, parenthesised parts dropped, every run of non-alphanumerics (except `&` and `/` between
    /// letters, which headers like `A&P`, `A/P` need) turned into one space.
    static func normalizeHeader<S: Sequence>(_ scalars: S) -> String where S.Element == Unicode.Scalar {
        var bytes = [UInt8]()
        var depth = 0
        var pendingSpace = false
        for s in scalars {
            if s == "(" { depth += 1; continue }
            if s == ")" { depth = max(0, depth - 1); continue }
            if depth > 0 { continue }
            if ScalarClass.isAlphanumeric(s) || s == "&" || s == "/" {
                if pendingSpace && !bytes.isEmpty { bytes.append(0x20) }
                pendingSpace = false
                ScalarClass.appendLowercased(s, to: &bytes)
            } else {
                pendingSpace = true
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
