// Golden dump for nlp-bench (see main.swift): the exact pipeline output over both corpora, so that a speed-up can
// be checked byte for byte against the output before it.
import ClinicalNLP
import Foundation

func writeGoldenDump(data: String, path: String, structurePath: String?, omopPath: String?, approximate: Bool) throws {
    let lexicon = try Lexicon.load(tsv: URL(fileURLWithPath: "\(data)/synthetic-notes/terms-2000.tsv"), source: "terms")
    let pipeline = try ClinicalPipeline(lexicon: lexicon, options: .init(matching: .init(approximate: approximate)))
    let corpora: [(String, [String])] = [
        ("synthetic", try readJSONLines("\(data)/synthetic-notes/notes-1000-seed13.jsonl", field: "text")),
        ("mtsamples", try readJSONLines("\(data)/notes/mtsamples.jsonl", field: "transcription")),
    ]
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var out = Data()
    var structure = Data()
    var records = 0
    for (name, notes) in corpora {
        for (index, text) in notes.enumerated() {
            let id = "\(name):\(index)"
            let note = pipeline.annotate(text)
            for record in note.entityRecords(note: id) {
                out.append(try encoder.encode(record)); out.append(0x0A)
                records += 1
            }
            guard structurePath != nil else { continue }
            let analyzed = pipeline.analyze(text)
            var lines = [String]()
            for t in analyzed.tokens {
                lines.append("\(id) T \(t.range.lowerBound) \(t.range.upperBound) \(t.kind.rawValue) \(t.text.debugDescription) \(t.normalized.debugDescription)")
            }
            for s in analyzed.sentences {
                lines.append("\(id) S \(s.range.lowerBound) \(s.range.upperBound) \(s.tokenRange.lowerBound) \(s.tokenRange.upperBound)")
            }
            for s in analyzed.sections {
                lines.append("\(id) C \(s.category.rawValue) \(String(describing: s.headerRange)) \(s.bodyRange) \(s.loincCode ?? "-") \((s.headerText ?? "-").debugDescription)")
            }
            for m in analyzed.dictionaryMatches {
                lines.append("\(id) M \(m.range.lowerBound) \(m.range.upperBound) \(m.label.rawValue) \(m.text.debugDescription) \(m.score)")
            }
            structure.append(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
    }
    try out.write(to: URL(fileURLWithPath: path))
    if let structurePath { try structure.write(to: URL(fileURLWithPath: structurePath)) }
    print("nlp-bench dump: \(records) entity records -> \(path)")
    // A second check with a large lexicon (16k OMOP names: long terms, semantic tags, many shared prefixes).
    guard let omopPath else { return }
    let omop = try ClinicalPipeline(lexicon: try conceptLexicon("\(data)/omop-vocab/combined/CONCEPT.csv"),
                                    options: .init(matching: .init(approximate: approximate)))
    var omopOut = Data()
    for (index, text) in corpora[1].1.enumerated() {
        for record in omop.annotate(text).entityRecords(note: "mtsamples-omop:\(index)") {
            omopOut.append(try encoder.encode(record)); omopOut.append(0x0A)
        }
    }
    try omopOut.write(to: URL(fileURLWithPath: omopPath))
}
