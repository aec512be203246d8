import Synchronization
import Terminology

/// Memo of `ConceptResolver.resolve` answers, shared by every request of one engine.
///
/// Clinical mentions follow a steep frequency curve (the same few hundred problems and drugs make most of a
/// site's notes), and resolution of a long or misspelt mention is the dearest step after the NLP, so answers are
/// kept. The resolver is a pure function of the query over an immutable vocabulary, so a kept answer is never
/// stale for the engine's lifetime. Memory is bounded: at `capacity` entries the older generation is dropped
/// (two generations, so a hot entry survives one turnover), which costs nothing per hit.
final class ResolutionCache: Sendable {
    /// A query as a key. Hashing a `Set` of domains seeds a hasher per element; the domains follow from the NER
    /// label, so the text and flags discriminate enough and only equality compares the domains.
    private struct Key: Hashable {
        let query: ResolutionQuery

        func hash(into hasher: inout Hasher) {
            hasher.combine(query.text)
            hasher.combine(query.domains.count)
            hasher.combine(query.hasStrength)
            hasher.combine(query.hasForm)
        }

        static func == (lhs: Key, rhs: Key) -> Bool { lhs.query == rhs.query }
    }

    private struct Generations {
        var current: [Key: Resolution] = [:]
        var previous: [Key: Resolution] = [:]
    }

    private let generations = Mutex(Generations())
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The cached answer for `query`, or `compute()`'s, stored for next time.
    func resolution(for query: ResolutionQuery, compute: () -> Resolution) -> Resolution {
        let query = Key(query: query)
        let cached: Resolution? = generations.withLock { state in
            if let hit = state.current[query] { return hit }
            guard let old = state.previous[query] else { return nil }
            state.current[query] = old
            return old
        }
        if let cached { return cached }
        // Resolved outside the lock: two threads may compute the same answer once each, never wait on each other.
        let resolution = compute()
        generations.withLock { state in
            if state.current.count >= capacity {
                state.previous = state.current
                state.current = [:]
                state.current.reserveCapacity(capacity)
            }
            state.current[query] = resolution
        }
        return resolution
    }

    /// Entries held now (both generations; an entry promoted from the old one may count twice).
    var count: Int { generations.withLock { $0.current.count + $0.previous.count } }
}
