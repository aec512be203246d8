import Testing
@testable import ClinicalNLP

/// The pipeline's ConText path reuses one scratch (tokens, matches, scope, cues) across the sentences of a note:
/// each sentence must give exactly what a fresh call gives, whatever the previous sentence left behind.
@Suite struct AssertionScratchTests {
    @Test func reusedScratchMatchesFreshCalls() throws {
        let analyzer = try AssertionAnalyzer.loadDefault()
        let note = "Mother had breast cancer and possible diabetes, but no stroke. Denies chest pain. "
            + "History of MI in 2010. Pt. is stable. If fever develops, start antibiotics. Cough. "
            + "No increase in dyspnea; there is edema."
        let scalars = Array(note.unicodeScalars)
        let sentences: [(String, [String], SectionCategory?)] = [
            ("Mother had breast cancer and possible diabetes, but no stroke.", ["breast cancer", "diabetes", "stroke"], .familyHistory),
            ("Denies chest pain.", ["chest pain"], nil),
            ("History of MI in 2010.", ["MI"], .pastMedicalHistory),
            ("Pt. is stable.", ["stable"], nil),
            ("If fever develops, start antibiotics.", ["fever", "antibiotics"], nil),
            ("Cough.", ["Cough"], nil),
            ("No increase in dyspnea; there is edema.", ["dyspnea", "edema"], nil),
        ]
        var scratch = AssertionAnalyzer.Scratch()
        var assertions = [Assertion]()
        var seen = Set<Assertion>()
        for (sentence, targets, section) in sentences + sentences.reversed() {
            let sentenceRange = scalarRange(of: sentence, in: note)
            let targetRanges = targets.map { target -> Range<Int> in
                let inner = scalarRange(of: target, in: sentence)
                return (sentenceRange.lowerBound + inner.lowerBound)..<(sentenceRange.lowerBound + inner.upperBound)
            }
            analyzer.analyze(text: scalars, sentence: sentenceRange, targets: targetRanges, section: section,
                             into: &assertions, scratch: &scratch)
            let fresh = analyzer.analyze(text: scalars, sentence: sentenceRange, targets: targetRanges, section: section)
            #expect(assertions == fresh, "\(sentence)")
            #expect(assertions.count == targets.count)
            seen.formUnion(assertions)
        }
        // The fixture exercises cues (negated, possible, family, historical, hypothetical), not only the empty path.
        #expect(seen.contains { $0.negated } && seen.contains { $0.possible } && seen.contains { $0.experiencer == .family })
        #expect(seen.contains { $0.historical } && seen.contains { $0.hypothetical } && seen.contains(.affirmed))
        // No targets: nothing, and the output array is cleared.
        analyzer.analyze(text: scalars, sentence: 0..<10, targets: [], section: nil, into: &assertions, scratch: &scratch)
        #expect(assertions.isEmpty)
    }
}
