import GRDB
import GRDBSQLite

/// Point reads of the candidates of one search (a concept by id, a synonym by rowid) straight through the SQLite C
/// API on the connection's cached statements.
///
/// A search reads up to a few hundred candidates; through GRDB `Row` each read cost about 20 µs on the project VM
/// (row copies and generic decoding), which put the slowest queries over the 2 ms bar on their own.
struct SearchCandidateReader {
    private let conceptStatement: OpaquePointer
    private let synonymStatement: OpaquePointer

    init(_ db: Database) throws {
        conceptStatement = try db.cachedStatement(
            sql: "SELECT \(Concept.columns) FROM concept WHERE concept_id = ?").sqliteStatement
        synonymStatement = try db.cachedStatement(
            sql: "SELECT concept_id, concept_synonym_name FROM concept_synonym WHERE rowid = ?").sqliteStatement
    }

    func concept(id: Int) -> Concept? {
        let statement = conceptStatement
        sqlite3_reset(statement)
        sqlite3_bind_int64(statement, 1, Int64(id))
        defer { sqlite3_reset(statement) }
        guard sqlite3_step(statement) == SQLITE_ROW else { return nil }
        return Self.concept(from: statement)
    }

    /// The concept on the current row of a statement whose first ten columns are `Concept.columns`.
    static func concept(from statement: OpaquePointer) -> Concept {
        Concept(
            conceptId: Int(sqlite3_column_int64(statement, 0)), name: Self.text(statement, 1) ?? "",
            domainId: Self.text(statement, 2) ?? "", vocabularyId: Self.text(statement, 3) ?? "",
            conceptClassId: Self.text(statement, 4) ?? "",
            standardConcept: Concept.nonEmpty(Self.text(statement, 5)), conceptCode: Self.text(statement, 6) ?? "",
            validStartDate: Self.integer(statement, 7), validEndDate: Self.integer(statement, 8),
            invalidReason: Concept.nonEmpty(Self.text(statement, 9)))
    }

    func synonym(rowid: Int) -> (conceptId: Int, name: String)? {
        let statement = synonymStatement
        sqlite3_reset(statement)
        sqlite3_bind_int64(statement, 1, Int64(rowid))
        defer { sqlite3_reset(statement) }
        guard sqlite3_step(statement) == SQLITE_ROW else { return nil }
        return (Int(sqlite3_column_int64(statement, 0)), Self.text(statement, 1) ?? "")
    }

    private static func text(_ statement: OpaquePointer, _ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(statement, column) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    private static func integer(_ statement: OpaquePointer, _ column: Int32) -> Int? {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : Int(sqlite3_column_int64(statement, column))
    }
}
