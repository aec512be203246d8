/// How one Athena file maps onto one table: the columns NoteGate needs, by header name, and how to check them.
struct AthenaTable: Sendable {
    enum Kind: Sendable, Equatable {
        /// A required integer (ids).
        case integer
        /// An optional integer; empty is NULL.
        case optionalInteger
        /// Required non-empty text.
        case text
        /// Optional text; empty is NULL.
        case optionalText
        /// Optional date: `YYYYMMDD` (Athena) or `YYYY-MM-DD`, stored as the integer `YYYYMMDD`; empty is NULL.
        case date
    }

    struct Column: Sendable {
        var name: String
        var kind: Kind
    }

    /// File base name as Athena writes it (`CONCEPT` for `CONCEPT.csv`).
    var fileName: String
    var tableName: String
    var columns: [Column]
    var required: Bool

    var insertSQL: String {
        let names = columns.map(\.name).joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT INTO \(tableName) (\(names)) VALUES (\(placeholders))"
    }

    static let concept = AthenaTable(
        fileName: "CONCEPT", tableName: "concept",
        columns: [
            .init(name: "concept_id", kind: .integer), .init(name: "concept_name", kind: .text),
            .init(name: "domain_id", kind: .text), .init(name: "vocabulary_id", kind: .text),
            .init(name: "concept_class_id", kind: .text), .init(name: "standard_concept", kind: .optionalText),
            .init(name: "concept_code", kind: .text), .init(name: "valid_start_date", kind: .date),
            .init(name: "valid_end_date", kind: .date), .init(name: "invalid_reason", kind: .optionalText),
        ], required: true)

    static let conceptSynonym = AthenaTable(
        fileName: "CONCEPT_SYNONYM", tableName: "concept_synonym",
        columns: [
            .init(name: "concept_id", kind: .integer), .init(name: "concept_synonym_name", kind: .text),
            .init(name: "language_concept_id", kind: .optionalInteger),
        ], required: false)

    static let conceptRelationship = AthenaTable(
        fileName: "CONCEPT_RELATIONSHIP", tableName: "concept_relationship",
        columns: [
            .init(name: "concept_id_1", kind: .integer), .init(name: "concept_id_2", kind: .integer),
            .init(name: "relationship_id", kind: .text), .init(name: "valid_start_date", kind: .date),
            .init(name: "valid_end_date", kind: .date), .init(name: "invalid_reason", kind: .optionalText),
        ], required: false)

    static let conceptAncestor = AthenaTable(
        fileName: "CONCEPT_ANCESTOR", tableName: "concept_ancestor",
        columns: [
            .init(name: "ancestor_concept_id", kind: .integer), .init(name: "descendant_concept_id", kind: .integer),
            .init(name: "min_levels_of_separation", kind: .optionalInteger),
            .init(name: "max_levels_of_separation", kind: .optionalInteger),
        ], required: false)

    static let vocabulary = AthenaTable(
        fileName: "VOCABULARY", tableName: "vocabulary",
        columns: [
            .init(name: "vocabulary_id", kind: .text), .init(name: "vocabulary_name", kind: .text),
            .init(name: "vocabulary_reference", kind: .optionalText),
            .init(name: "vocabulary_version", kind: .optionalText),
            .init(name: "vocabulary_concept_id", kind: .optionalInteger),
        ], required: false)

    /// In load order: VOCABULARY first (small, gives the release), CONCEPT before the tables that refer to it.
    static let all: [AthenaTable] = [.vocabulary, .concept, .conceptSynonym, .conceptRelationship, .conceptAncestor]
}
