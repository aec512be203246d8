import GRDB
import GRDBSQLite

extension Concept {
    static let columns = """
        concept_id, concept_name, domain_id, vocabulary_id, concept_class_id, standard_concept, concept_code, \
        valid_start_date, valid_end_date, invalid_reason
        """

    /// Reads a concept from a row whose first ten columns are `Concept.columns`, starting at `offset`.
    init(row: Row, offset: Int = 0) {
        self.init(
            conceptId: row[offset], name: row[offset + 1], domainId: row[offset + 2], vocabularyId: row[offset + 3],
            conceptClassId: row[offset + 4], standardConcept: Concept.nonEmpty(row[offset + 5]),
            conceptCode: row[offset + 6], validStartDate: row[offset + 7], validEndDate: row[offset + 8],
            invalidReason: Concept.nonEmpty(row[offset + 9]))
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}

extension VocabularyStore {
    /// The concept with this OMOP concept_id.
    public func concept(id: Int) throws -> Concept? {
        try fastRead { db in try Self.concept(id: id, in: db) }
    }

    static func concept(id: Int, in db: Database) throws -> Concept? {
        try SearchCandidateReader(db).concept(id: id)
    }

    /// The concept with this code in this OMOP vocabulary (e.g. `SNOMED`, `44054006`).
    ///
    /// Read through the C API (as `SearchCandidateReader`): GRDB's `Row` decoding was half the cost of this
    /// indexed read.
    public func concept(vocabularyId: String, code: String) throws -> Concept? {
        try fastRead { db in
            let statement = try db.cachedStatement(
                sql: "SELECT \(Concept.columns) FROM concept WHERE concept_code = ? AND vocabulary_id = ?")
                .sqliteStatement
            sqlite3_reset(statement)
            defer { sqlite3_reset(statement) }
            // SQLITE_STATIC: the C strings outlive the step inside these closures.
            return code.withCString { codeText in
                vocabularyId.withCString { vocabularyText in
                    sqlite3_bind_text(statement, 1, codeText, -1, nil)
                    sqlite3_bind_text(statement, 2, vocabularyText, -1, nil)
                    defer { sqlite3_clear_bindings(statement) }
                    guard sqlite3_step(statement) == SQLITE_ROW else { return nil }
                    return SearchCandidateReader.concept(from: statement)
                }
            }
        }
    }

    /// Concepts with this code in any vocabulary (a code without a known system).
    public func concepts(code: String) throws -> [Concept] {
        try fastRead { db in
            let statement = try db.cachedStatement(
                sql: "SELECT \(Concept.columns) FROM concept WHERE concept_code = ?")
            return try Row.fetchAll(statement, arguments: [code]).map { Concept(row: $0) }
        }
    }

    /// Concepts related to `conceptId`, optionally only through one relationship (e.g. `Maps to`).
    /// Relationships that are no longer valid (invalid_reason set) are left out.
    public func related(to conceptId: Int, relationshipId: String? = nil) throws -> [RelatedConcept] {
        try fastRead { db in try Self.related(to: conceptId, relationshipId: relationshipId, in: db) }
    }

    static func related(to conceptId: Int, relationshipId: String?, in db: Database) throws -> [RelatedConcept] {
        let prefixed = Concept.columns.split(separator: ",").map { "c." + $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: ", ")
        let filter = relationshipId == nil ? "" : " AND r.relationship_id = ?"
        let statement = try db.cachedStatement(sql: """
            SELECT r.relationship_id, \(prefixed) FROM concept_relationship r
            JOIN concept c ON c.concept_id = r.concept_id_2
            WHERE r.concept_id_1 = ?\(filter) AND (r.invalid_reason IS NULL OR r.invalid_reason = '')
            ORDER BY r.relationship_id, c.concept_id
            """)
        var arguments: StatementArguments = [conceptId]
        if let relationshipId { arguments += [relationshipId] }
        return try Row.fetchAll(statement, arguments: arguments).map {
            RelatedConcept(relationshipId: $0[0], concept: Concept(row: $0, offset: 1))
        }
    }

    /// The standard concepts a concept maps to: itself when it is standard, else its `Maps to` targets.
    public func standardConcepts(for concept: Concept) throws -> [Concept] {
        if concept.isStandard { return [concept] }
        return try related(to: concept.conceptId, relationshipId: RelationshipID.mapsTo)
            .map(\.concept).filter(\.isStandard)
    }

    /// Synonym names of a concept.
    public func synonyms(of conceptId: Int) throws -> [String] {
        try fastRead { db in
            let statement = try db.cachedStatement(
                sql: "SELECT concept_synonym_name FROM concept_synonym WHERE concept_id = ? ORDER BY rowid")
            return try String.fetchAll(statement, arguments: [conceptId])
        }
    }

    /// The VOCABULARY rows.
    public func vocabularies() throws -> [VocabularyInfo] {
        try fastRead { db in
            try Row.fetchAll(db, sql: """
                SELECT vocabulary_id, vocabulary_name, vocabulary_reference, vocabulary_version, vocabulary_concept_id
                FROM vocabulary ORDER BY vocabulary_id
                """).map {
                VocabularyInfo(
                    vocabularyId: $0[0], name: $0[1], reference: $0[2], version: $0[3], vocabularyConceptId: $0[4])
            }
        }
    }

    /// Number of rows in one of the vocabulary tables.
    public func rowCount(table: String) throws -> Int {
        let allowed: Set = ["concept", "concept_synonym", "concept_relationship", "concept_ancestor", "vocabulary"]
        guard allowed.contains(table) else {
            throw TerminologyError(.invalidRequest, "unknown vocabulary table \(table)")
        }
        return try fastRead { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }
}

extension VocabularyStore {
    /// Every `step`-th concept id in storage order, at most `limit` of them: an even sample of the vocabulary for
    /// benchmarks and evaluations.
    public func sampleConceptIds(every step: Int, limit: Int) throws -> [Int] {
        try fastRead { db in
            try Int.fetchAll(db, sql: "SELECT concept_id FROM concept WHERE rowid % ? = 0 LIMIT ?",
                             arguments: [max(1, step), limit])
        }
    }
}
