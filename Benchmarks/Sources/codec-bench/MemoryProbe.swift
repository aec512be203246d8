import FHIR
import Foundation

/// Peak memory (VmHWM) of parsing one large document, each parser in a fresh process so one measurement's peak cannot
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
        print("| parser | input MB | RSS before read MB | peak RSS MB | (peak − before) / input | RSS holding the result MB | tree nodes |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
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

    /// Child side: read the file, parse it once, print one table row (peak and RSS while holding the result).
    static func runChild(format: String, path: String) {
        // The R4 definitions tables are built once per process at first use; build them before the baseline.
        _ = try? FHIRJSON.parse(Array(#"{"resourceType":"Basic","code":{"text":"warm-up"}}"#.utf8))
        _ = try? FHIRXML.parse(#"<Basic xmlns="http://hl7.org/fhir"><code><text value="warm-up"/></code></Basic>"#)
        let before = currentRSS()
        guard let data = FileManager.default.contents(atPath: path) else {
            print("| \(format) | cannot read \(path) | | | |")
            return
        }
        let name: String
        var nodes = 0
        var holding = 0
        switch format {
        case "foundation":
            name = "Foundation JSONSerialization"
            let object = try? JSONSerialization.jsonObject(with: data)
            holding = currentRSS()
            nodes = object == nil ? 0 : -1
            withExtendedLifetime(object) {}
        case "json":
            name = "FHIRJSON.parse"
            let tree = try? FHIRJSON.parse(data)
            holding = currentRSS()
            nodes = tree.map(countNodes) ?? 0
        default:
            name = "FHIRXML.parse"
            let tree = try? FHIRXML.parse(data)
            holding = currentRSS()
            nodes = tree.map(countNodes) ?? 0
        }
        let peak = peakRSS()
        let ratio = Double(peak - before) / Double(data.count)
        let status = nodes != 0 ? "" : " (PARSE FAILED)"
        print(String(
            format: "| %@%@ | %.1f | %.1f | %.1f | %.2f× | %.1f | %@ |", name, status, Double(data.count) / 1e6,
            Double(before) / 1e6, Double(peak) / 1e6, ratio, Double(holding) / 1e6, nodes > 0 ? "\(nodes)" : "–"))
    }

    static func countNodes(_ element: FHIRElement) -> Int {
        element.children.reduce(1) { $0 + countNodes($1) }
    }

    /// Resident set size now, from /proc/self/statm.
    static func currentRSS() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Peak resident set size of this process image: VmHWM from /proc/self/status. (getrusage's ru_maxrss is
    /// not used: Linux carries it over from the forked parent across exec, so a child would report the
    /// benchmark driver's own peak.)
    static func peakRSS() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return 0 }
        let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kilobytes * 1024
    }
}
