import Foundation
import Testing
@testable import ClinicalNLP

@Suite("Tagger corpus readers")
struct TaggerReaderTests {
    @Test("JSONL with scalar offsets, blank lines skipped")
    func jsonl() throws {
        let documents = try CorpusReader.read(path: try TaggerFixtures.path("sample.jsonl"))
        #expect(documents.count == 3)
        #expect(documents[0].id == "n1")
        #expect(documents[0].entities.map { documents[0].text(of: $0.range) } == ["hypertension", "lisinopril"])
        #expect(documents[2].line == 4)
        #expect(documents[2].entities.count == 4)
    }

    @Test("JSONL offsets count Unicode scalars")
    func unicodeOffsets() throws {
        let document = try #require(try CorpusReader.read(path: try TaggerFixtures.path("unicode.jsonl")).first)
        #expect(document.text(of: document.entities[0].range) == "asthma")
    }

    @Test("Doccano: both export shapes")
    func doccano() throws {
        let documents = try CorpusReader.read(path: try TaggerFixtures.path("doccano.jsonl"), format: .doccano)
        #expect(documents.map(\.id) == ["7", "8"])
        #expect(documents[0].text(of: documents[0].entities[0].range) == "hypertension")
        #expect(documents[1].entities == [AnnotatedSpan(range: 21..<30, label: "MEDICATION")])
    }

    @Test("PubTator: title + abstract, relation lines skipped, label map")
    func pubtator() throws {
        let documents = try CorpusReader.read(path: try TaggerFixtures.path("sample.pubtator"), labelMap: ["Disease": "PROBLEM"])
        #expect(documents.count == 2)
        let first = documents[0]
        #expect(first.id == "227508")
        #expect(first.entities.count == 6)
        #expect(first.entities.map { first.text(of: $0.range) }.contains("hypotension"))
        #expect(Set(first.entities.map(\.label)) == ["Chemical", "PROBLEM"])
        #expect(documents[1].text(of: documents[1].entities[0].range) == "gout")
    }

    @Test("PubTator: mention text that does not match the document is an error with its line")
    func pubtatorMismatch() throws {
        let path = try TaggerFixtures.path("mismatch.pubtator")
        let error = try #require(throws: CorpusReadError.self) { try PubTatorReader.read(path: path) }
        #expect(error.code == .textMismatch)
        #expect(error.line == 3)
        #expect(error.description.hasPrefix(path + ":3:"))
    }

    @Test("BRAT: text-bound annotations, discontinuous spans joined, other lines skipped")
    func brat() throws {
        let documents = try CorpusReader.read(path: try TaggerFixtures.path("brat"))
        let document = try #require(documents.first)
        #expect(document.id == "note1")
        #expect(document.entities.map { document.text(of: $0.range) } == ["HTN", "diabetes mellitus", "metform", "500mg"])
        #expect(document.entities.map(\.label) == ["PROBLEM", "PROBLEM", "MEDICATION", "DOSE"])
    }

    @Test("Misaligned entities are reported with examples and snapped, not dropped")
    func misalignedReported() throws {
        let document = try #require(try CorpusReader.read(path: try TaggerFixtures.path("brat/note1.ann")).first)
        let tokens = TaggerTokenizer.tokenize(document.scalars)
        let tagSet = TagSet(labels: document.entities.map(\.label))
        let (tags, report) = BILOUEncoder.encode(document, tokens: tokens, tagSet: tagSet)
        #expect(report.entityCount == 4)
        #expect(report.misalignedCount == 1)
        #expect(report.examples.first?.text == "metform")
        #expect(report.examples.first?.snappedText == "metformin")
        #expect(report.summary.contains("1 of 4 entities"))
        let spans = BILOUEncoder.decode(tags, tokens: tokens, tagSet: tagSet).map { document.text(of: $0.range) }
        #expect(spans == ["HTN", "diabetes mellitus", "metformin", "500mg"])
    }

    @Test("Malformed JSONL line: error names file and line")
    func malformedLine() throws {
        let path = try TaggerFixtures.path("malformed.jsonl")
        let error = try #require(throws: CorpusReadError.self) { try CorpusReader.read(path: path) }
        #expect(error.code == .malformedLine)
        #expect(error.file == path)
        #expect(error.line == 2)
    }

    @Test("Overlapping spans are refused with their line")
    func overlapping() throws {
        let error = try #require(throws: CorpusReadError.self) { try CorpusReader.read(path: try TaggerFixtures.path("overlap.jsonl")) }
        #expect(error.code == .overlappingSpans)
        #expect(error.line == 2)
    }

    @Test("Out-of-range spans are refused with their line")
    func outOfRange() throws {
        let error = try #require(throws: CorpusReadError.self) { try CorpusReader.read(path: try TaggerFixtures.path("out-of-range.jsonl")) }
        #expect(error.code == .spanOutOfRange)
        #expect(error.line == 1)
    }

    @Test("Entity shapes: wrong types and reversed offsets are errors")
    func badEntities() throws {
        let reversed = Data(#"{"text": "abc def", "entities": [[4, 2, "X"]]}"#.utf8)
        #expect(throws: CorpusReadError.self) { try JSONLCorpusReader.parse(reversed, file: "t.jsonl") }
        let notArray = Data(#"{"text": "abc", "entities": {"a": 1}}"#.utf8)
        let error = try #require(throws: CorpusReadError.self) { try JSONLCorpusReader.parse(notArray, file: "t.jsonl") }
        #expect(error.code == .malformedLine && error.line == 1)
        let noText = Data("\n\n{\"entities\": []}".utf8)
        let missing = try #require(throws: CorpusReadError.self) { try JSONLCorpusReader.parse(noText, file: "t.jsonl") }
        #expect(missing.line == 3)
    }

    @Test("BRAT overlaps point at the annotation line")
    func bratOverlap() throws {
        let annotations = Data("T1\tPROBLEM 0 8\tdiabetes\n#1\tAnnotatorNotes T1\tx\nT2\tPROBLEM 4 12\tetes mel\n".utf8)
        let error = try #require(throws: CorpusReadError.self) {
            try BratReader.parse(annotations: annotations, text: "diabetes mellitus", file: "n.ann")
        }
        #expect(error.code == .overlappingSpans && error.line == 3)
    }

    @Test("Missing file is a clear error")
    func missingFile() {
        #expect(throws: CorpusReadError.self) { try CorpusReader.read(path: "/nonexistent/corpus.jsonl") }
    }
}
