// gateway-bench: the `$extract` path in process, one thread, no HTTP: where a note's CPU time goes.
//
// Builds the same request as `gateway-load` (Bundles of N DocumentReferences with base64 plain-text notes of about
// B bytes) or, with --notes-file, takes its notes from a JSONL corpus (`text` member), then times each stage on
// one thread with CPU time (getrusage), so the figures hold on a shared machine:
// parse (FHIRJSON) -> extract (pipeline: text extraction, NLP, resolution, emission) -> bundle -> serialize.
// Two answer paths are timed (`--path trees|compact|both`, default both): through the resource trees
// (`BundleWriter` + `FHIRJSON.serialize`, used for XML, pretty JSON and the other outputs) and the server's compact
// JSON path (`GatewayEngine.extractCompactJSONBundle`: plans only, rendered by `CollectionBundleJSON`).
import ExtractWorkload
import FHIR
import Foundation
import Gateway

struct Options {
    var notesPerRequest = 5
    var noteBytes = 2000
    var requests = 400
    var passes = 3
    var notesFile: String?
    var vocabulary: String?
    var paths = ["trees", "compact"]

    init() {
        var arguments = CommandLine.arguments.dropFirst().makeIterator()
        while let argument = arguments.next() {
            func value() -> String {
                guard let value = arguments.next() else { fail("\(argument) needs a value") }
                return value
            }
            switch argument {
            case "--notes": notesPerRequest = max(1, Int(value()) ?? notesPerRequest)
            case "--note-bytes": noteBytes = max(100, Int(value()) ?? noteBytes)
            case "--requests": requests = max(1, Int(value()) ?? requests)
            case "--passes": passes = max(1, Int(value()) ?? passes)
            case "--notes-file": notesFile = value()
            case "--vocabulary": vocabulary = value()
            case "--path":
                let path = value()
                guard ["trees", "compact", "both"].contains(path) else { fail("--path takes trees, compact or both") }
                paths = path == "both" ? ["trees", "compact"] : [path]
            default: fail("unknown argument \(argument)")
            }
        }
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("gateway-bench: \(message)\n".utf8))
    exit(2)
}

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

let options = Options()
let corpus: [String]?
do { corpus = try options.notesFile.map(ExtractWorkload.corpusNotes) } catch { fail("\(error)") }
// The same requests as `gateway-load` sends.
let requests: [[UInt8]] = (0..<options.requests).map { seed in
    ExtractWorkload.bundle(notes: options.notesPerRequest, noteBytes: options.noteBytes, seed: seed, corpus: corpus)
}
let inputBytes = requests.reduce(0) { $0 + $1.count }

let startup = cpuSeconds()
let engine: GatewayEngine
do {
    engine = try GatewayEngine(configuration: GatewayConfiguration(vocabularyPath: options.vocabulary, noteGateVersion: "bench"))
} catch { fail("engine: \(error)") }
print(String(format: "engine start-up: %.2f s CPU; %d requests x %d notes (%@), %.1f MB of request JSON",
             cpuSeconds() - startup, requests.count, options.notesPerRequest,
             options.notesFile == nil ? "synthetic sentences, ~\(options.noteBytes) B" : "from \(options.notesFile!)",
             Double(inputBytes) / 1e6))

/// Adds the CPU time of `body` to `total`.
func timed<T>(_ total: inout Double, _ body: () async -> T) async -> T {
    let start = cpuSeconds()
    let value = await body()
    total += cpuSeconds() - start
    return value
}

func parse(_ request: [UInt8]) -> FHIRElement {
    do { return try FHIRJSON.parse(request) } catch { fail("parse: \(error)") }
}

/// Runs one pass over every request, stage by stage, through the resource trees; CPU seconds per stage.
func pass() async -> (parse: Double, extract: Double, bundle: Double, serialize: Double, resources: Int, outBytes: Int) {
    var parseTime = 0.0, extract = 0.0, bundleTime = 0.0, serialize = 0.0
    var resources = 0, outBytes = 0
    for request in requests {
        let input = await timed(&parseTime) { parse(request) }
        let result = await timed(&extract) { () async -> ExtractionResult in
            do { return try await engine.extract(input, recordedAt: "2026-01-01T00:00:00Z") } catch { fail("extract: \(error)") }
        }
        let output = await timed(&bundleTime) { BundleWriter.bundle(result, kind: .collection) }
        let bytes = await timed(&serialize) { FHIRJSON.serializeBytes(output) }
        resources += result.resources.count
        outBytes += bytes.count
    }
    return (parseTime, extract, bundleTime, serialize, resources, outBytes)
}

/// One pass of the compact JSON path: parse, pipeline without trees (extract), rendering (render).
func compactPass() async -> (parse: Double, extract: Double, render: Double, resources: Int, outBytes: Int) {
    var parseTime = 0.0, extract = 0.0, render = 0.0
    var resources = 0, outBytes = 0
    let pipeline = ExtractionPipeline(engine: engine, buildsResourceTrees: false)
    for request in requests {
        let input = await timed(&parseTime) { parse(request) }
        let result = await timed(&extract) { () async -> ExtractionResult in
            do { return try await pipeline.run(input, recordedAt: "2026-01-01T00:00:00Z") } catch { fail("extract: \(error)") }
        }
        let bytes = await timed(&render) { CollectionBundleJSON.render(result, emitter: engine.emitter) }
        resources += result.emittedResourceCount
        outBytes += bytes.count
    }
    return (parseTime, extract, render, resources, outBytes)
}

let notes = Double(options.requests * options.notesPerRequest)
for number in 1...options.passes {
    if options.paths.contains("trees") {
        let r = await pass()
        let total = r.parse + r.extract + r.bundle + r.serialize
        print(String(format: "pass %d trees:   %.0f notes/s per core (%.3f ms CPU/note) | parse %.3f, extract %.3f, bundle %.3f, serialize %.3f ms/note | %d resources, %.1f MB out",
                     number, notes / total, total / notes * 1000, r.parse / notes * 1000, r.extract / notes * 1000,
                     r.bundle / notes * 1000, r.serialize / notes * 1000, r.resources, Double(r.outBytes) / 1e6))
    }
    if options.paths.contains("compact") {
        let r = await compactPass()
        let total = r.parse + r.extract + r.render
        print(String(format: "pass %d compact: %.0f notes/s per core (%.3f ms CPU/note) | parse %.3f, extract (plans only) %.3f, render %.3f ms/note | %d resources, %.1f MB out",
                     number, notes / total, total / notes * 1000, r.parse / notes * 1000, r.extract / notes * 1000,
                     r.render / notes * 1000, r.resources, Double(r.outBytes) / 1e6))
    }
}
