import Foundation

/// Reads unlabeled text for cluster learning: a JSONL file (one string field per line, e.g. MTSamples'
/// `transcription`) or a plain text file (one document per line).
public enum UnlabeledText {
    public static func read(path: String, field: String) throws -> [String] {
        let data = try CorpusReader.readData(path)
        var texts: [String] = []
        for (number, line) in try CorpusReader.lines(of: data, file: path) where !line.isEmpty {
            guard line.hasPrefix("{") else { texts.append(line); continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw CorpusReadError(.malformedLine, file: path, line: number, "not a JSON object")
            }
            if let text = object[field] as? String, !text.isEmpty { texts.append(text) }
        }
        return texts
    }
}
