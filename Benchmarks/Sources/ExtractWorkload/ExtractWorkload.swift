// The `$extract` workload of issue #5's benchmark, shared by `gateway-load` (over HTTP) and `gateway-bench`
// (in process), so the two always measure the same requests.
import Foundation

public enum ExtractWorkload {
    /// Synthetic clinical sentences (written for this benchmark) combined into notes of about `bytes` bytes.
    static let sentences = [
        "The patient is a 64-year-old woman seen for follow-up of type 2 diabetes mellitus and essential hypertension.",
        "She reports good adherence to metformin 500 mg by mouth twice daily and lisinopril 10 mg daily.",
        "She denies chest pain, shortness of breath or palpitations.",
        "History of appendectomy in 1998 and cholecystectomy in 2010.",
        "Family history is notable for asthma in her mother and coronary artery disease in her father.",
        "Assessment: community acquired pneumonia, resolving; continue amoxicillin for three more days.",
        "No evidence of pulmonary embolism on imaging.",
        "Possible early chronic kidney disease; recheck renal function in three months.",
        "Atorvastatin 20 mg at night was started for hyperlipidemia.",
        "Plan: continue current medications, diet counselling, return in six weeks.",
    ]

    /// A note of about `bytes` bytes made of the built-in sentences, starting at sentence `seed`.
    public static func syntheticNote(_ seed: Int, bytes: Int) -> String {
        var text = "HISTORY OF PRESENT ILLNESS:\n"
        var index = seed
        while text.utf8.count < bytes {
            text += sentences[index % sentences.count] + " "
            if index % 4 == 3 { text += "\n" }
            index += 1
        }
        return text
    }

    public enum CorpusError: Error, CustomStringConvertible {
        case unreadable(String)
        case empty(String)

        public var description: String {
            switch self {
            case .unreadable(let path): "cannot read \(path)"
            case .empty(let path): "no notes in \(path)"
            }
        }
    }

    /// The notes of a JSONL corpus (one object per line with a `text` member).
    public static func corpusNotes(_ path: String) throws(CorpusError) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
        let notes = data.split(separator: UInt8(ascii: "\n")).compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])?["text"] as? String
        }
        guard !notes.isEmpty else { throw .empty(path) }
        return notes
    }

    /// A `collection` Bundle of `notes` DocumentReferences with base64 plain-text notes: from `corpus` when
    /// given (note `seed * notes + index`, wrapping), else built-in notes of about `noteBytes` bytes.
    public static func bundle(notes: Int, noteBytes: Int, seed: Int, corpus: [String]? = nil) -> [UInt8] {
        var entries: [String] = []
        for index in 0..<notes {
            let text = corpus.map { $0[(seed * notes + index) % $0.count] } ?? syntheticNote(seed + index, bytes: noteBytes)
            let data = Data(text.utf8).base64EncodedString()
            entries.append("""
                {"fullUrl":"urn:uuid:00000000-0000-4000-8000-\(String(format: "%012d", seed * 100 + index))",\
                "resource":{"resourceType":"DocumentReference","id":"load-\(seed)-\(index)","status":"current",\
                "subject":{"reference":"Patient/load-\(seed)"},"date":"2024-03-01T10:00:00Z",\
                "content":[{"attachment":{"contentType":"text/plain; charset=utf-8","data":"\(data)"}}]}}
                """)
        }
        return Array(#"{"resourceType":"Bundle","type":"collection","entry":["#.utf8) + Array(entries.joined(separator: ",").utf8)
            + Array("]}".utf8)
    }
}
