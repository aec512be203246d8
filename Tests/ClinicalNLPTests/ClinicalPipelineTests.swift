import Foundation
import Testing
@testable import ClinicalNLP

@Suite struct ClinicalPipelineTests {
    static let note = """
    CHIEF COMPLAINT: Chest pain.

    HISTORY OF PRESENT ILLNESS: 62 yo woman with hypertension and type 2 diabetes mellitus presents with chest pain \
    for 2 days. She denies shortness of breath or fever. Possible pneumonia.

    PAST MEDICAL HISTORY: Appendectomy in 1998. Asthma.

    MEDICATIONS:
    - Metformin 500 mg PO BID
    - Lisinopril 10 mg daily

    FAMILY HISTORY: Mother with breast cancer.

    ASSESSMENT AND PLAN: Chest pain, rule out myocardial infarction. Check troponin. Return if fever develops.
    """

    let pipeline: ClinicalPipeline

    init() throws {
        pipeline = try ClinicalPipeline(lexicon: sampleLexicon())
    }

    struct Summary: Hashable, CustomStringConvertible {
        var text: String, label: EntityLabel, section: SectionCategory, assertion: Assertion
        var description: String { "\(text)/\(label.rawValue)/\(section.rawValue)/\(assertion)" }
    }

    func summary(_ note: AnnotatedNote) -> [Summary] {
        note.entities.map { Summary(text: $0.text.lowercased(), label: $0.label, section: $0.section, assertion: $0.assertion) }
    }

