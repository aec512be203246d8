import Testing
@testable import ClinicalNLP

/// Header candidates the sectionizer rules out before reading them (`mayStartHeader`) must be exactly the ones
/// `header(at:)` would refuse: these place headers right at the edges of that filter.
@Suite struct SectionizerCandidateTests {
    let sectionizer: Sectionizer

    init() throws {
        sectionizer = try Sectionizer.loadDefault()
    }

    private func headerTexts(_ text: String) -> [String] {
        let original = Array(text.unicodeScalars)
        return sectionizer.headers(in: TextNormalizer().normalize(original), original: original).map(\.text)
    }

    @Test func midLineCandidatesNeedTwoCapitalsOrACapitalAndAMark() {
        // After `;` and a tab; `A/P` (capital, then a slash); a capitalised sentence start is no header.
        #expect(headerTexts("Stable;\tMEDICATIONS: aspirin. A/P: rest. Fine. Plan: rest") == ["MEDICATIONS", "A/P"])
        // A candidate at the very end of the text, with one or no scalar after the blanks.
        #expect(headerTexts("Stable.,P").isEmpty)
        #expect(headerTexts("Stable., ").isEmpty)
    }

    @Test func lineStartCandidatesSkipBlankLinesButKeepMarkdown() {
        let text = "Seen.\n\n\n  ## Plan\n* ALLERGIES: none\r\n\r\nAssessment: stable\n\t\n"
        #expect(headerTexts(text) == ["Plan", "ALLERGIES", "Assessment"])
    }

    @Test func nonASCIIStartsAreReadInFull() {
        // A non-ASCII capital mid-line is not ruled out by the byte test; it is still no known header.
        #expect(headerTexts("Stable. ÉTAT: bon. PLAN: rest") == ["PLAN"])
    }
}
