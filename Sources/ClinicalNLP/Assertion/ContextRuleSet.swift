import Foundation

/// The validated contents of a ConText rule file.
///
/// File format (UTF-8, tab-separated, `#` starts a comment line, blank lines ignored), one rule per line:
/// `phrase<TAB>kind<TAB>categories<TAB>window`
/// - `kind`: `forward`, `backward`, `bidirectional`, `pseudo`, `termination` or `section`;
/// - `categories`: comma-separated `negated`, `possible`, `hypothetical`, `historical`, `family`, `other`, or `all`
///   (pseudo-triggers and terminations act only on the categories they list);
/// - `window`: for triggers, the maximum scope in word tokens or `sentence`; `-` for every other kind;
/// - `section` rules name a `SectionCategory` raw value in the phrase column (`past_medical_history`).
public struct ContextRuleSet: Sendable {
    public let rules: [ContextRule]
    /// Where the rules came from, for diagnostics.
    public let source: String

    /// Name of the rule file shipped in the module's resources.
    public static let defaultFileName = "context_rules.tsv"

    public init(contents: String, file: String) throws(ContextRuleError) {
        var rules: [ContextRule] = []
        var seen: [String: Int] = [:]
        var lineNumber = 0
        for rawLine in contents.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let rule = try Self.parseLine(String(line), number: lineNumber, file: file)
            let key = "\(AssertionTokenizer.phraseHashes(rule.phrase))|\(rule.kind.rawValue)|\(rule.categories.mask)"
            if let first = seen[key] {
                throw ContextRuleError(code: .duplicateRule, file: file, line: lineNumber,
                                       reason: "duplicate rule '\(rule.phrase)' (\(rule.kind.rawValue)); first defined on line \(first)")
            }
            seen[key] = lineNumber
            rules.append(rule)
        }
        guard rules.contains(where: \.isTrigger) else {
            throw ContextRuleError(code: .noRules, file: file, line: 0, reason: "the file defines no trigger")
        }
        self.rules = rules
        self.source = file
    }

    /// Reads and validates a rule file.
    public init(contentsOf url: URL) throws(ContextRuleError) {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw ContextRuleError(code: .unreadableFile, file: url.path, line: 0, reason: "no such file")
        }
        let contents: String
        do {
            contents = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ContextRuleError(code: .unreadableFile, file: url.path, line: 0,
                                   reason: "cannot read the rule file as UTF-8 text", cause: error)
        }
        try self.init(contents: contents, file: url.lastPathComponent)
    }

    /// The rules shipped with the module.
    public static func loadDefault() throws(ContextRuleError) -> ContextRuleSet {
        guard let url = Bundle.module.url(forResource: "context_rules", withExtension: "tsv", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "context_rules", withExtension: "tsv") else {
            throw ContextRuleError(code: .unreadableFile, file: defaultFileName, line: 0,
                                   reason: "the rule file is missing from the module resources")
        }
        return try ContextRuleSet(contentsOf: url)
    }

    private static func parseLine(_ line: String, number: Int, file: String) throws(ContextRuleError) -> ContextRule {
        func fail(_ code: ContextRuleError.Code, _ reason: String) -> ContextRuleError {
            ContextRuleError(code: code, file: file, line: number, reason: reason)
        }
        let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard columns.count == 4 else {
            throw fail(.wrongColumnCount,
                       "expected 4 tab-separated columns (phrase, kind, categories, window), found \(columns.count)")
        }
        let phrase = columns[0]
        guard let kind = ContextRule.Kind(rawValue: columns[1]) else {
            let known = ContextRule.Kind.allCases.map(\.rawValue).joined(separator: ", ")
            throw fail(.unknownKind, "unknown kind '\(columns[1])' (expected one of: \(known))")
        }
        guard !phrase.isEmpty, !AssertionTokenizer.phraseHashes(phrase).isEmpty else {
            throw fail(.emptyPhrase, "the phrase column is empty")
        }
        var categories: [ContextCategory] = []
        for name in columns[2].split(separator: ",", omittingEmptySubsequences: false) {
            let name = name.trimmingCharacters(in: .whitespaces)
            if name == "all" {
                categories.append(contentsOf: ContextCategory.allCases)
            } else if let category = ContextCategory(rawValue: name) {
                categories.append(category)
            } else {
                let known = ContextCategory.allCases.map(\.rawValue).joined(separator: ", ")
                throw fail(.unknownCategory, "unknown category '\(name)' (expected 'all' or some of: \(known))")
            }
        }
        let window: ContextRule.Window
        switch kind {
        case .forward, .backward, .bidirectional:
            if columns[3] == "sentence" {
                window = .sentence
            } else if let words = Int(columns[3]), words > 0 {
                window = .words(words)
            } else {
                throw fail(.invalidWindow,
                           "a trigger needs a window of a positive number of words or 'sentence', found '\(columns[3])'")
            }
        case .pseudo, .termination, .section:
            guard columns[3] == "-" else {
                throw fail(.invalidWindow, "a \(kind.rawValue) rule takes '-' as window, found '\(columns[3])'")
            }
            window = .sentence
        }
        if kind == .section {
            guard SectionCategory(rawValue: phrase) != nil else {
                throw fail(.unknownSection, "unknown section category '\(phrase)'")
            }
            if categories.contains(.negated) || categories.contains(.possible) {
                throw fail(.unknownCategory, "a section can imply historical, hypothetical, family or other, not negated or possible")
            }
        }
        return ContextRule(phrase: phrase, kind: kind, categories: ContextCategorySet(categories), window: window,
                           line: number)
    }
}
