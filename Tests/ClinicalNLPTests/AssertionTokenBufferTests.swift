import Testing
@testable import ClinicalNLP

/// The ConText tokenizer writes tokens, running word counts and stop punctuation into reused manual buffers; the
/// per-sentence lists of phrase matches and cues live in `ScratchBuffer`s. These pin exact contents, reuse after a
/// longer sentence (growth) and a shorter one (stale contents must not leak).
@Suite struct AssertionTokenBufferTests {
    private func tokenize(_ text: String, into buffer: AssertionTokenBuffer) -> [Unicode.Scalar] {
        let scalars = Array(text.unicodeScalars)
        scalars.withUnsafeBufferPointer { AssertionTokenizer.tokenize($0, range: 0..<scalars.count, into: buffer) }
        return scalars
    }

    @Test func tokensWordCountsAndStopsOfOneSentence() {
        let buffer = AssertionTokenBuffer(capacity: 4)
        _ = tokenize("Pt's BP\u{2014}high (see 2) ok. Caf\u{E9}? Yes!", into: buffer)
        let tokens = Array(buffer.tokens)
        #expect(tokens.map { [$0.start, $0.end] } == [[0, 4], [5, 7], [7, 8], [8, 12], [13, 14], [14, 17], [18, 19],
                                                      [19, 20], [21, 23], [23, 24], [25, 29], [29, 30], [31, 34], [34, 35]])
        #expect(tokens.map(\.kind) == [.word, .word, .punctuation, .word, .punctuation, .word, .word, .punctuation,
                                       .word, .punctuation, .word, .punctuation, .word, .punctuation])
        #expect(Array(buffer.wordCounts) == [0, 1, 2, 2, 3, 3, 4, 5, 5, 6, 6, 7, 7, 8, 8])
        #expect(Array(buffer.stopPositions) == [7, 9, 11, 13])
        // Hashes fold case, the curly apostrophe and non-ASCII letters exactly as rule phrases are compiled.
        #expect(tokens[0].hash == AssertionTokenizer.hash("PT\u{2019}S"))
        #expect(tokens[10].hash == AssertionTokenizer.hash("CAF\u{C9}"))
        #expect(tokens[3].hash == AssertionTokenizer.hash("high"))
    }

    @Test func reuseAfterALongerAndAShorterSentence() {
        let buffer = AssertionTokenBuffer(capacity: 8)
        let long = Array(repeating: "no fever.", count: 100).joined(separator: " ")
        _ = tokenize(long, into: buffer)
        #expect(buffer.count == 300)
        #expect(buffer.stopCount == 100)
        #expect(buffer.wordCounts.last == 200)
        // Memory follows the tokens written, not the sentence length in scalars.
        #expect(buffer.capacity >= 300 && buffer.capacity < long.unicodeScalars.count)
        _ = tokenize("Denies pain", into: buffer)
        #expect(buffer.count == 2)
        #expect(buffer.stopCount == 0)
        #expect(Array(buffer.wordCounts) == [0, 1, 2])
        #expect(Array(buffer.tokens) == AssertionTokenizer.tokenize(Array("Denies pain".unicodeScalars), range: 0..<11))
    }

    @Test func scratchBufferKeepsElementsAcrossGrowthAndEmpties() {
        let buffer = ScratchBuffer<ContextPhraseIndex.Match>(capacity: 2)
        for k in 0..<37 { buffer.append(ContextPhraseIndex.Match(start: k, end: k + 2, phrase: k % 5)) }
        #expect(buffer.count == 37)
        #expect(buffer.elements.map(\.start) == Array(0..<37))
        #expect(buffer.elements.map(\.phrase) == (0..<37).map { $0 % 5 })
        buffer.removeAll()
        #expect(buffer.isEmpty)
        buffer.append(ContextPhraseIndex.Match(start: 9, end: 10, phrase: 1))
        #expect(buffer.elements.map(\.start) == [9])
    }
}
