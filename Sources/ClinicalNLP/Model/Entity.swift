/// A mention in context: where it is, what the note asserts about it and, for medications, how it is taken.
public struct Entity: Sendable, Hashable {
    public var mention: Mention
    public var section: SectionCategory
    public var assertion: Assertion
    public var attributes: [MedicationAttribute]

    public init(mention: Mention, section: SectionCategory, assertion: Assertion = .affirmed,
                attributes: [MedicationAttribute] = []) {
        self.mention = mention
        self.section = section
        self.assertion = assertion
        self.attributes = attributes
    }

    public var range: Range<Int> { mention.range }
    public var text: String { mention.text }
    public var label: EntityLabel { mention.label }
}
