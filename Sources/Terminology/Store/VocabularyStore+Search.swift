import GRDB

extension VocabularyStore {
    /// Full-text search over concept names and synonyms, ranked by word overlap with the query.
    ///
    /// Names containing every query word (the last one, when it has at least two letters, as a prefix for
    /// type-ahead) are found through the FTS5 index following a `SearchPlan` (rarest words first, very common words
    /// checked on the candidates). The index hands out the shortest names first (`SearchNameKey`), so only the first
    /// `candidateLimit` names passing the filters are scored, in Swift: exact name first, then the share of words in
    /// common, then standard concepts, then shorter names. At most `scanFactor` times that many index hits are read,
    /// which bounds the cost of a query whose words rarely occur together or whose filters reject most names.
    public func search(_ request: SearchRequest, candidateLimit: Int = 20) throws -> [SearchHit] {
        let words = TextNormalizer.words(request.text).filter { !$0.isEmpty }
        guard !words.isEmpty else { return [] }
        // A one-letter prefix would match a large share of the index: a one-letter last word is a whole word.
        let lastIsPrefix = words[words.count - 1].unicodeScalars.count >= 2
        let limit = max(candidateLimit, (request.offset + request.count) * 2)
        let scanLimit = limit * Self.scanFactor
        let querySurface = words.joined(separator: " ")
        let queryBag = Set(TextNormalizer.bagWords(fromWords: words))
        var best: [Int: SearchHit] = [:]
        try fastRead { db in
            let plan = try SearchPlan.make(words: words, lastIsPrefix: lastIsPrefix, in: db)
            guard let match = plan.match else { return }
            // Names too short to hold every query word cannot match; skipping them saves walking the doclists
            // where they are longest and the words meet least (see `SearchNameKey`).
            let lowest = SearchNameKey.minimumKey(characters: Self.minimumCharacters(words, lastIsPrefix: lastIsPrefix))
            let hits = try db.cachedStatement(
                sql: "SELECT rowid FROM concept_name_search WHERE concept_name_search MATCH ? AND rowid >= ? LIMIT ?")
            let keys = try Int64.fetchCursor(hits, arguments: [match, lowest, scanLimit])
            var accepted = 0
            let candidates = try SearchCandidateReader(db)
            var concepts: [Int: Concept?] = [:]
            func concept(_ id: Int) -> Concept? {
                if let known = concepts[id] { return known }
                let found = candidates.concept(id: id)
                concepts[id] = found
                return found
            }
            while accepted < limit, let key = try keys.next() {
                let owner: Concept
                let nameWords: [String]
                switch SearchNameKey.decode(key) {
                case .concept(let id):
                    guard let found = concept(id) else { continue }
                    nameWords = TextNormalizer.words(found.name)
                    guard Self.contains(plan, in: nameWords) else { continue }
                    owner = found
                case .synonym(let rowid):
                    // The name is checked before the concept is read: a rejected synonym costs one read.
                    guard let synonym = candidates.synonym(rowid: rowid) else { continue }
                    nameWords = TextNormalizer.words(synonym.name)
                    guard Self.contains(plan, in: nameWords), let found = concept(synonym.conceptId) else { continue }
                    owner = found
                }
                guard Self.passesFilters(owner, request) else { continue }
                accepted += 1
                let score = Self.searchScore(
                    nameWords: nameWords, querySurface: querySurface, queryBag: queryBag, concept: owner)
                if let existing = best[owner.conceptId], existing.score >= score { continue }
                best[owner.conceptId] = SearchHit(coding: .omop(owner, release: release), concept: owner, score: score)
            }
        }
        // Sort keys computed once (comparing through the hits' concepts copied them at every comparison).
        let ranked = best.values.map { (hit: $0, length: $0.concept!.name.utf8.count) }.sorted {
            if $0.hit.score != $1.hit.score { return $0.hit.score > $1.hit.score }
            if $0.length != $1.length { return $0.length < $1.length }
            return $0.hit.concept!.conceptId < $1.hit.concept!.conceptId
        }
        return ranked.dropFirst(request.offset).prefix(request.count).map(\.hit)
    }

    /// Index hits read per candidate kept, at most.
    static let scanFactor = 4
    /// The fewest characters a name holding every query word can have: the distinct plain words (those the index
    /// holds as exactly that token) with one separator between each. A prefix counts with its own length unless it
    /// may be the same token as another query word.
    static func minimumCharacters(_ words: [String], lastIsPrefix: Bool) -> Int {
        var whole = Set<String>()
        for (position, word) in words.enumerated() where !(lastIsPrefix && position == words.count - 1) {
            if SearchPlan.isPlainTerm(word) { whole.insert(word) }
        }
        var tokens = whole.map(\.count)
        if lastIsPrefix, let prefix = words.last, SearchPlan.isPlainTerm(prefix),
            !whole.contains(where: { $0.hasPrefix(prefix) })
        {
            tokens.append(prefix.count)
        }
        guard !tokens.isEmpty else { return 0 }
        return tokens.reduce(0, +) + tokens.count - 1
    }

    /// Whether a name's words hold the plan's checked words and prefix.
    static func contains(_ plan: SearchPlan, in nameWords: [String]) -> Bool {
        for word in plan.checkedWords where !nameWords.contains(word) { return false }
        if let prefix = plan.checkedPrefix, !nameWords.contains(where: { $0.hasPrefix(prefix) }) { return false }
        return true
    }

    static func passesFilters(_ concept: Concept, _ request: SearchRequest) -> Bool {
        if !request.domains.isEmpty, !request.domains.contains(concept.domainId) { return false }
        if !request.vocabularies.isEmpty, !request.vocabularies.contains(concept.vocabularyId) { return false }
        return !request.standardOnly || concept.isStandard
    }

    static func searchScore(name: String, querySurface: String, queryBag: Set<String>, concept: Concept) -> Double {
        searchScore(nameWords: TextNormalizer.words(name), querySurface: querySurface, queryBag: queryBag,
                    concept: concept)
    }

    static func searchScore(nameWords: [String], querySurface: String, queryBag: Set<String>, concept: Concept)
        -> Double
    {
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
