import Foundation

/// Reader for the NegEx/ConText TSV: a header line `id condition sentence negation temporality experiencer`,
/// then one tab-separated row per target, no quoting.
public struct AssertionEvaluationSet: Sendable {
    public static let columns = ["id", "condition", "sentence", "negation", "temporality", "experiencer"]

    public let rows: [AssertionEvaluationRow]

    public init(rows: [AssertionEvaluationRow]) {
        self.rows = rows
    }

    public init(contentsOf url: URL) throws(AssertionEvaluationError) {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw AssertionEvaluationError(code: .unreadableFile, file: url.path, line: 0, reason: "no such file")
        }
        let contents: String
        do {
            contents = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw AssertionEvaluationError(code: .unreadableFile, file: url.path, line: 0,
                                           reason: "cannot read the file as UTF-8 text", cause: error)
        }
        try self.init(contents: contents, file: url.path)
    }

    public init(contents: String, file: String) throws(AssertionEvaluationError) {
        func fail(_ code: AssertionEvaluationError.Code, _ line: Int, _ reason: String) -> AssertionEvaluationError {
            AssertionEvaluationError(code: code, file: file, line: line, reason: reason)
        }
        var rows: [AssertionEvaluationRow] = []
        var lineNumber = 0
        var sawHeader = false
        for rawLine in contents.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if !sawHeader {
                let header = line.split(separator: "\t", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                guard header == Self.columns else {
                    throw fail(.missingHeader, lineNumber,
                               "expected the header '\(Self.columns.joined(separator: "\\t"))'")
                }
                sawHeader = true
                continue
            }
            if line.allSatisfy(\.isWhitespace) { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == Self.columns.count else {
                throw fail(.wrongColumnCount, lineNumber,
                           "expected \(Self.columns.count) tab-separated columns, found \(fields.count)")
            }
            for (name, field) in zip(Self.columns, fields) where field.allSatisfy(\.isWhitespace) {
                throw fail(.emptyField, lineNumber, "column '\(name)' is empty")
            }
            let negation = fields[3].trimmingCharacters(in: .whitespaces)
            guard negation == "Affirmed" || negation == "Negated" else {
                throw fail(.unknownValue, lineNumber, "negation must be 'Affirmed' or 'Negated', found '\(negation)'")
            }
            let temporalityText = fields[4].trimmingCharacters(in: .whitespaces)
            guard let temporality = AssertionEvaluationRow.Temporality(rawValue: temporalityText) else {
                throw fail(.unknownValue, lineNumber,
                           "temporality must be 'Recent', 'Historical' or 'Not particular', found '\(temporalityText)'")
            }
            let experiencerText = fields[5].trimmingCharacters(in: .whitespaces)
            guard let experiencer = AssertionEvaluationRow.Experiencer(rawValue: experiencerText) else {
                throw fail(.unknownValue, lineNumber,
                           "experiencer must be 'Patient', 'Family member' or 'Other', found '\(experiencerText)'")
            }
            rows.append(AssertionEvaluationRow(
                line: lineNumber, id: fields[0].trimmingCharacters(in: .whitespaces), condition: fields[1],
                sentence: fields[2], negated: negation == "Negated", temporality: temporality,
                experiencer: experiencer))
        }
        guard sawHeader else { throw fail(.missingHeader, 0, "the file is empty") }
        guard !rows.isEmpty else { throw fail(.noRows, 0, "the file has a header but no rows") }
        self.rows = rows
    }
}
