import Foundation
import Terminology

/// Times cached `$lookup`s from a nonisolated async context, as the gateway calls them.
///
/// The loop must not live in `main.swift`: top-level code there is main-actor isolated, so every `await` on the
/// (nonisolated) cache would hop to the global executor and back — two thread switches per lookup, which cost
/// 20–30× the lookup itself and depend on how busy the machine is (54k/s wall on the loaded 5M run, 180k/s quiet;
/// the store size played no part: a cache hit never reaches SQLite).
func timeCachedLookups(
    _ cached: CachedTerminologyService, requests: [LookupRequest], count: Int
) async throws -> (wallSeconds: Double, cpuSeconds: Double) {
    for request in requests { _ = try await cached.lookup(request) }
    let cpuStart = threadCPUSeconds()
    let start = DispatchTime.now().uptimeNanoseconds
    for i in 0..<count { _ = try await cached.lookup(requests[i % requests.count]) }
    let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return (wall, threadCPUSeconds() - cpuStart)
}

/// CPU time of the calling thread (the loop above runs on one thread: it never suspends on a hit).
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
