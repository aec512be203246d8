import Testing
@testable import ClinicalNLP

/// The pipeline reads merged mentions by index (`mergedIndices`); they must be exactly what `merge` returns.
@Suite struct MentionMergerIndexTests {
    private func mention(_ range: Range<Int>, _ source: String, score: Double = 1, ambiguous: Bool = false) -> Mention {
        Mention(range: range, text: "m\(range.lowerBound)", label: .problem, source: source, score: score, ambiguous: ambiguous)
    }

    @Test func indicesSelectExactlyTheMergedMentions() {
        let mentions = [
            mention(10..<30, "dictionary"), mention(10..<20, "dictionary"), mention(12..<14, "abbreviation"),
            mention(40..<44, "abbreviation"), mention(40..<44, "tagger"), mention(50..<55, "dictionary", score: 0.9),
            mention(52..<57, "tagger"), mention(0..<4, "abbreviation", ambiguous: true), mention(3..<8, "dictionary"),
            mention(60..<60, "dictionary"),
        ]
        let kept = MentionMerger.mergedIndices(mentions)
        #expect(kept.map { mentions[$0] } == MentionMerger.merge(mentions))
        // 3..<8 beats the ambiguous 0..<4; 10..<30 the shorter ones inside it; at 40..<44 the abbreviation outranks
        // the tagger, which outranks the approximate (score < 1) dictionary match at 50..<55; empty ranges drop.
        #expect(kept == [8, 0, 3, 6])
        #expect(MentionMerger.mergedIndices([mentions[9]]) == [0] && MentionMerger.merge([mentions[9]]) == [mentions[9]])
        #expect(MentionMerger.mergedIndices([]).isEmpty)
    }
}
