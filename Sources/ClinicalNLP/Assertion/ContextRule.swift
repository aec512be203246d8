/// One line of the ConText rule file, after validation.
public struct ContextRule: Sendable, Hashable {
    /// What a matched phrase does.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Trigger whose scope runs to the right of the phrase ("no", "history of").
        case forward
        /// Trigger whose scope runs to the left of the phrase ("was ruled out", "is unlikely").
        case backward
        /// Trigger whose scope runs both ways ("possible", "in the past").
        case bidirectional
        /// Phrase that contains a trigger but is not one ("no increase", "gram negative"): it consumes its tokens.
        case pseudo
        /// Phrase that ends the scope of a trigger ("but", "however", "aside from").
        case termination
        /// Not a phrase: `phrase` names a `SectionCategory` whose mentions get the categories by default.
        case section
    }

    /// A scope limit in word tokens, or the whole sentence.
    public enum Window: Sendable, Hashable {
        case words(Int)
        case sentence
    }

    /// The phrase as written in the file (for `section` rules: the section category's raw value).
    public var phrase: String
    public var kind: Kind
    public var categories: ContextCategorySet
    /// Only meaningful for triggers.
    public var window: Window
    /// 1-based line in the rule file, kept for diagnostics.
    public var line: Int

    public init(phrase: String, kind: Kind, categories: ContextCategorySet, window: Window, line: Int) {
        self.phrase = phrase
        self.kind = kind
        self.categories = categories
        self.window = window
        self.line = line
    }

    var isTrigger: Bool { kind == .forward || kind == .backward || kind == .bidirectional }
}
