import GRDB

/// The SQLite schema of a NoteGate vocabulary database, owned by one `DatabaseMigrator`.
///
/// The migrator has two steps so that the importer can load rows into bare tables and build every index once at the
/// end (sorting 50M rows once is far cheaper than keeping a B-tree ordered during 50M random inserts):
/// `tables` creates the OMOP tables, `indexes` creates the lookup indexes and fills the full-text name index.
public enum VocabularySchema {
    /// Bumped when the layout changes; a database written by another version is refused with a clear message.
    public static let version = "notegate-vocabulary-4"
    static let tablesMigration = "tables"
    static let indexesMigration = "indexes"

    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(tablesMigration) { db in
            try db.execute(sql: """
                CREATE TABLE vocabulary (
                    vocabulary_id TEXT PRIMARY KEY NOT NULL,
                    vocabulary_name TEXT NOT NULL,
                    vocabulary_reference TEXT,
                    vocabulary_version TEXT,
                    vocabulary_concept_id INTEGER);
                CREATE TABLE concept (
                    concept_id INTEGER PRIMARY KEY NOT NULL,
                    concept_name TEXT NOT NULL,
                    domain_id TEXT NOT NULL,
                    vocabulary_id TEXT NOT NULL,
                    concept_class_id TEXT NOT NULL,
                    standard_concept TEXT,
                    concept_code TEXT NOT NULL,
                    valid_start_date INTEGER,
                    valid_end_date INTEGER,
                    invalid_reason TEXT);
                CREATE TABLE concept_synonym (
                    concept_id INTEGER NOT NULL,
                    concept_synonym_name TEXT NOT NULL,
                    language_concept_id INTEGER);
                CREATE TABLE concept_relationship (
                    concept_id_1 INTEGER NOT NULL,
                    concept_id_2 INTEGER NOT NULL,
                    relationship_id TEXT NOT NULL,
                    valid_start_date INTEGER,
                    valid_end_date INTEGER,
                    invalid_reason TEXT);
                CREATE TABLE concept_ancestor (
                    ancestor_concept_id INTEGER NOT NULL,
                    descendant_concept_id INTEGER NOT NULL,
                    min_levels_of_separation INTEGER,
                    max_levels_of_separation INTEGER);
                CREATE TABLE vocabulary_metadata (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL);
                """)
        }
        migrator.registerMigration(indexesMigration) { db in
            // Lookup by (system, code): the code comes first because it is nearly unique on its own.
            try db.execute(sql: """
                CREATE INDEX concept_code_index ON concept(concept_code, vocabulary_id);
                CREATE INDEX concept_synonym_concept_index ON concept_synonym(concept_id);
                CREATE INDEX concept_relationship_index
                    ON concept_relationship(concept_id_1, relationship_id, concept_id_2);
                CREATE INDEX concept_ancestor_index ON concept_ancestor(ancestor_concept_id, descendant_concept_id);
                """)
            // Text search: a contentless FTS5 index over concept names and synonyms whose rowids encode the name's
            // length and which name it is (`SearchNameKey`). `detail=none` keeps it small; search only needs token
            // matches, ranking happens in Swift on the few hits. No FTS5 prefix indexes: they tripled the index
            // build and still merged long doclists; prefixes go through `SearchTermIndex` instead.
            // Rows go in ascending rowid order: FTS5 flushes its pending segment whenever a rowid is not larger than
            // the previous one, so unsorted rows (v2 inserted synonyms at descending negative rowids) write one
            // segment per row and spend most of the import merging them.
            let conceptKey = SearchNameKey.sqlExpression(name: "concept_name", id: "concept_id", synonym: false)
            let synonymKey = SearchNameKey.sqlExpression(name: "concept_synonym_name", id: "rowid", synonym: true)
            try db.execute(sql: """
                CREATE VIRTUAL TABLE concept_name_search USING fts5(
                    name, content='', detail=none, tokenize='unicode61 remove_diacritics 2');
                INSERT INTO concept_name_search(rowid, name)
                    SELECT key, name FROM (
                        SELECT \(conceptKey) AS key, concept_name AS name FROM concept
                        WHERE concept_id \(SearchNameKey.sqlIdRange)
                        UNION ALL
                        SELECT \(synonymKey), concept_synonym_name FROM concept_synonym
                        WHERE rowid \(SearchNameKey.sqlIdRange))
                    ORDER BY key;
                INSERT INTO concept_name_search(concept_name_search) VALUES('optimize');
                """)
            try SearchTermIndex.create(in: db, ftsTable: "concept_name_search")
        }
        return migrator
    }
}
