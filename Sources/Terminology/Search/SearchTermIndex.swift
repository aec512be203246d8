import GRDB

/// Document frequencies of the indexed words and the most frequent completions of crowded prefixes, built once at
/// import from the finished FTS5 index.
///
/// The search planner needs them to keep every query cheap on a big vocabulary:
/// - `concept_name_term(term, documents)`: how many names contain each word, so the query can be driven from its
///   rarest words and a very common word checked on the few candidates instead of being intersected in FTS5 (each
///   step of an FTS5 AND into a very long doclist costs a page seek);
/// - `concept_name_prefix(prefix, documents, completions)`: for prefixes (2–8 characters) with more than
///   `completionLimit` completions, the total documents and the `completionLimit` most frequent completions. A
///   type-ahead prefix is searched as an OR of explicit words, which FTS5 iterates lazily; a `word*` query would make
///   FTS5 merge the doclists of every completion before returning the first row (118 ms for a common prefix on the
///   1/10-scale synthetic vocabulary). Prefixes with few completions are read from `concept_name_term` directly.
enum SearchTermIndex {
    static let completionLimit = 16
    static let storedPrefixLengths = 2...8

    static func create(in db: Database, ftsTable: String) throws {
        try db.execute(sql: """
            CREATE TABLE concept_name_term (
                term TEXT PRIMARY KEY NOT NULL,
                documents INTEGER NOT NULL) WITHOUT ROWID;
            CREATE TABLE concept_name_prefix (
                prefix TEXT PRIMARY KEY NOT NULL,
                documents INTEGER NOT NULL,
                completions TEXT NOT NULL) WITHOUT ROWID;
            CREATE VIRTUAL TABLE temp.concept_name_vocabulary USING fts5vocab(main, \(ftsTable), 'row');
            INSERT INTO concept_name_term (term, documents) SELECT term, doc FROM temp.concept_name_vocabulary;
            DROP TABLE temp.concept_name_vocabulary;
            """)
        try buildPrefixes(in: db)
    }

    /// One pass over the terms in sorted order: the terms sharing a prefix are consecutive, so a stack of open
    /// prefix groups (one per length of the current term) is enough; a group is written when the next term leaves it.
    private static func buildPrefixes(in db: Database) throws {
        let insert = try db.makeStatement(
            sql: "INSERT INTO concept_name_prefix (prefix, documents, completions) VALUES (?, ?, ?)")
        var groups: [PrefixGroup] = []
        var previous: [Unicode.Scalar] = []
        func close(downTo length: Int) throws {
            while groups.count > length {
                let group = groups.removeLast()
                let prefixLength = groups.count + 1
                guard storedPrefixLengths.contains(prefixLength), group.count > completionLimit else { continue }
                var prefix = String.UnicodeScalarView()
                prefix.append(contentsOf: previous[0..<prefixLength])
                try insert.execute(arguments: [
                    String(prefix), group.documents, group.top.map(\.term).joined(separator: " "),
                ])
            }
        }
        let rows = try Row.fetchCursor(db, sql: "SELECT term, documents FROM concept_name_term ORDER BY term")
        while let row = try rows.next() {
            let term: String = row[0]
            let documents: Int = row[1]
            let scalars = Array(term.unicodeScalars)
            var common = 0
            while common < min(scalars.count, previous.count), scalars[common] == previous[common] { common += 1 }
            try close(downTo: common)
            previous = scalars
            let deepest = min(scalars.count, storedPrefixLengths.upperBound)
            while groups.count < deepest { groups.append(PrefixGroup()) }
            for index in groups.indices { groups[index].add(term, documents) }
        }
        try close(downTo: 0)
    }

    private struct PrefixGroup {
        var count = 0
        var documents = 0
        /// The most frequent completions, most frequent first.
        var top: [(term: String, documents: Int)] = []

        mutating func add(_ term: String, _ termDocuments: Int) {
            count += 1
            documents += termDocuments
            if top.count == SearchTermIndex.completionLimit, let last = top.last, last.documents >= termDocuments {
                return
            }
            let position = top.firstIndex { $0.documents < termDocuments } ?? top.count
            top.insert((term, termDocuments), at: position)
            if top.count > SearchTermIndex.completionLimit { top.removeLast() }
        }
    }
}
