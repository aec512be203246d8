// gateway-bench: the `$extract` path in process, one thread, no HTTP: where a note's CPU time goes.
//
// Builds the same request as `gateway-load` (Bundles of N DocumentReferences with base64 plain-text notes of about
// B bytes) or, with --notes-file, takes its notes from a JSONL corpus (`text` member), then times each stage on
// one thread with CPU time (getrusage), so the figures hold on a shared machine:
// parse (FHIRJSON) -> extract (pipeline: text extraction, NLP, resolution, emission) -> bundle -> serialize.
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

/// The same synthetic sentences as `gateway-load`, so the two benchmarks measure the same work.
let sentences = [
    "The patient is a 64-year-old woman seen for follow-up of type 2 diabetes mellitus and essential hypertension.",
    "She reports good adherence to metformin 500 mg by mouth twice daily and lisinopril 10 mg daily.",
    "She denies chest pain, shortness of breath or palpitations.",
    "History of appendectomy in 1998 and cholecystectomy in 2010.",
    "Family history is notable for asthma in her mother and coronary artery disease in her father.",
    "Assessment: community acquired pneumonia, resolving; continue amoxicillin for three more days.",
    "No evidence of pulmonary embolism on imaging.",
    "Possible early chronic kidney disease; recheck renal function in three months.",
    "Atorvastatin 20 mg at night was started for hyperlipidemia.",
    "Plan: continue current medications, diet counselling, return in six weeks.",
]

func syntheticNote(_ seed: Int, bytes: Int) -> String {
    var text = "HISTORY OF PRESENT ILLNESS:\n"
    var index = seed
    while text.utf8.count < bytes {
        text += sentences[index % sentences.count] + " "
        if index % 4 == 3 { text += "\n" }
        index += 1
    }
    return text
}

func corpusNotes(_ path: String) -> [String] {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    return data.split(separator: UInt8(ascii: "\n")).compactMap { line in
        (try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])?["text"] as? String
    }
}

func bundle(_ notes: [String], seed: Int) -> [UInt8] {
    let entries = notes.enumerated().map { index, text in
        let data = Data(text.utf8).base64EncodedString()
        return """
            {"fullUrl":"urn:uuid:00000000-0000-4000-8000-\(String(format: "%012d", seed * 100 + index))",\
            "resource":{"resourceType":"DocumentReference","id":"load-\(seed)-\(index)","status":"current",\
            "subject":{"reference":"Patient/load-\(seed)"},"date":"2024-03-01T10:00:00Z",\
            "content":[{"attachment":{"contentType":"text/plain; charset=utf-8","data":"\(data)"}}]}}
            """
    }
    return Array(#"{"resourceType":"Bundle","type":"collection","entry":["#.utf8) + Array(entries.joined(separator: ",").utf8)
        + Array("]}".utf8)
}

let options = Options()
let corpus = options.notesFile.map(corpusNotes)
let requests: [[UInt8]] = (0..<options.requests).map { seed in
    let notes = (0..<options.notesPerRequest).map { index in
        corpus.map { $0[(seed * options.notesPerRequest + index) % $0.count] }
            ?? syntheticNote(seed + index, bytes: options.noteBytes)
    }
    return bundle(notes, seed: seed)
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

/// Runs one pass over every request, stage by stage, and returns CPU seconds per stage.
func pass() async -> (parse: Double, extract: Double, bundle: Double, serialize: Double, resources: Int, outBytes: Int) {
    var parse = 0.0, extract = 0.0, bundleTime = 0.0, serialize = 0.0
    var resources = 0, outBytes = 0
    for request in requests {
        var t = cpuSeconds()
        let input: FHIRElement
        do { input = try FHIRJSON.parse(request) } catch { fail("parse: \(error)") }
        var now = cpuSeconds(); parse += now - t; t = now
        let result: ExtractionResult
        do { result = try await engine.extract(input, recordedAt: "2026-01-01T00:00:00Z") } catch { fail("extract: \(error)") }
        now = cpuSeconds(); extract += now - t; t = now
        let output = BundleWriter.bundle(result, kind: .collection)
        now = cpuSeconds(); bundleTime += now - t; t = now
        let bytes = FHIRJSON.serializeBytes(output)
        now = cpuSeconds(); serialize += now - t
        resources += result.resources.count
        outBytes += bytes.count
    }
    return (parse, extract, bundleTime, serialize, resources, outBytes)
}

let notes = Double(options.requests * options.notesPerRequest)
for number in 1...options.passes {
    let r = await pass()
    let total = r.parse + r.extract + r.bundle + r.serialize
    print(String(format: "pass %d: %.0f notes/s per core (%.3f ms CPU/note) | parse %.3f, extract %.3f, bundle %.3f, serialize %.3f ms/note | %d resources, %.1f MB out",
                 number, notes / total, total / notes * 1000, r.parse / notes * 1000, r.extract / notes * 1000,
                 r.bundle / notes * 1000, r.serialize / notes * 1000, r.resources, Double(r.outBytes) / 1e6))
}
