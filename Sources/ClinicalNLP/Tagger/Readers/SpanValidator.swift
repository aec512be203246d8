/// Checks the spans of one document against its text: in range, non-empty, not overlapping.
/// Overlaps are refused because a BILOU sequence cannot represent them and silently dropping one would bias scores.
enum SpanValidator {
    static func validate(_ entities: [AnnotatedSpan], textLength: Int, file: String, line: Int) throws {
        for entity in entities {
            if entity.range.lowerBound < 0 || entity.range.upperBound > textLength {
                throw CorpusReadError(.spanOutOfRange, file: file, line: line,
                    "entity [\(entity.range.lowerBound), \(entity.range.upperBound)) \(entity.label) lies outside the text (length \(textLength))")
            }
            if entity.range.isEmpty {
                throw CorpusReadError(.emptySpan, file: file, line: line,
                    "entity [\(entity.range.lowerBound), \(entity.range.upperBound)) \(entity.label) is empty")
            }
        }
        let sorted = entities.sorted { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
        for (previous, next) in zip(sorted, sorted.dropFirst()) where next.range.lowerBound < previous.range.upperBound {
            throw CorpusReadError(.overlappingSpans, file: file, line: line,
                "entities [\(previous.range.lowerBound), \(previous.range.upperBound)) \(previous.label) and [\(next.range.lowerBound), \(next.range.upperBound)) \(next.label) overlap")
        }
    }
}
