/// One row of the OMOP `VOCABULARY` table.
public struct VocabularyInfo: Sendable, Hashable {
    public var vocabularyId: String
    public var name: String
    public var reference: String?
    public var version: String?
    public var vocabularyConceptId: Int?

    public init(vocabularyId: String, name: String, reference: String?, version: String?, vocabularyConceptId: Int?) {
        self.vocabularyId = vocabularyId
        self.name = name
        self.reference = reference
        self.version = version
        self.vocabularyConceptId = vocabularyConceptId
    }
}
