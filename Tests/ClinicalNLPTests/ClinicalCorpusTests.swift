import Foundation
import Testing
@testable import ClinicalNLP

/// Real-note robustness on the shared data (small slices; full-corpus throughput is in docs/benchmarks-nlp.md).
/// Needs NOTEGATE_DATA; skipped without it, and FAILS without it when NOTEGATE_REQUIRE_DATA=1.
enum ClinicalCorpusData {
    static let dataDirectory: String? = {
        guard let path = ProcessInfo.processInfo.environment["NOTEGATE_DATA"], !path.isEmpty,
              FileManager.default.fileExists(atPath: path + "/notes/mtsamples.jsonl") else { return nil }
        return path
    }()
    static let required = ProcessInfo.processInfo.environment["NOTEGATE_REQUIRE_DATA"] == "1"
}

@Suite("ClinicalNLP on shared notes (needs NOTEGATE_DATA)",
       .enabled(if: ClinicalCorpusData.dataDirectory != nil || ClinicalCorpusData.required,
                "skipped: NOTEGATE_DATA is not set (synthetic-notes and notes/mtsamples.jsonl are needed)"))
struct ClinicalCorpusTests {
    func data() throws -> String {
        try #require(ClinicalCorpusData.dataDirectory, "NOTEGATE_REQUIRE_DATA=1 but NOTEGATE_DATA does not point at the shared data")
    }

    func notes(_ path: String, field: String, limit: Int) throws -> [String] {
        let content = try String(contentsOfFile: path, encoding: .utf8)
        return content.split(separator: "\n").prefix(limit).compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?[field] as? String
        }
    }

    @Test func syntheticNotesHaveTheirElevenSectionsAndConsistentSpans() throws {
        let root = try data()
        let lexicon = try Lexicon.load(tsv: URL(fileURLWithPath: root + "/synthetic-notes/terms-2000.tsv"))
        let pipeline = try ClinicalPipeline(lexicon: lexicon)
        for note in try notes(root + "/synthetic-notes/notes-1000-seed13.jsonl", field: "text", limit: 40) {
            let annotated = pipeline.annotate(note)
            #expect(annotated.sections.filter { $0.headerRange != nil }.count == 11)
            #expect(annotated.sections.contains { $0.category == .familyHistory })
            let scalars = Array(note.unicodeScalars)
            for entity in annotated.entities {
                #expect(String(String.UnicodeScalarView(scalars[entity.range])) == entity.text)
                if entity.section == .familyHistory && entity.label == .problem {
                    #expect(entity.assertion.experiencer == .family)
                }
            }
            #expect(!annotated.entities.isEmpty)
        }
    }

    @Test func mtsamplesSliceAnnotatesCleanly() throws {
        let root = try data()
        var lexicon = Lexicon()
        for term in ["hypertension", "diabetes", "pain", "asthma", "allergic rhinitis", "aspirin", "lisinopril"] {
            lexicon.add(term: term, label: term.hasSuffix("in") || term.hasSuffix("pril") ? .medication : .problem, source: "test")
        }
        let pipeline = try ClinicalPipeline(lexicon: lexicon)
        var sectioned = 0, total = 0
        for note in try notes(root + "/notes/mtsamples.jsonl", field: "transcription", limit: 150) {
            total += 1
            let annotated = pipeline.annotate(note)
            if annotated.sections.contains(where: { $0.headerRange != nil }) { sectioned += 1 }
            let scalars = Array(note.unicodeScalars)
            for entity in annotated.entities {
                #expect(String(String.UnicodeScalarView(scalars[entity.range])) == entity.text)
                for attribute in entity.attributes { #expect(attribute.range.upperBound <= scalars.count) }
            }
            for sentence in annotated.sentences { #expect(sentence.range.upperBound <= scalars.count && !sentence.range.isEmpty) }
        }
        // Nearly every transcription has recognisable headers even without line breaks.
        #expect(Double(sectioned) / Double(total) > 0.9)
    }
}
