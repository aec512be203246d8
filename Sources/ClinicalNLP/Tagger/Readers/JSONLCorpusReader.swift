import Foundation

/// Reads JSONL corpora: NoteGate's `{"text", "entities": [[start, end, label]]}` lines and Doccano's two export
/// shapes (`"label": [[start, end, label]]` and `"entities": [{"start_offset", "end_offset", "label"}]`).
/// Offsets count Unicode scalars (Python `str` indices), as both tools write them.
public enum JSONLCorpusReader {
    public static func read(path: String) throws -> [AnnotatedDocument] {
        try parse(CorpusReader.readData(path), file: path)
    }

    public static func parse(_ data: Data, file: String) throws -> [AnnotatedDocument] {
        var documents: [AnnotatedDocument] = []
        for (number, line) in try CorpusReader.lines(of: data, file: file) {
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            documents.append(try parseLine(line, number: number, file: file))
        }
        return documents
    }

    static func parseLine(_ line: String, number: Int, file: String) throws -> AnnotatedDocument {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        } catch {
            throw CorpusReadError(.malformedLine, file: file, line: number, "not a JSON object", cause: "\(error.localizedDescription)")
        }
        guard let record = object as? [String: Any] else {
            throw CorpusReadError(.malformedLine, file: file, line: number, "expected a JSON object")
        }
        guard let text = record["text"] as? String else {
            throw CorpusReadError(.malformedLine, file: file, line: number, "missing string field \"text\"")
        }
        let rawEntities = record["entities"] ?? record["label"] ?? record["labels"] ?? [Any]()
        guard let list = rawEntities as? [Any] else {
            throw CorpusReadError(.malformedLine, file: file, line: number, "\"entities\" must be an array")
        }
        var entities: [AnnotatedSpan] = []
        for (index, item) in list.enumerated() {
            entities.append(try parseEntity(item, index: index, file: file, line: number))
        }
        let length = text.unicodeScalars.count
        try SpanValidator.validate(entities, textLength: length, file: file, line: number)
        let id = (record["id"]).map { "\($0)" } ?? "\(file):\(number)"
        return AnnotatedDocument(id: id, text: text, entities: entities, source: file, line: number)
    }

    private static func parseEntity(_ item: Any, index: Int, file: String, line: Int) throws -> AnnotatedSpan {
        if let triple = item as? [Any] {
            guard triple.count >= 3, let start = integer(triple[0]), let end = integer(triple[1]), let label = triple[2] as? String else {
                throw CorpusReadError(.malformedLine, file: file, line: line, "entity \(index) must be [start, end, label] with integer offsets")
            }
            // An end before the start becomes an empty span, which the validator reports.
            return AnnotatedSpan(range: start..<max(start, end), label: label)
        }
        if let object = item as? [String: Any] {
            guard let start = integer(object["start_offset"] ?? object["start"] as Any),
                  let end = integer(object["end_offset"] ?? object["end"] as Any),
                  let label = object["label"] as? String else {
                throw CorpusReadError(.malformedLine, file: file, line: line, "entity \(index) needs start_offset, end_offset and label")
            }
            // An end before the start becomes an empty span, which the validator reports.
            return AnnotatedSpan(range: start..<max(start, end), label: label)
        }
        throw CorpusReadError(.malformedLine, file: file, line: line, "entity \(index) is neither [start, end, label] nor an object")
    }

    private static func integer(_ value: Any) -> Int? {
        if let number = value as? NSNumber {
            let double = number.doubleValue
            return double.rounded() == double ? Int(double) : nil
        }
        return nil
    }
}

