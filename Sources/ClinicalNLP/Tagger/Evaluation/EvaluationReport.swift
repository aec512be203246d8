/// Entity-level scores of predictions against gold spans, exact and partial, with an error breakdown.
public struct EvaluationReport: Sendable {
    public enum ErrorKind: String, Sendable, Codable, CaseIterable {
        /// Same label, overlapping but not identical span.
        case boundary
        /// Overlapping or identical span with another label.
        case type
        /// A gold entity no prediction overlaps.
        case missed
        /// A prediction no gold entity overlaps.
        case spurious
    }

    public struct ErrorExample: Sendable, Codable {
        public var kind: ErrorKind
        public var document: String
        public var gold: AnnotatedSpan?
        public var goldText: String?
        public var predicted: AnnotatedSpan?
        public var predictedText: String?
        public var context: String
    }

    public var micro: Scores
    public var macro: Scores
    public var perLabel: [String: Scores]
    /// Partial overlap: a prediction matches a gold entity of the same label when their spans overlap (one-to-one).
    public var partial: Scores
    public var partialPerLabel: [String: Scores]
    public var errors: [ErrorKind: Int]
    public var examples: [ErrorExample]

    /// The one-line JSON summary printed last by `notegate evaluate`.
    public func summaryJSON() -> [String: Any] {
        func object(_ scores: Scores) -> [String: Any] {
            ["precision": rounded(scores.precision), "recall": rounded(scores.recall), "f1": rounded(scores.f1),
             "tp": scores.truePositives, "predicted": scores.predicted, "gold": scores.gold]
        }
        return [
            "micro": object(micro),
            "macro": object(macro),
            "per_label": perLabel.mapValues(object),
            "partial": object(partial),
            "errors": Dictionary(uniqueKeysWithValues: ErrorKind.allCases.map { ($0.rawValue, errors[$0] ?? 0) }),
        ]
    }

    private func rounded(_ value: Double) -> Double { (value * 10000).rounded() / 10000 }
}
