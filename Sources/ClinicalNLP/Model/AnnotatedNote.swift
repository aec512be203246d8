/// The result of running the clinical pipeline over one note.
public struct AnnotatedNote: Sendable {
    public let text: String
    public let sections: [Section]
    public let sentences: [Sentence]
    public let entities: [Entity]

    public init(text: String, sections: [Section], sentences: [Sentence], entities: [Entity]) {
        self.text = text
        self.sections = sections
        self.sentences = sentences
        self.entities = entities
    }
}
