import Testing
import Terminology
@testable import Gateway

@Suite("Resolution cache")
struct ResolutionCacheTests {
    static func query(_ text: String) -> ResolutionQuery { ResolutionQuery(text: text, domains: ["Condition"]) }

    @Test("Given a query resolved once, when it is asked again, then the resolver is not called again")
    func memoises() {
        let cache = ResolutionCache(capacity: 10)
        var calls = 0
        _ = cache.resolution(for: Self.query("htn")) { calls += 1; return .empty }
        _ = cache.resolution(for: Self.query("htn")) { calls += 1; return .empty }
        #expect(calls == 1)
        // Another label's domains are another question.
        _ = cache.resolution(for: ResolutionQuery(text: "htn", domains: ["Drug"])) { calls += 1; return .empty }
        #expect(calls == 2)
    }

    @Test("Given more distinct queries than the capacity, then memory stays bounded and recent answers survive a turnover")
    func bounded() {
        let cache = ResolutionCache(capacity: 4)
        var calls = 0
        for index in 0..<100 { _ = cache.resolution(for: Self.query("term \(index)")) { calls += 1; return .empty } }
        #expect(calls == 100)
        #expect(cache.count <= 8)
        // The last few are still held (current or previous generation).
        _ = cache.resolution(for: Self.query("term 99")) { calls += 1; return .empty }
        _ = cache.resolution(for: Self.query("term 97")) { calls += 1; return .empty }
        #expect(calls == 100)
        // The first ones were dropped and are resolved again.
        _ = cache.resolution(for: Self.query("term 0")) { calls += 1; return .empty }
        #expect(calls == 101)
    }
}
