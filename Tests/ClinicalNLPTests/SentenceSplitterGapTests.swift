import Testing
@testable import ClinicalNLP

/// The splitter decides "no gap or one space before a non-symbol token" without its line-structure test, and
/// walks the header ranges with two cached bounds: the cases next to those shortcuts.
@Suite struct SentenceSplitterGapTests {
    func sentences(_ text: String, headers: [Range<Int>] = []) -> [String] {
        let tokens = Tokenizer().tokenize(text)
        let scalars = Array(text.unicodeScalars)
        return SentenceSplitter().split(tokens: tokens, scalars: scalars, headers: headers).map {
            String(String.UnicodeScalarView(scalars[$0.range]))
        }
    }

    @Test func bulletGlyphAfterOneSpaceStillBreaks() {
        // `•` after a single space starts an item; `-` and `*` after a space do not.
        #expect(sentences("Pain • better") == ["Pain", "better"])
        #expect(sentences("Pain - better * worse") == ["Pain - better * worse"])
    }

    @Test func otherGapsTakeTheLineStructureTest() {
        #expect(sentences("Stable\tnow  and\u{00A0}then") == ["Stable\tnow  and\u{00A0}then"])
        #expect(sentences("Stable\nNow better\r\n\r\nLater") == ["Stable", "Now better", "Later"])
        #expect(sentences("BP(120/80)ok") == ["BP(120/80)ok"])
    }

    @Test func headerRangesEmptyUnsortedOrPastTheEnd() {
        let text = "HPI: Pt denies pain. Stable."
        // Ranges are walked in the order given: the empty 2..<2 is still current at `HPI` (offset 0), so `HPI`
        // opens a sentence that 0..<4 then closes at the colon; ranges past the text change nothing.
        #expect(sentences(text, headers: [2..<2, 0..<4, 100..<120]) == ["HPI", "Pt denies pain.", "Stable."])
        #expect(sentences(text, headers: [0..<4, 100..<120]) == ["Pt denies pain.", "Stable."])
        #expect(sentences(text, headers: [200..<210]) == ["HPI: Pt denies pain.", "Stable."])
        // A header in the middle closes the running sentence.
        #expect(sentences(text, headers: [5..<7]) == ["HPI:", "denies pain.", "Stable."])
    }
}
