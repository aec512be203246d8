import FHIR

/// Counts over one pipeline run, for metrics: notes read and emitted mentions by entity label, with how many were
/// unresolved (no concept) or ambiguous (tagged for review).
public struct ExtractionStatistics: Sendable, Equatable {
    public var notes: Int
    public var mentions: [String: Int]
    public var unresolved: [String: Int]
    public var ambiguous: [String: Int]

    public init(notes: Int = 0, mentions: [String: Int] = [:], unresolved: [String: Int] = [:],
                ambiguous: [String: Int] = [:]) {
        self.notes = notes
        self.mentions = mentions
        self.unresolved = unresolved
        self.ambiguous = ambiguous
    }

    public static func + (lhs: ExtractionStatistics, rhs: ExtractionStatistics) -> ExtractionStatistics {
        ExtractionStatistics(
            notes: lhs.notes + rhs.notes, mentions: lhs.mentions.merging(rhs.mentions, uniquingKeysWith: +),
            unresolved: lhs.unresolved.merging(rhs.unresolved, uniquingKeysWith: +),
            ambiguous: lhs.ambiguous.merging(rhs.ambiguous, uniquingKeysWith: +))
    }
}
