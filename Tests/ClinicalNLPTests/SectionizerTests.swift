import Foundation
import Testing
@testable import ClinicalNLP

@Suite struct SectionizerTests {
    let sectionizer: Sectionizer

    init() throws {
        sectionizer = try Sectionizer.loadDefault()
    }

    @Test func headersAsWrittenInNotesMapToCategoriesAndLOINC() {
        let text = """
        CHIEF COMPLAINT: Chest pain.
        HISTORY OF PRESENT ILLNESS: 54 yo M with HTN.
        PMH: CAD, s/p CABG.
        Meds:
        - aspirin 81 mg daily
        # Assessment and Plan
        Chest pain, rule out MI.
        """
        let sections = sectionizer.sections(in: text)
        #expect(sections.map(\.category) == [.chiefComplaint, .historyOfPresentIllness, .pastMedicalHistory,
                                             .medications, .assessmentAndPlan])
        #expect(sections.map(\.loincCode) == ["10154-3", "10164-2", "11348-0", "10160-0", "51847-2"])
        #expect(sections[0].headerRange == 0..<16)
        #expect(sections[0].bodyRange == 16..<scalarRange(of: "HISTORY OF", in: text).lowerBound)
        #expect(sections[2].headerRange == scalarRange(of: "PMH:", in: text))
        #expect(sections[4].headerRange == scalarRange(of: "Assessment and Plan", in: text))
        #expect(sections[4].bodyRange.upperBound == text.unicodeScalars.count)
    }

    @Test func runTogetherTranscriptionHeadersAreFound() {
        // MTSamples lost its line breaks: headers follow ".," in capitals.
        let text = "SUBJECTIVE:,  She has allergies.,MEDICATIONS: , Allegra.,ALLERGIES: , None.,PHYSICAL EXAMINATION:,HEENT:  Clear.,Lungs:  Clear."
        let sections = sectionizer.sections(in: text)
        #expect(sections.map(\.category) == [.historyOfPresentIllness, .medications, .allergies, .physicalExam])
        #expect(sections[1].headerRange == scalarRange(of: "MEDICATIONS:", in: text))
    }

    @Test func subheadersDoNotEndTheSection() {
        let text = "PHYSICAL EXAM:\nHEENT: normal.\nLUNGS: clear.\nPLAN: discharge."
        let sections = sectionizer.sections(in: text)
        #expect(sections.map(\.category) == [.physicalExam, .plan])
    }

    @Test func textBeforeTheFirstHeaderIsSectionNone() {
        let sections = sectionizer.sections(in: "Patient seen today.\nROS: negative")
        #expect(sections.map(\.category) == [.none, .reviewOfSystems])
        #expect(sections[0].bodyRange == 0..<20)
    }

    @Test func proseWithColonIsNotAHeader() {
        let sections = sectionizer.sections(in: "Patient states: I feel fine. Findings: none")
        #expect(sections.map(\.category) == [.none])
    }

    @Test func compoundHeaderFallsBackToKnownPrefix() {
        let sections = sectionizer.sections(in: "PAST MEDICAL HISTORY/PAST SURGICAL HISTORY: none")
        #expect(sections.first?.category == .pastMedicalHistory)
    }

    @Test func malformedRuleFilesFailWithFileLineAndReason() {
        func failure(_ content: String) -> ResourceFileError? {
            do { _ = try SectionRules(parsing: content, file: "bad.tsv"); return nil } catch let error as ResourceFileError {
                return error
            } catch { return nil }
        }
        let unknown = failure("# comment\nmedications\t10160-0\tmeds\nnot_a_category\t10160-0\tfoo\n")
        #expect(unknown?.code == .unknownValue && unknown?.line == 3 && unknown?.file == "bad.tsv")
        #expect(unknown?.description.contains("bad.tsv:3") == true)
        #expect(failure("medications\t10160-0\n")?.code == .malformedLine)
        #expect(failure("medications\tABC\tmeds\n")?.code == .unknownValue)
        #expect(failure("medications\t10160-0\tmeds\nallergies\t48765-2\tmeds\n")?.code == .duplicate)
        #expect(failure("medications\t10160-0\tmeds\tsomething\n")?.line == 1)
        #expect(failure("# only comments\n")?.code == .empty)
    }

    @Test func everyBundledRuleHasAValidCategory() throws {
        let rules = try SectionRules.loadDefault()
        #expect(rules.rules.count > 200)
        #expect(rules.rules["hpi"]?.category == .historyOfPresentIllness)
        #expect(rules.rules["a&p"]?.loincCode == "51847-2")
    }
}
