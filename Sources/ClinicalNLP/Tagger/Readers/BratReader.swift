import Foundation

/// Reads BRAT standoff annotations: `name.txt` holds the text and `name.ann` lines such as
/// `T1<TAB>Disease 10 25<TAB>covered text`. Discontinuous spans (`10 15;20 25`) become one span from the first start
/// to the last end. Relations, events, attributes and notes (`R`, `E`, `A`, `M`, `N`, `#` lines) are skipped.
/// BRAT offsets count Unicode code points, i.e. scalars.
public enum BratReader {
    /// `path` may be a `.ann` file, a `.txt` file or a folder (every `.ann` file with its `.txt`, in name order).
    public static func read(path: String) throws -> [AnnotatedDocument] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CorpusReadError(.unreadableFile, file: path, line: 0, "no such file or folder")
        }
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return try names.filter { $0.hasSuffix(".ann") }.sorted().map {
                try readPair(annPath: (path as NSString).appendingPathComponent($0))
            }
        }
        let base = path.hasSuffix(".ann") || path.hasSuffix(".txt") ? String(path.dropLast(4)) : path
        return [try readPair(annPath: base + ".ann")]
    }

    static func readPair(annPath: String) throws -> AnnotatedDocument {
        let textPath = String(annPath.dropLast(4)) + ".txt"
        guard let text = String(data: try CorpusReader.readData(textPath), encoding: .utf8) else {
            throw CorpusReadError(.unreadableFile, file: textPath, line: 0, "the file is not valid UTF-8")
        }
        return try parse(annotations: try CorpusReader.readData(annPath), text: text, file: annPath)
    }

    public static func parse(annotations: Data, text: String, file: String) throws -> AnnotatedDocument {
        let scalars = Array(text.unicodeScalars)
        var entities: [AnnotatedSpan] = []
        var lines: [AnnotatedSpan: Int] = [:]
        for (number, line) in try CorpusReader.lines(of: annotations, file: file) where line.hasPrefix("T") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2 else {
                throw CorpusReadError(.malformedLine, file: file, line: number, "a text-bound annotation needs `ID<TAB>Type start end`")
            }
            let typeAndOffsets = fields[1].split(separator: " ", maxSplits: 1)
            guard typeAndOffsets.count == 2 else {
                throw CorpusReadError(.malformedLine, file: file, line: number, "missing offsets after the type")
            }
            var starts: [Int] = [], ends: [Int] = []
            for fragment in typeAndOffsets[1].split(separator: ";") {
                let pair = fragment.split(separator: " ")
                guard pair.count == 2, let start = Int(pair[0]), let end = Int(pair[1]) else {
                    throw CorpusReadError(.malformedLine, file: file, line: number, "offsets must be `start end` integers")
                }
                starts.append(start)
                ends.append(end)
            }
            let span = AnnotatedSpan(range: starts.min()!..<max(starts.min()!, ends.max()!), label: String(typeAndOffsets[0]))
            try SpanValidator.validate([span], textLength: scalars.count, file: file, line: number)
            entities.append(span)
            lines[span] = lines[span] ?? number
        }
        do {
            try SpanValidator.validate(entities, textLength: scalars.count, file: file, line: 0)
        } catch var error as CorpusReadError {
            // Point at the annotation line that starts the later of the two overlapping spans.
            let sorted = entities.sorted { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
            if let clash = zip(sorted, sorted.dropFirst()).first(where: { $1.range.lowerBound < $0.range.upperBound }) {
                error.line = lines[clash.1] ?? 0
            }
            throw error
        }
        let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        return AnnotatedDocument(id: name, text: text, entities: entities, source: file, line: 1)
    }
}
