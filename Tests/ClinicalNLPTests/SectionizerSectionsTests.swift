import Testing
@testable import ClinicalNLP

/// `sections(headers:textLength:)` reads the header list in place: sub-headers before, between and after the
/// section headers must not start or end sections.
@Suite struct SectionizerSectionsTests {
    let sectionizer: Sectionizer

    init() throws {
        sectionizer = try Sectionizer.loadDefault()
    }

    @Test func subheadersAroundSectionHeaders() {
        // HEENT: and LUNGS: are sub-headers: one before the first section header, two inside PHYSICAL EXAM, one last.
        let text = "HEENT: ok.\nPLAN: rest.\nPHYSICAL EXAM:\nHEENT: normal.\nLUNGS: clear.\nALLERGIES: none.\nLUNGS: clear."
        let sections = sectionizer.sections(in: text)
        #expect(sections.map(\.category) == [.none, .plan, .physicalExam, .allergies])
        #expect(sections.map(\.headerText) == [nil, "PLAN", "PHYSICAL EXAM", "ALLERGIES"])
        #expect(sections[0].bodyRange == 0..<11)
        #expect(sections[1].bodyRange == 16..<23)
        #expect(sections[3].bodyRange.upperBound == text.unicodeScalars.count)
    }

    @Test func onlySubheadersOrNothing() {
        #expect(sectionizer.sections(in: "HEENT: ok.\nLUNGS: clear.").map(\.bodyRange) == [0..<24])
        #expect(sectionizer.sections(headers: [], textLength: 0).isEmpty)
        #expect(sectionizer.sections(headers: [], textLength: 7).map(\.bodyRange) == [0..<7])
    }
}
