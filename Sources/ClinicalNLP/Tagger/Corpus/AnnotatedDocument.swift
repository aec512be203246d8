/// One labelled span of an annotated document, in Unicode-scalar offsets into the document text.
public struct AnnotatedSpan: Sendable, Hashable, Codable {
    public var range: Range<Int>
    public var label: String

    public init(range: Range<Int>, label: String) {
        self.range = range
        self.label = label
    }
}

/// A text with its gold (or predicted) entity spans, as read from a training or evaluation corpus.
/// `source` names the file and `line` the first line the document came from, so later errors can point at it.
public struct AnnotatedDocument: Sendable, Hashable {
    public var id: String
    public var text: String
    public var entities: [AnnotatedSpan]
    public var source: String
    public var line: Int

    public init(id: String, text: String, entities: [AnnotatedSpan], source: String = "", line: Int = 0) {
        self.id = id
        self.text = text
        self.entities = entities.sorted { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
        self.source = source
        self.line = line
    }

    /// The text as Unicode scalars: every offset in the tagger counts these.
    public var scalars: [Unicode.Scalar] { Array(text.unicodeScalars) }

    /// The covered text of a span (for error examples).
    public func text(of range: Range<Int>) -> String {
        let scalars = text.unicodeScalars
        let lower = scalars.index(scalars.startIndex, offsetBy: max(0, range.lowerBound))
        let upper = scalars.index(lower, offsetBy: max(0, min(range.count, scalars.count - range.lowerBound)))
        return String(scalars[lower..<upper])
    }
}
