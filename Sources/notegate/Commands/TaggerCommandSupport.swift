import ArgumentParser
import ClinicalNLP
import Foundation

/// Helpers shared by `train` and `evaluate`.
enum TaggerCommandSupport {
    static func format(_ name: String?) throws -> CorpusFormat? {
        guard let name else { return nil }
        guard let format = CorpusFormat(rawValue: name.lowercased()) else {
            throw ValidationError("unknown corpus format '\(name)' (use \(CorpusFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return format
    }

    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func jsonLine(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}
