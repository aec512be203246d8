import Testing
@testable import ClinicalNLP

/// `WordSet` answers exactly like `Set<String>.contains` on the token's String, with and without the byte table.
@Suite struct WordSetTests {
    private func contains(_ set: WordSet, _ word: String) -> Bool {
        var word = word
        return word.withUTF8 { set.contains($0) }
    }

    @Test func asciiWordsUseBytesAndAgreeWithTheSet() {
        let words: Set<String> = ["dr", "approx", "e.g", "vs"]
        let set = WordSet(words)
        for probe in ["dr", "approx", "e.g", "vs", "d", "drs", "", "DR", "v s", "é", "approx\u{301}"] {
            #expect(contains(set, probe) == words.contains(probe), "\(probe)")
        }
    }

    @Test func nonASCIIWordsKeepCanonicalEquivalence() {
        // "é" precomposed in the set; the decomposed probe is equal as a String, though its bytes differ.
        let words: Set<String> = ["caf\u{E9}", "x"]
        let set = WordSet(words)
        #expect(contains(set, "cafe\u{301}"))
        #expect(contains(set, "caf\u{E9}") && contains(set, "x") && !contains(set, "cafe"))
        // U+212A KELVIN SIGN is canonically equivalent to "K": a set holding it must match the ASCII token.
        let kelvin = WordSet(["\u{212A}"])
        #expect(contains(kelvin, "K") == Set(["\u{212A}"]).contains("K"))
    }
}
