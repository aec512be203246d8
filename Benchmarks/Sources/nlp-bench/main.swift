// nlp-bench: single-thread throughput and memory of ClinicalPipeline.annotate.
//
//   swift build -c release --package-path Benchmarks --scratch-path .build-bench --product nlp-bench
//   .build-bench/release/nlp-bench [--data DIR] [--passes N] [--only synthetic|mtsamples] [--approximate]
//   .build-bench/release/nlp-bench --evaluate-assertions negex/dev.tsv
//   .build-bench/release/nlp-bench --data DIR --dump FILE [--dump-structure FILE] [--dump-omop FILE]
//
// --dump writes every entity record (the `notegate annotate` JSON shape, keys sorted, `note` = corpus:index) of the
// synthetic notes AND mtsamples, both with terms-2000.tsv as the lexicon (+ the embedded abbreviations, sections,
// assertions, medication attributes): the golden file that optimisations are diffed against.
// --dump-structure also writes tokens, sentences and sections per note (intermediate public outputs);
// --dump-omop the entity records of mtsamples with the OMOP-names lexicon of the benchmark.
//
// Corpora (DIR defaults to $NOTEGATE_DATA or ../shared/data):
//   synthetic: synthetic-notes/notes-1000-seed13.jsonl with synthetic-notes/terms-2000.tsv as the lexicon
//              (the input medSpaCy was timed on);
//   mtsamples: notes/mtsamples.jsonl ("transcription") with a lexicon built here from
//              omop-vocab/combined/CONCEPT.csv names (domains Condition, Observation, Drug, Procedure,
//              Measurement; names of 3+ characters with a letter).
// Memory: resident set size read from /proc/self/statm after every 100 notes; reported as min/max per pass.
import ClinicalNLP
import Foundation

struct Corpus {
    let name: String
    let notes: [String]
    let lexicon: Lexicon
    var bytes: Int { notes.reduce(0) { $0 + $1.utf8.count } }
}

func residentMegabytes() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Double(fields[1]) else { return 0 }
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
}

/// CPU time of this thread in seconds: the machine is shared, so wall time alone overstates the cost.
func threadCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

func readJSONLines(_ path: String, field: String) throws -> [String] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return try data.split(separator: 0x0A).compactMap { line in
        (try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])?[field] as? String
    }
}

func conceptLexicon(_ path: String) throws -> Lexicon {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var lexicon = Lexicon()
    var first = true
    for line in text.split(separator: "\n") {
        if first { first = false; continue }
        let f = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard f.count > 5, let label = Lexicon.label(forOMOPDomain: String(f[2])) else { continue }
        let name = String(f[1])
        guard name.count >= 3, name.contains(where: \.isLetter) else { continue }
        lexicon.add(term: name, label: label, conceptKey: String(f[0]), source: "omop")
    }
    return lexicon
}

let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}
let data = option("--data") ?? ProcessInfo.processInfo.environment["NOTEGATE_DATA"] ?? "../shared/data"
let passes = Int(option("--passes") ?? "5") ?? 5
let only = option("--only")
let approximate = arguments.contains("--approximate")

// The ConText figures on a NegEx/ConText TSV (same code path as `notegate evaluate-assertions`), so a speed-up of the
// assertion analyzer can be checked against the accuracy it had.
if let evaluationPath = option("--evaluate-assertions") {
    let set = try AssertionEvaluationSet(contentsOf: URL(fileURLWithPath: evaluationPath))
    print(AssertionEvaluation.run(set, analyzer: try AssertionAnalyzer.loadDefault()).jsonSummary)
    exit(0)
}
if let dumpPath = option("--dump") {
    try writeGoldenDump(data: data, path: dumpPath, structurePath: option("--dump-structure"), omopPath: option("--dump-omop"), approximate: approximate)
    exit(0)
}