    @Test func realisticNoteEndToEnd() {
        let annotated = pipeline.annotate(Self.note)
        let byText = Dictionary(annotated.entities.map { ($0.text.lowercased() + "@" + $0.section.rawValue, $0) },
                                uniquingKeysWith: { a, _ in a })
        #expect(byText["chest pain@chief_complaint"]?.assertion == .affirmed)
        #expect(byText["shortness of breath@history_of_present_illness"]?.assertion.negated == true)
        #expect(byText["fever@history_of_present_illness"]?.assertion.negated == true)
        #expect(byText["pneumonia@history_of_present_illness"]?.assertion.possible == true)
        #expect(byText["hypertension@history_of_present_illness"]?.assertion.negated == false)
        #expect(byText["appendectomy@past_medical_history"]?.label == .procedure)
        #expect(byText["breast cancer@family_history"]?.assertion.experiencer == .family)
        #expect(byText["fever@assessment_and_plan"]?.assertion.hypothetical == true)
        let metformin = byText["metformin@medications"]
        #expect(metformin?.attributes.map(\.value) == ["500 mg", "oral", "BID"])
        #expect(metformin?.range == scalarRange(of: "Metformin", in: Self.note))
        #expect(byText["troponin@assessment_and_plan"]?.label == .labTest)
        // Every entity's text is exactly the note text at its range.
        let scalars = Array(Self.note.unicodeScalars)
        for entity in annotated.entities {
            #expect(String(String.UnicodeScalarView(scalars[entity.range])) == entity.text)
        }
        #expect(annotated.sections.map(\.category) == [.chiefComplaint, .historyOfPresentIllness, .pastMedicalHistory,
                                                       .medications, .familyHistory, .assessmentAndPlan])
    }

    @Test func reformattedNoteGivesTheSameEntitiesAndAssertions() throws {
        let baseline = summary(pipeline.annotate(Self.note))
        // Different line breaks, bullets, spacing and case.
        let reformatted = Self.note
            .replacingOccurrences(of: "\n\n", with: "\n")
            .replacingOccurrences(of: "- Metformin", with: "• Metformin")
            .replacingOccurrences(of: "- Lisinopril", with: "* Lisinopril")
            .replacingOccurrences(of: ". ", with: ".   ")
            .replacingOccurrences(of: "She denies", with: "SHE DENIES")
            .replacingOccurrences(of: "presents with chest pain", with: "presents  with\nchest pain")
        #expect(summary(pipeline.annotate(reformatted)) == baseline)
        // Typos: exact matching loses them, approximate matching finds them with the same assertions.
        let typos = Self.note
            .replacingOccurrences(of: "hypertension", with: "hypertenson")
            .replacingOccurrences(of: "Possible pneumonia", with: "Possible pnuemonia")
        let fuzzy = try ClinicalPipeline(lexicon: sampleLexicon(), options: .init(matching: .init(approximate: true)))
        let typoSummary = summary(fuzzy.annotate(typos)).map { s -> Summary in
            var s = s
            s.text = s.text.replacingOccurrences(of: "hypertenson", with: "hypertension")
                .replacingOccurrences(of: "pnuemonia", with: "pneumonia")
            return s
        }
        #expect(typoSummary == baseline)
    }

    @Test func badInputNeverCrashes() throws {
        #expect(pipeline.annotate("").entities.isEmpty)
        #expect(pipeline.annotate("   \n\n\t").entities.isEmpty)
        // Binary garbage decoded leniently (invalid bytes become U+FFFD) and control characters.
        var bytes = [UInt8]()
        var state: UInt32 = 12345
        for _ in 0..<20_000 { state = state &* 1_103_515_245 &+ 12345; bytes.append(UInt8(truncatingIfNeeded: state >> 16)) }
        let garbage = String(decoding: bytes, as: UTF8.self) + " chest pain"
        let found = pipeline.annotate(garbage)
        #expect(found.entities.last?.text == "chest pain")
        // Unpaired surrogates in UTF-16 source decode to U+FFFD; offsets stay consistent.
        let utf16: [UInt16] = Array("fever ".utf16) + [0xD800] + Array(" and cough \u{FFFD}".utf16)
        let text = String(decoding: utf16, as: UTF16.self)
        let entities = pipeline.annotate(text).entities
        #expect(entities.map(\.text) == ["fever", "cough"])
        #expect(entities[1].range == scalarRange(of: "cough", in: text))
    }

    @Test func tenMegabytesOfText() {
        // 10 MB: long runs without entities (the expensive part in a debug build is per token, not per byte),
        // one sentence with entities per kilobyte.
        let filler = String(repeating: "unremarkable", count: 80) + " "
        let paragraph = filler + "Patient denies chest pain. "
        let repeats = 10_000_000 / paragraph.utf8.count + 1
        let big = String(repeating: paragraph, count: repeats)
        #expect(big.utf8.count >= 10_000_000)
        let annotated = pipeline.annotate(big)
        #expect(annotated.entities.count == repeats)
        #expect(annotated.entities.allSatisfy { $0.assertion.negated })
        #expect(annotated.entities.last?.range == scalarRange(of: "chest pain", in: paragraph).offset(by: (repeats - 1) * paragraph.unicodeScalars.count))
    }

    @Test func learnedMentionsMergeWithDocumentedRules() throws {
        struct FixedDetector: MentionDetector {
            let mentions: [Mention]
            func detectMentions(in text: AnalyzedText) -> [Mention] { mentions }
        }
        let text = "Chest pain with left arm numbness."
        let tagger = FixedDetector(mentions: [
            Mention(range: 0..<10, text: "Chest pain", label: .problem, source: "tagger", score: 0.9),   // same as lexicon
            Mention(range: 16..<31, text: "left arm numbness", label: .problem, source: "tagger", score: 0.8),
            Mention(range: 0..<5, text: "Chest", label: .procedure, source: "tagger", score: 0.99),      // overlaps, shorter
        ])
        let merged = try ClinicalPipeline(lexicon: sampleLexicon(), learnedDetector: tagger).annotate(text).entities
        #expect(merged.map(\.text) == ["Chest pain", "left arm numbness"])
        #expect(merged[0].mention.source == "test" && merged[0].mention.conceptKey == "P3")
        #expect(merged[1].mention.source == "tagger")
    }

    @Test func sharedAcrossThreads() async throws {
        let pipeline = self.pipeline
        let expected = summary(pipeline.annotate(Self.note))
        try await withThrowingTaskGroup(of: [Summary].self) { group in
            for _ in 0..<8 { group.addTask { summary(pipeline.annotate(Self.note)) } }
            for try await result in group { #expect(result == expected) }
        }
    }

    @Test func entityRecordsCarrySectionCodesAndNoConcept() throws {
        let records = pipeline.annotate(Self.note).entityRecords(note: "n1")
        let first = try #require(records.first)
        #expect(first.section == "chief_complaint" && first.sectionCode == "10154-3" && first.note == "n1")
        #expect(first.concept == nil)
        let json = String(decoding: try JSONEncoder().encode(first), as: UTF8.self)
        #expect(json.contains("\"start\":17"))
    }
}
