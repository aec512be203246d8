import Synchronization

/// Caches another service's answers, keyed by vocabulary release and request (as the FHIR–OMOP IG asks), so a new
/// release never serves stale answers. `notFound` answers are cached too: unknown codes repeat in real feeds.
/// Bounded: when full, the oldest half of the entries is dropped.
public final class CachedTerminologyService: TerminologyService {
    private enum Key: Hashable {
        case lookup(String, LookupRequest)
        case translate(String, TranslateRequest)
        case search(String, SearchRequest)
    }

    private enum Entry {
        case lookup(LookupResult)
        case translate(TranslateResult)
        case search(SearchResult)
        case notFound(String)

        var lookupValue: LookupResult? { if case .lookup(let v) = self { v } else { nil } }
        var translateValue: TranslateResult? { if case .translate(let v) = self { v } else { nil } }
        var searchValue: SearchResult? { if case .search(let v) = self { v } else { nil } }
    }

    private struct State {
        var entries: [Key: (entry: Entry, order: UInt64)] = [:]
        var counter: UInt64 = 0
        var hits = 0
        var misses = 0
    }

    public let upstream: any TerminologyService
    public let capacity: Int
    private let state = Mutex(State())
    private let release = Mutex<String?>(nil)

    public init(_ upstream: any TerminologyService, capacity: Int = 100_000) {
        self.upstream = upstream
        self.capacity = max(16, capacity)
    }

    public var statistics: (hits: Int, misses: Int, entries: Int) {
        state.withLock { ($0.hits, $0.misses, $0.entries.count) }
    }

    public func vocabularyRelease() async throws -> String {
        if let known = release.withLock({ $0 }) { return known }
        let fetched = try await upstream.vocabularyRelease()
        release.withLock { $0 = fetched }
        return fetched
    }

    /// Forget the cached release (for example after the remote server was updated); entries of the old release
    /// are then never read again and age out.
    public func refreshRelease() {
        release.withLock { $0 = nil }
    }

    public func lookup(_ request: LookupRequest) async throws -> LookupResult {
        let key = Key.lookup(try await vocabularyRelease(), request)
        if case .lookup(let result)? = try cached(key) { return result }
        return try await fill(key) { .lookup(try await upstream.lookup(request)) }.lookupValue!
    }

    public func translate(_ request: TranslateRequest) async throws -> TranslateResult {
        let key = Key.translate(try await vocabularyRelease(), request)
        if case .translate(let result)? = try cached(key) { return result }
        return try await fill(key) { .translate(try await upstream.translate(request)) }.translateValue!
    }

    public func search(_ request: SearchRequest) async throws -> SearchResult {
        let key = Key.search(try await vocabularyRelease(), request)
        if case .search(let result)? = try cached(key) { return result }
        return try await fill(key) { .search(try await upstream.search(request)) }.searchValue!
    }

    private func cached(_ key: Key) throws -> Entry? {
        let entry = state.withLock { state -> Entry? in
            guard let found = state.entries[key] else {
                state.misses += 1
                return nil
            }
            state.hits += 1
            return found.entry
        }
        if case .notFound(let message)? = entry { throw TerminologyError(.notFound, message) }
        return entry
    }

    private func fill(_ key: Key, _ compute: () async throws -> Entry) async throws -> Entry {
        let entry: Entry
        do {
            entry = try await compute()
        } catch let error as TerminologyError where error.code == .notFound {
            store(key, .notFound(error.message))
            throw error
        }
        store(key, entry)
        return entry
    }

    private func store(_ key: Key, _ entry: Entry) {
        state.withLock { state in
            if state.entries.count >= capacity {
                let cutoff = state.counter - UInt64(capacity / 2)
                state.entries = state.entries.filter { $0.value.order > cutoff }
            }
            state.counter += 1
            state.entries[key] = (entry, state.counter)
        }
    }
}
