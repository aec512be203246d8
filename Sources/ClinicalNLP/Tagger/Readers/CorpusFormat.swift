import Foundation

/// The annotated-corpus formats the tagger reads.
public enum CorpusFormat: String, Sendable, CaseIterable {
    /// One JSON object per line: `{"text": ..., "entities": [[start, end, label], ...]}` (Unicode-scalar offsets).
    case jsonl
    /// Doccano exports: `{"text": ..., "label": [[start, end, label]]}` or `"entities": [{"start_offset", ...}]`.
    case doccano
    /// PubTator: `id|t|title`, `id|a|abstract`, then tab-separated `id start end mention type [concept]` lines.
    case pubtator
    /// BRAT standoff: a `.txt` file next to a `.ann` file (or a folder of such pairs).
    case brat

    /// Guesses the format from the path: folders and `.ann`/`.txt` are BRAT, `.jsonl` is JSONL (Doccano lines are
    /// recognised per line by the JSONL reader), everything else is PubTator.
    public static func detect(path: String) -> CorpusFormat {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return .brat }
        let lower = path.lowercased()
        if lower.hasSuffix(".ann") || lower.hasSuffix(".txt") && FileManager.default.fileExists(atPath: String(path.dropLast(4)) + ".ann") {
            return .brat
        }
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".json") || lower.hasSuffix(".ndjson") { return .jsonl }
        return .pubtator
    }
}

/// Reads annotated corpora in any `CorpusFormat`, validating every span.
public enum CorpusReader {
    public static func read(path: String, format: CorpusFormat? = nil, labelMap: [String: String] = [:]) throws -> [AnnotatedDocument] {
        let documents: [AnnotatedDocument]
        switch format ?? CorpusFormat.detect(path: path) {
        case .jsonl, .doccano: documents = try JSONLCorpusReader.read(path: path)
        case .pubtator: documents = try PubTatorReader.read(path: path)
        case .brat: documents = try BratReader.read(path: path)
        }
        return labelMap.isEmpty ? documents : documents.map { $0.relabelled(labelMap) }
    }

    /// Parses `A=B,C=D` into a label map (used by the CLI to merge e.g. NCBI's four disease types into one).
    public static func parseLabelMap(_ text: String) -> [String: String] {
        var map: [String: String] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2 { map[parts[0]] = parts[1] }
        }
        return map
    }

    static func readData(_ path: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CorpusReadError(.unreadableFile, file: path, line: 0, "cannot read the file", cause: "\(error.localizedDescription)")
        }
    }

    /// Splits file bytes into lines (LF or CRLF) decoded as UTF-8, keeping 1-based line numbers.
    static func lines(of data: Data, file: String) throws -> [(number: Int, text: String)] {
        guard let text = String(data: data, encoding: .utf8) else {
            throw CorpusReadError(.unreadableFile, file: file, line: 0, "the file is not valid UTF-8")
        }
        var result: [(Int, String)] = []
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            result.append((number, line.hasSuffix("\r") ? String(line.dropLast()) : String(line)))
        }
        return result
    }
}

extension AnnotatedDocument {
    /// The same document with labels renamed through `map` (labels missing from the map are kept).
    public func relabelled(_ map: [String: String]) -> AnnotatedDocument {
        var copy = self
        copy.entities = entities.map { AnnotatedSpan(range: $0.range, label: map[$0.label] ?? $0.label) }
        return copy
    }
}
