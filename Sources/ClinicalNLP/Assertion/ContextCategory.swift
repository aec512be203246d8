/// The assertion dimensions a ConText rule can set on a target. Raw values are the names used in the rule file.
public enum ContextCategory: String, Sendable, Hashable, CaseIterable {
    case negated
    case possible
    case hypothetical
    case historical
    /// Experiencer is a family member.
    case family
    /// Experiencer is someone other than the patient or the family (a donor, a contact).
    case other

    /// Bit used in `ContextCategorySet`.
    var bit: UInt8 {
        switch self {
        case .negated: 1
        case .possible: 2
        case .hypothetical: 4
        case .historical: 8
        case .family: 16
        case .other: 32
        }
    }
}

/// A small set of categories stored as a bit mask: the analyzer tests membership in its inner loop.
public struct ContextCategorySet: Sendable, Hashable {
    var mask: UInt8

    public static let all = ContextCategorySet(mask: 63)
    public static let none = ContextCategorySet(mask: 0)

    init(mask: UInt8) { self.mask = mask }

    public init(_ categories: some Sequence<ContextCategory>) {
        self.mask = categories.reduce(0) { $0 | $1.bit }
    }

    public func contains(_ category: ContextCategory) -> Bool { mask & category.bit != 0 }

    public var categories: [ContextCategory] { ContextCategory.allCases.filter(contains) }
}
