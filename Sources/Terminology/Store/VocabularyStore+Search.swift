import GRDB

extension VocabularyStore {
    /// Full-text search over concept names and synonyms, ranked by word overlap with the query.
    ///
    /// The FTS5 index finds names containing every query word (the last one, when it has at least two letters,
    /// as a prefix for type-ahead, served by the table's 2-, 3- and 4-character prefix indexes); up to
    /// `candidateLimit` hits passing the filters are scored in Swift: exact name first, then the share of words in
    /// common, then standard concepts, then shorter names.
    public func search(_ request: SearchRequest, candidateLimit: Int = 100) throws -> [SearchHit] {
        let words = TextNormalizer.words(request.text).filter { !$0.isEmpty }
        guard !words.isEmpty else { return [] }
        let match = words.enumerated().map { position, word in
            let quoted = "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            // A one-letter prefix would expand to a large share of the index; the prefix indexes cover 2–4.
            return position == words.count - 1 && word.unicodeScalars.count >= 2 ? quoted + " *" : quoted
        }.joined(separator: " ")
        var filters: [String] = []
        var arguments: StatementArguments = [match]
        if !request.domains.isEmpty {
            filters.append("c.domain_id IN (\(Array(repeating: "?", count: request.domains.count).joined(separator: ",")))")
            arguments += StatementArguments(request.domains.sorted())
        }
        if !request.vocabularies.isEmpty {
            filters.append(
                "c.vocabulary_id IN (\(Array(repeating: "?", count: request.vocabularies.count).joined(separator: ",")))")
            arguments += StatementArguments(request.vocabularies.sorted())
        }
        if request.standardOnly { filters.append("c.standard_concept = 'S'") }
        let whereFilters = filters.isEmpty ? "" : " AND " + filters.joined(separator: " AND ")
        let limit = max(candidateLimit, (request.offset + request.count) * 4)
        arguments += [limit]
        let prefixed = Concept.columns.split(separator: ",").map { "c." + $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: ", ")
        let sql = """
            SELECT \(prefixed),
                   CASE WHEN s.rowid >= 0 THEN c.concept_name
                        ELSE (SELECT concept_synonym_name FROM concept_synonym WHERE rowid = -s.rowid) END
            FROM concept_name_search s
            JOIN concept c ON c.concept_id = CASE WHEN s.rowid >= 0 THEN s.rowid
                ELSE (SELECT concept_id FROM concept_synonym WHERE rowid = -s.rowid) END
            WHERE concept_name_search MATCH ?\(whereFilters)
            LIMIT ?
            """
        let querySurface = words.joined(separator: " ")
        let queryBag = Set(TextNormalizer.bagWords(fromWords: words))
        var best: [Int: SearchHit] = [:]
        try fastRead { db in
            let statement = try db.cachedStatement(sql: sql)
            let rows = try Row.fetchCursor(statement, arguments: arguments)
            while let row = try rows.next() {
                let concept = Concept(row: row)
                let matchedName: String = row[10]
                let score = Self.searchScore(name: matchedName, querySurface: querySurface, queryBag: queryBag,
                                             concept: concept)
                if let existing = best[concept.conceptId], existing.score >= score { continue }
                best[concept.conceptId] = SearchHit(
                    coding: .omop(concept, release: release), concept: concept, score: score)
            }
        }
        let ranked = best.values.sorted {
            if $0.score != $1.score { return $0.score > $1.score }
            let a = $0.concept!, b = $1.concept!
            if a.name.count != b.name.count { return a.name.count < b.name.count }
            return a.conceptId < b.conceptId
        }
        return Array(ranked.dropFirst(request.offset).prefix(request.count))
    }

    static func searchScore(name: String, querySurface: String, queryBag: Set<String>, concept: Concept) -> Double {
        let nameWords = TextNormalizer.words(name)
        var score: Double
        if nameWords.joined(separator: " ") == querySurface {
            score = 1
        } else {
            let nameBag = Set(TextNormalizer.bagWords(fromWords: nameWords))
            let common = Double(nameBag.intersection(queryBag).count)
            score = 0.9 * (2 * common / Double(max(nameBag.count + queryBag.count, 1)))
        }
        if !concept.isStandard { score -= 0.05 }
        if !concept.isValid { score -= 0.1 }
        return max(0, score)
    }

    /// Names and synonyms for the NLP dictionary (one row per name), optionally limited to standard concepts of
    /// some domains. Rows are handed to `body` one at a time so a full vocabulary never sits in memory.
    public func forEachLexiconRow(
        domains: Set<String> = [], standardOnly: Bool = true, _ body: (LexiconRow) throws -> Void
    ) throws {
        var filters: [String] = []
        var arguments: StatementArguments = []
        if !domains.isEmpty {
            filters.append("c.domain_id IN (\(Array(repeating: "?", count: domains.count).joined(separator: ",")))")
            arguments += StatementArguments(domains.sorted())
        }
        if standardOnly { filters.append("c.standard_concept = 'S'") }
        let whereClause = filters.isEmpty ? "" : "WHERE " + filters.joined(separator: " AND ")
        try fastRead { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT c.concept_id, c.concept_name, c.domain_id, c.vocabulary_id, c.standard_concept, 0
                FROM concept c \(whereClause)
                UNION ALL
                SELECT c.concept_id, s.concept_synonym_name, c.domain_id, c.vocabulary_id, c.standard_concept, 1
                FROM concept_synonym s JOIN concept c ON c.concept_id = s.concept_id \(whereClause)
                """, arguments: arguments + arguments)
            while let row = try rows.next() {
                try body(LexiconRow(
                    conceptId: row[0], text: row[1], domainId: row[2], vocabularyId: row[3],
                    isStandard: (row[4] as String?) == "S", isSynonym: (row[5] as Int) == 1))
            }
        }
    }

    /// All lexicon rows at once (convenient for the embedded vocabulary; use `forEachLexiconRow` for big ones).
    public func lexiconRows(domains: Set<String> = [], standardOnly: Bool = true) throws -> [LexiconRow] {
        var rows: [LexiconRow] = []
        try forEachLexiconRow(domains: domains, standardOnly: standardOnly) { rows.append($0) }
        return rows
    }
}

/// One name of a concept for the NLP dictionary.
public struct LexiconRow: Sendable, Hashable {
    public var conceptId: Int
    public var text: String
    public var domainId: String
    public var vocabularyId: String
    public var isStandard: Bool
    public var isSynonym: Bool
}
