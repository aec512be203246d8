import GRDB

/// How one text query is run against the name index: which words FTS5 intersects, and which very common words are
/// instead checked on the candidate names.
///
/// FTS5 answers `a AND b` by stepping through one doclist and seeking in the other; when `b` is in a large share of
/// all names, nearly every step is a page seek and a query costs milliseconds however few hits it has. The plan
/// therefore looks up each word's document frequency (`concept_name_term`), drives the query from the rarest word,
/// keeps in the FTS5 expression only words whose doclists are of comparable size (at most `ratioLimit` times the
/// rarest, or small in absolute terms), and leaves the others to a check on each candidate's words, which costs no
/// more than scoring it. A type-ahead prefix becomes an OR of its most frequent completions (see `SearchTermIndex`)
/// or, when it is common or has too many completions, a prefix check on the candidates.
struct SearchPlan: Equatable {
    /// The FTS5 MATCH expression; nil when no name can match (a word that is in no name).
    var match: String?
    /// Whole words every candidate name must contain (normalised as `TextNormalizer.words`).
    var checkedWords: [String] = []
    /// A prefix some word of every candidate name must start with.
    var checkedPrefix: String?
    /// The summed doclist lengths of the words in `match`: what FTS5 walks at worst.
    var intersectedDocuments = 0

    /// Doclists up to this length are intersected in FTS5 whatever the rarest word's length (cheap in any case).
    static let smallDocumentCount = 4096
    /// A word whose doclist is more than this many times the rarest's is checked on the candidates instead.
    static let ratioLimit = 16

    enum Part {
        /// A whole word and its document frequency (nil: not a plain word of the index, e.g. with a decimal point).
        case word(String, documents: Int?)
        /// A prefix, the documents of all its completions, its most frequent completions, and whether those are all.
        case prefix(String, documents: Int, completions: [String], complete: Bool)
        /// A prefix that is not a plain index term (non-ASCII, decimal point): left to FTS5's own prefix query.
        case unplannedPrefix(String)

        var documents: Int {
            switch self {
            case .word(_, let documents): return documents ?? 0
            case .prefix(_, let documents, _, _): return documents
            case .unplannedPrefix: return 0
            }
        }
    }

    /// The plan for the query words; the last one is a prefix when `lastIsPrefix`.
    static func make(words: [String], lastIsPrefix: Bool, in db: Database) throws -> SearchPlan {
        var parts: [Part] = []
        for (position, word) in words.enumerated() {
            if position == words.count - 1, lastIsPrefix {
                parts.append(try prefixPart(word, in: db))
            } else {
                parts.append(.word(word, documents: try documents(of: word, in: db)))
            }
        }
        return plan(parts)
    }

    /// The choice itself, separate from the look-ups so it can be tested on its own.
    static func plan(_ parts: [Part]) -> SearchPlan {
        for part in parts {
            switch part {
            case .word(_, let documents) where documents == 0: return SearchPlan(match: nil)
            case .prefix(_, _, let completions, _) where completions.isEmpty: return SearchPlan(match: nil)
            default: continue
            }
        }
        let ordered = parts.enumerated().sorted { ($0.element.documents, $0.offset) < ($1.element.documents, $1.offset) }
        let driver = ordered[0].element.documents
        let affordable = max(smallDocumentCount, driver.multipliedReportingOverflow(by: ratioLimit).partialValue)
        var plan = SearchPlan()
        var terms: [String] = []
        for (rank, entry) in ordered.enumerated() {
            let part = entry.element
            let intersect = rank == 0 || part.documents <= affordable
            if intersect { plan.intersectedDocuments += part.documents }
            switch part {
            case .word(let word, _):
                if intersect { terms.append(quoted(word)) } else { plan.checkedWords.append(word) }
            case .prefix(let prefix, _, let completions, let complete):
                // An incomplete completion list is exact enough to drive a query, not to filter one.
                if rank == 0 || (intersect && complete) {
                    let alternatives = completions.map(quoted)
                    terms.append(alternatives.count == 1 ? alternatives[0] : "(" + alternatives.joined(separator: " OR ") + ")")
                } else {
                    if intersect { plan.intersectedDocuments -= part.documents }
                    plan.checkedPrefix = prefix
                }
            case .unplannedPrefix(let prefix):
                terms.append(quoted(prefix) + " *")
            }
        }
        plan.match = terms.joined(separator: " AND ")
        return plan
    }

    static func quoted(_ word: String) -> String {
        "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Whether the FTS5 tokenizer indexes `word` as exactly this one term (lower-case ASCII letters or digits), so
    /// its frequency can be read from `concept_name_term`.
    static func isPlainTerm(_ word: String) -> Bool {
        !word.isEmpty && word.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    static func documents(of word: String, in db: Database) throws -> Int? {
        guard isPlainTerm(word) else { return nil }
        let statement = try db.cachedStatement(sql: "SELECT documents FROM concept_name_term WHERE term = ?")
        return try Int.fetchOne(statement, arguments: [word]) ?? 0
    }

    static func prefixPart(_ prefix: String, in db: Database) throws -> Part {
        guard isPlainTerm(prefix) else { return .unplannedPrefix(prefix) }
        let stored = try db.cachedStatement(
            sql: "SELECT documents, completions FROM concept_name_prefix WHERE prefix = ?")
        if let row = try Row.fetchOne(stored, arguments: [prefix]) {
            let completions = (row[1] as String).split(separator: " ").map(String.init)
            return .prefix(prefix, documents: row[0], completions: completions, complete: false)
        }
        // Not stored: at most `completionLimit` completions, unless the prefix is longer than the stored lengths.
        let scanLimit = 256
        let range = try db.cachedStatement(sql: """
            SELECT term, documents FROM concept_name_term WHERE term >= ? AND term < ? ORDER BY term LIMIT ?
            """)
        let rows = try Row.fetchAll(range, arguments: [prefix, prefix + "\u{10FFFF}", scanLimit])
        let ranked = rows.map { (term: $0[0] as String, documents: $0[1] as Int) }
            .sorted { $0.documents > $1.documents }
        let kept = ranked.prefix(SearchTermIndex.completionLimit).map(\.term)
        return .prefix(
            prefix, documents: ranked.reduce(0) { $0 + $1.documents }, completions: Array(kept),
            complete: kept.count == rows.count && rows.count < scanLimit)
    }
}
