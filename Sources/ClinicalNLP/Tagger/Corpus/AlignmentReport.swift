/// Entities whose boundaries do not fall on token boundaries. They are snapped outwards to whole tokens for training
/// (and kept unchanged as gold for scoring); this report says how many and which, so nothing disappears silently.
public struct AlignmentReport: Sendable, Equatable {
    public struct Example: Sendable, Equatable {
        public var document: String
        public var range: Range<Int>
        public var label: String
        public var text: String
        public var snappedText: String
    }

    public var entityCount = 0
    public var misalignedCount = 0
    public var examples: [Example] = []
    public static let exampleLimit = 20

    public init() {}

    public mutating func merge(_ other: AlignmentReport) {
        entityCount += other.entityCount
        misalignedCount += other.misalignedCount
        examples += other.examples.prefix(max(0, Self.exampleLimit - examples.count))
    }

    public var summary: String {
        var lines = ["\(misalignedCount) of \(entityCount) entities do not align with token boundaries (snapped outwards for training)"]
        for example in examples.prefix(5) {
            lines.append("  \(example.document) [\(example.range.lowerBound), \(example.range.upperBound)) \(example.label): \"\(example.text)\" -> \"\(example.snappedText)\"")
        }
        return lines.joined(separator: "\n")
    }
}
