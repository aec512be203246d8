import ClinicalNLP
import Foundation

/// Reading `annotate` input: plain UTF-8 text, or JSON lines with a "text" field.
enum AnnotateInput {
    case plain(String)
    case lines([Result<(String, String), AnnotateInputError>])

    static func read(_ path: String) throws -> AnnotateInput {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
                throw AnnotateInputError(code: .unreadable, location: path, reason: "cannot read the file (\(error.localizedDescription))")
            }
        }
        let isJSONLines = path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") || looksLikeJSONLines(data)
        if isJSONLines { return .lines(parseLines(data, name: path == "-" ? "stdin" : path)) }
        guard let text = String(validatingUTF8Data: data) else {
            throw AnnotateInputError(code: .notUTF8, location: path, reason: "not valid UTF-8 text (decode it first)")
        }
        return .plain(text)
    }

    private static func looksLikeJSONLines(_ data: Data) -> Bool {
        guard let first = data.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }), first == UInt8(ascii: "{") else {
            return false
        }
        return true
    }

    private static func parseLines(_ data: Data, name: String) -> [Result<(String, String), AnnotateInputError>] {
        var results = [Result<(String, String), AnnotateInputError>]()
        var lineNumber = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            let location = "\(name):\(lineNumber)"
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any] else {
                results.append(.failure(AnnotateInputError(code: .badJSON, location: location, reason: "not a JSON object")))
                continue
            }
            guard let text = (object["text"] ?? object["transcription"]) as? String else {
                results.append(.failure(AnnotateInputError(code: .missingText, location: location, reason: "no string field \"text\"")))
                continue
            }
            let id = object["id"].map { "\($0)" } ?? object["note_id"].map { "\($0)" } ?? String(lineNumber)
            results.append(.success((id, text)))
        }
        return results
    }
}

struct AnnotateInputError: Error, CustomStringConvertible {
    enum Code: String { case unreadable, notUTF8, badJSON, missingText }
    let code: Code
    let location: String
    let reason: String
    var description: String { "\(location): \(reason)" }
}

extension String {
    /// Strict UTF-8 decoding (nil on invalid bytes instead of replacement characters).
    init?(validatingUTF8Data data: Data) {
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var scalars = String.UnicodeScalarView()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: break loop
            case .error: return nil
            }
        }
        self = String(scalars)
    }
}
