// vocab-bench: speed and memory of the OMOP vocabulary layer (release build).
//
//   vocab-bench import ATHENA_DIR DB          import time, rows/s, peak RSS
//   vocab-bench lookup DB [N]                 uncached point lookups and $lookup, cached $lookup (one thread)
//   vocab-bench search DB [N]                 text search latency (p50/p99) on queries drawn from concept names
//   vocab-bench resolve [DB] [N]              ConceptResolver start-up and throughput (embedded vocabulary default)
import Foundation
import Terminology

func peakResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func format(_ value: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", value) }

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

/// A deterministic generator so runs are comparable.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Concepts sampled evenly from the store (by rowid range) for query workloads.
func sampleConcepts(_ store: VocabularyStore, count: Int) throws -> [Concept] {
    let total = try store.rowCount(table: "concept")
    var generator = SplitMix(state: 42)
    var result: [Concept] = []
    let ids = try store.sampleConceptIds(every: total / (count * 2), limit: count * 2)
    for _ in 0..<count {
        guard let id = ids.randomElement(using: &generator), let concept = try store.concept(id: id) else { continue }
        result.append(concept)
    }
    return result
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    print("usage: vocab-bench import ATHENA_DIR DB | lookup DB [N] | search DB [N] | resolve [DB] [N]")
    exit(2)
}

switch arguments[1] {
case "import":
    let directory = arguments[2], database = arguments[3]
    var report = ImportReport()
    var options = AthenaImportOptions()
    let started = DispatchTime.now().uptimeNanoseconds
    options.progress = { progress in
        // One line per phase change and every ~4M rows, with the time since the start.
        if case .loading = progress.phase, progress.rowsDone % 4_194_304 != 0, progress.bytesDone != progress.bytesTotal,
            progress.rowsDone > 65536 { return }
        let at = format(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9, 1)
        FileHandle.standardError.write(Data("  \(at) s: \(progress.phase) \(progress.rowsDone) rows, peak \(Int(peakResidentMegabytes())) MB\n".utf8))
    }
    let elapsed = try seconds { report = try AthenaImporter(directory: directory, options: options).run(into: database) }
    let rows = report.rowCounts.values.reduce(0, +)
    let size = (try FileManager.default.attributesOfItem(atPath: database)[.size] as? Int) ?? 0
    let rate = Int(Double(rows) / elapsed)
    let peak = Int(peakResidentMegabytes())
    let tables = report.rowCounts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    print("import: \(rows) rows (\(tables)) in \(format(elapsed, 1)) s = \(rate) rows/s; peak RSS \(peak) MB; "
          + "database \(size / 1_048_576) MB; rejected \(report.rejectedRowCount)")

case "lookup":
    let store = try VocabularyStore.open(path: arguments[2])
    let n = arguments.count > 3 ? Int(arguments[3])! : 100_000
    let concepts = try sampleConcepts(store, count: 10_000)
    let service = LocalTerminologyService(store: store)
    let systems = concepts.map { VocabularySystems.systemURI(forVocabulary: $0.vocabularyId) ?? VocabularySystems.omopSystemURI }
    var found = 0
    let pointCPUStart = threadCPUSeconds()
    let point = try seconds {
        for i in 0..<n {
            let concept = concepts[i % concepts.count]
            if try store.concept(vocabularyId: concept.vocabularyId, code: concept.conceptCode) != nil { found += 1 }
        }
    }
    let pointCPU = threadCPUSeconds() - pointCPUStart
    print("uncached concept(vocabulary, code): \(Int(Double(n) / point))/s (\(Int(Double(n) / pointCPU))/s of thread "
          + "CPU time; \(found) found)")
    let full = try seconds {
        for i in 0..<n {
            let concept = concepts[i % concepts.count]
            _ = try service.lookupSynchronously(LookupRequest(system: systems[i % systems.count], code: concept.conceptCode))
        }
    }
    print("uncached $lookup (properties, synonyms, Maps to): \(Int(Double(n) / full))/s")
    let cached = CachedTerminologyService(service, capacity: 100_000)
    let requests = (0..<1000).map { i in LookupRequest(system: systems[i], code: concepts[i].conceptCode) }
    let timing = try await timeCachedLookups(cached, requests: requests, count: n)
    print("cached $lookup (CachedTerminologyService, 1000 distinct codes): \(Int(Double(n) / timing.wallSeconds))/s "
          + "(\(Int(Double(n) / timing.cpuSeconds))/s of thread CPU time)")

case "search":
    let store = try VocabularyStore.open(path: arguments[2])
    let n = arguments.count > 3 ? Int(arguments[3])! : 2000
    let concepts = try sampleConcepts(store, count: n)
    var generator = SplitMix(state: 7)
    // Queries as a user types them: two words of a real name, the second possibly cut to a prefix.
    let queries = concepts.map { concept -> String in
        let words = concept.name.split(separator: " ").map(String.init)
        guard words.count >= 2 else { return concept.name }
        let first = words[Int.random(in: 0..<words.count, using: &generator)]
        var second = words[Int.random(in: 0..<words.count, using: &generator)]
        if second.count > 4, Bool.random(using: &generator) { second = String(second.prefix(4)) }
        return "\(first) \(second)"
    }
    for query in queries.prefix(100) { _ = try store.search(SearchRequest(text: query, count: 10)) }
    var latencies: [Double] = []
    // Thread CPU time per query as well: on the shared 2-core VM a query preempted by another process's time slice
    // shows 4-5 ms of wall time however little work it did, so wall percentiles measure the load as much as search.
    var cpuLatencies: [Double] = []
    var hits = 0
    for query in queries {
        let cpuStart = threadCPUSeconds()
        let start = DispatchTime.now().uptimeNanoseconds
        hits += try store.search(SearchRequest(text: query, count: 10)).count
        latencies.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        cpuLatencies.append((threadCPUSeconds() - cpuStart) * 1e3)
    }
    // The slowest queries, to see which plan shape the tail comes from.
    if ProcessInfo.processInfo.environment["VOCAB_BENCH_SLOWEST"] != nil {
        for (query, latency) in zip(queries, cpuLatencies).sorted(by: { $0.1 > $1.1 }).prefix(25) {
            print("  slow: \(format(latency)) ms CPU  \(query)")
        }
    }
    latencies.sort()
    cpuLatencies.sort()
    let p50 = format(percentile(latencies, 0.5)), p90 = format(percentile(latencies, 0.9))
    let p99 = format(percentile(latencies, 0.99)), worst = format(latencies.last!)
    let meanHits = format(Double(hits) / Double(queries.count), 1)
    print("search (\(queries.count) two-word queries, count 10): p50 \(p50) ms, p90 \(p90) ms, p99 \(p99) ms, "
          + "max \(worst) ms, mean hits \(meanHits)")
    print("  thread CPU time per query: p50 \(format(percentile(cpuLatencies, 0.5))) ms, "
          + "p90 \(format(percentile(cpuLatencies, 0.9))) ms, p99 \(format(percentile(cpuLatencies, 0.99))) ms, "
          + "max \(format(cpuLatencies.last!)) ms")

case "resolve":
    let store = try arguments.count > 2 && arguments[2] != "-" ? VocabularyStore.open(path: arguments[2])
        : VocabularyStore.openEmbedded()
    let n = arguments.count > 3 ? Int(arguments[3])! : 200_000
    var resolver: ConceptResolver!
    let startup = try seconds { resolver = try ConceptResolver(store: store) }
    let names = resolver.indexedNameCount
    let startupPeak = Int(peakResidentMegabytes())
    print("resolver start-up: \(format(startup, 2)) s, \(names) names, peak RSS \(startupPeak) MB")
    let samples = try sampleConcepts(store, count: 2000).map { $0.name }
    let mentions = samples.enumerated().map { index, name -> String in
        switch index % 4 {
        case 0: return name
        case 1: return name.lowercased().split(separator: " ").reversed().joined(separator: " ")
        case 2: return String(name.dropLast())  // a typo at the end
        default: return name.split(separator: " ").prefix(2).joined(separator: " ")
        }
    }
    var resolved = 0
    let elapsed = seconds {
        for i in 0..<n where resolver.resolve(ResolutionQuery(text: mentions[i % mentions.count])).best != nil {
            resolved += 1
        }
    }
    let perSecond = Int(Double(n) / elapsed)
    let share = resolved * 100 / n
    print("resolve: \(perSecond) mentions/s on one thread (\(share)% resolved; exact, reordered, misspelt, partial)")

default:
    print("unknown mode \(arguments[1])")
    exit(2)
}
