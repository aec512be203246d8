import FHIR
import Foundation

enum CodecBench {
    static func main(_ arguments: [String]) {
        if arguments.count >= 4, arguments[1] == "--memory" {
            MemoryProbe.runChild(format: arguments[2], path: arguments[3])
            return
        }
        var seconds = 2.0
        var dataPath = ProcessInfo.processInfo.environment["NOTEGATE_DATA"]
        var index = 1
        while index < arguments.count {
            if arguments[index] == "--seconds", index + 1 < arguments.count {
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
}
