import FHIR
import Foundation

/// Peak memory of parsing one large document, each parser in a fresh process so one measurement's peak cannot
/// hide another's. The document is every Synthea bundle merged into one collection Bundle.
enum MemoryProbe {
    static func report(_ corpus: Corpus, executable: String) throws {
        var merged = FHIRElement.resource("Bundle", id: "merged-synthea", [.string("type", "collection")])
        for tree in corpus.trees { merged.append(contentsOf: tree.all("entry")) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("codec-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = folder.appendingPathComponent("merged.json")
        let xml = folder.appendingPathComponent("merged.xml")
        try FHIRJSON.serialize(merged, pretty: true).write(to: json)
        try FHIRXML.serialize(merged, pretty: true).write(to: xml)

        print("\n## Peak memory: one Bundle of all Synthea entries, parsed in a fresh process")
        print("| parser | input MB | RSS before read MB | peak RSS MB | (peak − before) / input |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for (format, file) in [("foundation", json), ("json", json), ("xml", xml)] {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: executable)
            child.arguments = ["--memory", format, file.path]
            let output = Pipe()
            child.standardOutput = output
            try child.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            child.waitUntilExit()
            print(text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// Child side: read the file, parse it once, print one table row.
    static func runChild(format: String, path: String) {
        let before = currentRSS()
        guard let data = FileManager.default.contents(atPath: path) else {
            print("| \(format) | cannot read \(path) | | | |")
            return
        }
        let name: String
        var nodes = 0
        switch format {
        case "foundation":
            name = "Foundation JSONSerialization"
            nodes = (try? JSONSerialization.jsonObject(with: data)) == nil ? 0 : 1
        case "json":
            name = "FHIRJSON.parse"
            nodes = (try? FHIRJSON.parse(data))?.children.count ?? 0
        default:
            name = "FHIRXML.parse"
            nodes = (try? FHIRXML.parse(data))?.children.count ?? 0
        }
        let peak = peakRSS()
        let ratio = Double(peak - before) / Double(data.count)
        let status = nodes > 0 ? "" : " (PARSE FAILED)"
        print(String(
            format: "| %@%@ | %.1f | %.1f | %.1f | %.2f× |", name, status, Double(data.count) / 1e6,
            Double(before) / 1e6, Double(peak) / 1e6, ratio))
    }

    /// Resident set size now, from /proc/self/statm.
    static func currentRSS() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Peak resident set size of this process (getrusage; kilobytes on Linux).
    static func peakRSS() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Int(usage.ru_maxrss) * 1024
    }
}
