import GRDB

/// In-memory indexes over the names and synonyms of the resolvable concepts, built once at start-up.
///
/// Every concept whose name can lead to a standard concept (a standard concept itself, or a non-standard one with a
/// valid `Maps to` to a standard concept) contributes one `NameEntry` per name and synonym. Entries are found by
/// surface key (exact), by bag key (normalised), and through a word → entries inverted index (partial overlap).
struct ResolverIndex: Sendable {
    struct NameEntry: Sendable {
        /// Index into `concepts` of the concept this name belongs to.
        var concept: Int32
        var isSynonym: Bool
        /// Bag word ids, sorted and de-duplicated.
        var words: [Int32]
        var text: String
    }

    var concepts: [Concept] = []
    /// Per concept: indexes of the standard concepts it resolves to (itself when standard).
    var targets: [[Int32]] = []
    var names: [NameEntry] = []
    var surfaceIndex: [String: [Int32]] = [:]
    var bagIndex: [String: [Int32]] = [:]
    var wordIds: [String: Int32] = [:]
    var words: [String] = []
    /// Inverse document frequency of each word over the names.
    var wordWeights: [Double] = []
    /// Name entries containing each word.
    var postings: [[Int32]] = []
    var typoIndex = TypoIndex(words: [])

    static func build(from store: VocabularyStore, configuration: ResolverConfiguration) throws -> ResolverIndex {
        var index = ResolverIndex()
        var positionById: [Int: Int32] = [:]
        try store.reader.read { db in
            // 1. Concepts of the configured vocabularies.
            let vocabularyFilter = configuration.vocabularies.map { set in
                " WHERE vocabulary_id IN (" + set.map { "'\($0.replacingOccurrences(of: "'", with: "''"))'" }
                    .joined(separator: ",") + ")"
            } ?? ""
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(Concept.columns) FROM concept\(vocabularyFilter)")
            while let row = try cursor.next() {
                let concept = Concept(row: row)
                positionById[concept.conceptId] = Int32(index.concepts.count)
                index.concepts.append(concept)
            }
            index.targets = Array(repeating: [], count: index.concepts.count)
            let allowedDomains = configuration.domains
            func isTarget(_ position: Int32) -> Bool {
                let concept = index.concepts[Int(position)]
                return concept.isStandard && concept.isValid
                    && (allowedDomains?.contains(concept.domainId) ?? true)
            }
            for position in index.concepts.indices where isTarget(Int32(position)) {
                index.targets[position] = [Int32(position)]
            }
            // 2. Non-standard concepts reach standard ones through valid `Maps to` rows.
            let maps = try Row.fetchCursor(db, sql: """
                SELECT concept_id_1, concept_id_2 FROM concept_relationship
                WHERE relationship_id = 'Maps to' AND (invalid_reason IS NULL OR invalid_reason = '')
                """)
            while let row = try maps.next() {
                guard let source = positionById[row[0]], let target = positionById[row[1]], source != target,
                    !index.concepts[Int(source)].isStandard, isTarget(target)
                else { continue }
                if !index.targets[Int(source)].contains(target) { index.targets[Int(source)].append(target) }
            }
            // 3. Names and synonyms of every concept that resolves somewhere.
            for position in index.concepts.indices where !index.targets[position].isEmpty {
                index.addName(index.concepts[position].name, concept: Int32(position), isSynonym: false)
            }
            let synonyms = try Row.fetchCursor(db, sql: "SELECT concept_id, concept_synonym_name FROM concept_synonym")
            while let row = try synonyms.next() {
                guard let position = positionById[row[0]], !index.targets[Int(position)].isEmpty else { continue }
                let text: String = row[1]
                if text.caseInsensitiveCompare(index.concepts[Int(position)].name) == .orderedSame { continue }
                index.addName(text, concept: position, isSynonym: true)
            }
        }
        index.finish()
        return index
    }

    private mutating func addName(_ text: String, concept: Int32, isSynonym: Bool) {
        let surfaceWords = TextNormalizer.words(text)
        guard !surfaceWords.isEmpty else { return }
        let bag = TextNormalizer.bagWords(fromWords: surfaceWords)
        let entry = Int32(names.count)
        var ids: [Int32] = []
        for word in bag {
            let id: Int32
            if let known = wordIds[word] {
                id = known
            } else {
                id = Int32(words.count)
                wordIds[word] = id
                words.append(word)
                postings.append([])
            }
            ids.append(id)
        }
        let unique = Array(Set(ids)).sorted()
        for id in unique { postings[Int(id)].append(entry) }
        names.append(NameEntry(concept: concept, isSynonym: isSynonym, words: unique, text: text))
        surfaceIndex[surfaceWords.joined(separator: " "), default: []].append(entry)
        bagIndex[bag.sorted().joined(separator: " "), default: []].append(entry)
    }

    private mutating func finish() {
        let total = Double(max(names.count, 1))
        wordWeights = postings.map { log(1 + total / Double(max($0.count, 1))) }
        typoIndex = TypoIndex(words: words)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
