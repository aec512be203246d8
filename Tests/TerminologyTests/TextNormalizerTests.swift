import Testing
@testable import Terminology

@Suite struct TextNormalizerTests {
    @Test func wordsSplitLettersFromDigitsAndKeepDecimals() {
        #expect(TextNormalizer.words("Metformin 500mg, 0.5 ML!") == ["metformin", "500", "mg", "0.5", "ml"])
        #expect(TextNormalizer.words("Sjögren's syndrome") == ["sjogren", "s", "syndrome"])
    }

    @Test func bagKeyIgnoresOrderPluralsStopWordsAndRomanNumerals() {
        #expect(TextNormalizer.bagKey("Type II diabetes mellitus") == TextNormalizer.bagKey("diabetes mellitus, type 2"))
        #expect(TextNormalizer.bagKey("kidney stones") == TextNormalizer.bagKey("Stone of kidney"))
        #expect(TextNormalizer.bagKey("arteries") == TextNormalizer.bagKey("artery"))
        // Roman numerals only after a numbered qualifier: "iv" alone stays a word.
        #expect(TextNormalizer.bagWords("iv fluids") == ["iv", "fluid"])
    }

    @Test func typoDistanceCountsTranspositionsAsOneEdit() {
        #expect(TypoIndex.distance(Array("pnuemonia".utf8), Array("pneumonia".utf8), limit: 2) == 1)
        #expect(TypoIndex.distance(Array("fibrilation".utf8), Array("fibrillation".utf8), limit: 2) == 1)
        #expect(TypoIndex.distance(Array("abc".utf8), Array("xyz".utf8), limit: 1) == 2)
    }
}