var corpora = [Corpus]()
do {
    if only == nil || only == "synthetic" {
        let notes = try readJSONLines("\(data)/synthetic-notes/notes-1000-seed13.jsonl", field: "text")
        let lexicon = try Lexicon.load(tsv: URL(fileURLWithPath: "\(data)/synthetic-notes/terms-2000.tsv"), source: "terms")
        corpora.append(Corpus(name: "synthetic notes-1000-seed13 + terms-2000", notes: notes, lexicon: lexicon))
    }
    if only == nil || only == "mtsamples" {
        let notes = try readJSONLines("\(data)/notes/mtsamples.jsonl", field: "transcription")
        let lexicon = try conceptLexicon("\(data)/omop-vocab/combined/CONCEPT.csv")
        corpora.append(Corpus(name: "mtsamples + OMOP combined CONCEPT names", notes: notes, lexicon: lexicon))
    }
} catch {
    // A wrong data folder is the usual cause: say which one was read instead of trapping with a backtrace.
    FileHandle.standardError.write(Data("nlp-bench: cannot load the corpora from \(data) (set --data or NOTEGATE_DATA): \(error.localizedDescription)\n".utf8))
    exit(2)
}

print("nlp-bench: single thread, \(passes) passes per corpus, approximate matching \(approximate ? "on" : "off")")
for corpus in corpora {
    let buildStart = Date()
    let pipeline = try ClinicalPipeline(lexicon: corpus.lexicon, options: .init(matching: .init(approximate: approximate)))
    let buildSeconds = Date().timeIntervalSince(buildStart)
    print("\n\(corpus.name): \(corpus.notes.count) notes, \(String(format: "%.2f", Double(corpus.bytes) / 1e6)) MB, "
          + "lexicon \(corpus.lexicon.count) terms (\(pipeline.matcher?.termCount ?? 0) compiled), build \(String(format: "%.2f", buildSeconds)) s")
    var entities = 0
    for note in corpus.notes.prefix(50) { entities += pipeline.annotate(note).entities.count }  // warm-up
    var best = 0.0
    for pass in 1...passes {
        entities = 0
        var minRSS = Double.infinity, maxRSS = 0.0
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = threadCPUSeconds()
        for (index, note) in corpus.notes.enumerated() {
            entities += pipeline.annotate(note).entities.count
            if index % 100 == 0 {
                let rss = residentMegabytes()
                minRSS = min(minRSS, rss); maxRSS = max(maxRSS, rss)
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpu = threadCPUSeconds() - cpuStart
        let rate = Double(corpus.notes.count) / seconds
        best = max(best, rate)
        print("  pass \(pass): wall \(String(format: "%.3f", seconds)) s (cpu \(String(format: "%.3f", cpu)) s = "
              + "\(String(format: "%.0f", Double(corpus.notes.count) / cpu)) notes/s cpu), \(String(format: "%.0f", rate)) notes/s, "
              + "\(String(format: "%.1f", Double(corpus.bytes) / 1e6 / seconds)) MB/s, \(entities) entities, "
              + "RSS \(String(format: "%.1f", minRSS))–\(String(format: "%.1f", maxRSS)) MB")
    }
    // Stage split on one pass: analysis (normalize, tokenize, sections, sentences, dictionary) vs full annotate.
    let start = DispatchTime.now().uptimeNanoseconds
    var tokens = 0
    for note in corpus.notes { tokens += pipeline.analyze(note).tokens.count }
    let analyzeSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    // Cumulative stage timings (one pass each): where the time goes.
    func time(_ body: (String) -> Void) -> Double {
        let t0 = DispatchTime.now().uptimeNanoseconds
        for note in corpus.notes { body(note) }
        return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
    }
    let tokenizeMS = time { note in
        let scalars = Array(note.unicodeScalars)
        _ = pipeline.tokenizer.tokenize(original: scalars, normalized: pipeline.tokenizer.normalizer.normalize(scalars))
    }
    let structureMS = time { note in
        let scalars = Array(note.unicodeScalars)
        let normalized = pipeline.tokenizer.normalizer.normalize(scalars)
        let tokens = pipeline.tokenizer.tokenize(original: scalars, normalized: normalized)
        let headers = pipeline.sectionizer.headers(in: normalized, original: scalars)
        _ = pipeline.splitter.split(tokens: tokens, scalars: scalars, headers: headers.map(\.range))
    }
    print("  stages (ms per pass, cumulative): tokenize \(Int(tokenizeMS)), +sections+sentences \(Int(structureMS))")
    print("  best \(String(format: "%.0f", best)) notes/s; analyze-only \(String(format: "%.0f", Double(corpus.notes.count) / analyzeSeconds)) notes/s "
          + "(\(tokens) tokens)")
}
