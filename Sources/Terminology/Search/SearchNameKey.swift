/// The rowid of a name in the full-text index, which says both which name it is and how long it is.
///
/// Layout (63 bits, always positive): `characters (8 bits) | words (6 bits) | isSynonym (1 bit) | id (40 bits)`,
/// where `id` is the concept_id of a concept name or the rowid of a `concept_synonym` row. FTS5 returns hits in rowid
/// order, so putting the length first makes the index hand out the *shortest* names containing the query words
/// first; those are the best-ranked ones (a name that contains every query word scores higher the fewer other words
/// it has, and an exact name is the shortest of all). Reading only the first hits therefore ranks well without
/// scoring every match, and no lookup table is needed to go from a hit to its concept or synonym.
///
/// Characters come before words so that a query can skip every name too short to hold all its words (their lengths
/// plus one separator each): those names are where a long doclist walk finds nothing (`minimumKey`).
enum SearchNameKey {
    static let idBits: Int64 = 40
    static let idMask: Int64 = (1 << idBits) - 1
    static let synonymBit: Int64 = 1 << idBits
    static let lengthShift: Int64 = idBits + 1
    static let wordBits: Int64 = 6
    static let maximumWords: Int64 = (1 << wordBits) - 1
    static let maximumCharacters: Int64 = 255

    enum Name: Equatable {
        case concept(Int)
        case synonym(rowid: Int)
    }

    static func decode(_ key: Int64) -> Name {
        let id = Int(key & idMask)
        return key & synonymBit != 0 ? .synonym(rowid: id) : .concept(id)
    }

    static func encode(words: Int, characters: Int, name: Name) -> Int64 {
        let length = (min(Int64(characters), maximumCharacters) << wordBits) | min(Int64(max(words, 1)), maximumWords)
        switch name {
        case .concept(let id): return length << lengthShift | Int64(id)
        case .synonym(let rowid): return length << lengthShift | synonymBit | Int64(rowid)
        }
    }

    /// The smallest key of a name with at least `characters` characters.
    static func minimumKey(characters: Int) -> Int64 {
        (min(Int64(max(characters, 0)), maximumCharacters) << wordBits) << lengthShift
    }

    /// The same key as an SQL expression over a name column and an id expression (words are counted as spaces + 1,
    /// close enough to the tokenizer for ordering). SQLite gives `<<` and `|` the same precedence: keep the brackets.
    static func sqlExpression(name: String, id: String, synonym: Bool) -> String {
        let words = "min(length(\(name)) - length(replace(\(name), ' ', '')) + 1, \(maximumWords))"
        let characters = "min(length(\(name)), \(maximumCharacters))"
        let flag = synonym ? " | \(synonymBit)" : ""
        return "(((\(characters) << \(wordBits)) | \(words)) << \(lengthShift))\(flag) | \(id)"
    }

    /// Ids outside 0..<2^40 cannot be encoded; they are left out of the text index (no OMOP id comes close).
    static let sqlIdRange = "BETWEEN 0 AND \(idMask)"
}
