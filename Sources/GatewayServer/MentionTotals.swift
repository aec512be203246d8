import Gateway
import Synchronization

/// Lifetime mention totals behind the ratio gauges.
final class MentionTotals: Sendable {
    private let totals = Mutex((mentions: 0, unresolved: 0, ambiguous: 0))

    func add(_ statistics: ExtractionStatistics) -> (mentions: Int, unresolved: Int, ambiguous: Int) {
        totals.withLock { totals in
            totals.mentions += statistics.mentions.values.reduce(0, +)
            totals.unresolved += statistics.unresolved.values.reduce(0, +)
            totals.ambiguous += statistics.ambiguous.values.reduce(0, +)
            return totals
        }
    }
}
