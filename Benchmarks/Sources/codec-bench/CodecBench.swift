import FHIR
import Foundation

enum CodecBench {
    static func main(_ arguments: [String]) {
        if arguments.count >= 4, arguments[1] == "--memory" {
            MemoryProbe.runChild(format: arguments[2], path: arguments[3])
            return
        }
        if arguments.count >= 4, arguments[1] == "--profile" {
            // Only one codec in a loop, for `perf record`.
            profile(format: arguments[2], data: URL(fileURLWithPath: arguments[3]))
            return
        }
        var seconds = 2.0
        var dataPath = ProcessInfo.processInfo.environment["NOTEGATE_DATA"]
        var jsonParseOnly = false
        var index = 1
        while index < arguments.count {
            if arguments[index] == "--json-parse" {
                jsonParseOnly = true
                index += 1
            } else if arguments[index] == "--seconds", index + 1 < arguments.count {
                seconds = Double(arguments[index + 1]) ?? seconds
                index += 2
            } else {
                dataPath = arguments[index]
                index += 1
            }
        }
        guard let dataPath else {
            print("usage: codec-bench DATA_DIR (or set NOTEGATE_DATA)")
            exit(2)
        }
        let data = URL(fileURLWithPath: dataPath)
        if jsonParseOnly {
            Throughput.reportJSONParse(data, seconds: seconds)
            return
        }
        do {
            print("codec-bench: \(ProcessInfo.processInfo.processorCount) cores, \(seconds) s per measurement")
            let synthea = try Corpus.synthea(data)
            let examples = try Corpus.examples(data)
            for corpus in [synthea, examples] {
                try Throughput.report(corpus, seconds: seconds)
            }
            try MemoryProbe.report(synthea, executable: arguments[0])
        } catch {
            print("codec-bench failed: \(error)")
            exit(1)
        }
    }

    static func profile(format: String, data: URL) {
        if ["json", "json-examples", "foundation", "foundation-examples"].contains(format) {
            // JSON files only: building the XML half of the corpus would show up in the profile. The same number
            // of bytes for both corpora (10 × 19.9 MB, 40 × 5.0 MB), so CPU times compare directly.
            let examples = format.hasSuffix("examples")
            let folder = examples ? "fhir-r4-examples/json" : "synthea/dev"
            guard let documents = try? Corpus.jsonFiles(data.appendingPathComponent(folder)) else { return }
            let foundation = format.hasPrefix("foundation")
            for _ in 0..<(examples ? 40 : 10) {
                for document in documents {
                    if foundation {
                        _ = try? JSONSerialization.jsonObject(with: document)
                    } else {
                        _ = try? FHIRJSON.parse(document)
                    }
                }
            }
            return
        }
        guard let corpus = try? Corpus.synthea(data) else { return }
        for _ in 0..<10 {
            switch format {
            case "xml": for document in corpus.xml { _ = try? FHIRXML.parse(document) }
            case "xml-write": for tree in corpus.trees { _ = FHIRXML.serialize(tree) }
            case "scan": for document in corpus.xml { _ = RawLibXMLScan.scan(document) }
            default: for document in corpus.json { _ = try? FHIRJSON.parse(document) }
            }
        }
    }
}
