import Testing
@testable import ClinicalNLP

/// The byte-level filters in front of the medication phrase table may only rule out tokens that start no phrase.
@Suite struct MedicationPhrasesTests {
    private func bytesPass(_ word: String, _ test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        var word = word
        return word.withUTF8 { test($0) }
    }

    @Test func everyPhraseStartsWithAStartWord() {
        for key in MedicationPhrases.phrases.keys {
            let words = key.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            #expect(bytesPass(words[0]) { MedicationPhrases.mayStartAttribute($0) }, "\(key)")
            if words.count > 1 {
                #expect(bytesPass(words[0]) { MedicationPhrases.phraseFirstWordSet.contains($0) }, "\(key)")
            }
        }
        // Ordinary words and the multiplication sign (non-ASCII start word) are answered as the Set would.
        for word in ["patient", "the", "mg", "×", "x", "prn", "by", "twice", "q"] {
            #expect(bytesPass(word) { MedicationPhrases.mayStartAttribute($0) } == MedicationPhrases.startWords.contains(word), "\(word)")
        }
    }
}
