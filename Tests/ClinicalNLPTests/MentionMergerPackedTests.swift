import Testing
@testable import ClinicalNLP

/// The packed merge (one `UInt64` conflict key, a bitmap of covered positions) must give exactly the general
/// merge's indices, and must decline inputs its key cannot hold.
@Suite struct MentionMergerPackedTests {
    private func mention(_ range: Range<Int>, _ source: String, score: Double = 1, ambiguous: Bool = false) -> Mention {
        Mention(range: range, text: "m", label: .problem, source: source, score: score, ambiguous: ambiguous)
    }

    /// Deterministic pseudo-random numbers (64-bit LCG), so a failure reproduces.
    private struct Numbers {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test func handMadeConflicts() {
        let mentions = [
            mention(10..<30, "dictionary"), mention(10..<20, "dictionary"), mention(12..<14, "abbreviation"),
            mention(40..<44, "tagger"), mention(40..<44, "abbreviation"), mention(0..<4, "abbreviation", ambiguous: true),
            mention(3..<8, "dictionary"), mention(60..<60, "dictionary"), mention(62..<130, "dictionary"),
            mention(129..<140, "dictionary"), mention(63..<64, "abbreviation"), mention(140..<141, "tagger"),
        ]
        // 10..<30 covers the shorter ones inside it; at 40..<44 the abbreviation (index 4) outranks the tagger;
        // 3..<8 beats the ambiguous 0..<4; 62..<130 (three bitmap words) beats 129..<140 and 63..<64; the empty
        // range is dropped; 140..<141 stays free because 129..<140 lost to 62..<130.
        #expect(MentionMerger.packedMergedIndices(mentions) == [6, 0, 4, 8, 11])
        #expect(MentionMerger.generalMergedIndices(mentions) == [6, 0, 4, 8, 11])
    }

    @Test func sameAnswersAsTheGeneralMerge() {
        var numbers = Numbers(state: 13)
        let sources = ["dictionary", "abbreviation", "tagger", "user-terms"]
        for round in 0..<300 {
            var mentions = [Mention]()
            let count = 2 + numbers.next(60)
            let span = 40 + numbers.next(400)
            for _ in 0..<count {
                let start = numbers.next(span)
                let length = numbers.next(round % 3 == 0 ? 90 : 12)
                mentions.append(mention(start..<start + length, sources[numbers.next(sources.count)],
                                        ambiguous: numbers.next(10) == 0))
            }
            let packed = MentionMerger.packedMergedIndices(mentions)
            #expect(packed != nil)
            #expect(packed == MentionMerger.generalMergedIndices(mentions), "round \(round)")
            #expect(MentionMerger.mergedIndices(mentions) == MentionMerger.generalMergedIndices(mentions))
        }
    }

    @Test func declinesWhatTheKeyCannotHold() {
        // Several scores (approximate matches): the score is not in the key.
        #expect(MentionMerger.packedMergedIndices([mention(0..<4, "dictionary"),
                                                   mention(6..<9, "dictionary", score: 0.9)]) == nil)
        // A negative start, a start past 2^25, a span longer than 65,535 scalars.
        #expect(MentionMerger.packedMergedIndices([mention(-3..<4, "tagger"), mention(6..<9, "tagger")]) == nil)
        #expect(MentionMerger.packedMergedIndices([mention(0..<4, "tagger"),
                                                   mention(1 << 25..<(1 << 25) + 2, "tagger")]) == nil)
        #expect(MentionMerger.packedMergedIndices([mention(0..<70_000, "tagger"), mention(6..<9, "tagger")]) == nil)
        // The general path still merges them.
        let mixed = [mention(0..<4, "dictionary"), mention(2..<6, "dictionary", score: 0.9), mention(-3..<1, "tagger")]
        #expect(MentionMerger.mergedIndices(mixed) == [0])
    }

    @Test func spanBitmapClaims() {
        var bitmap = SpanBitmap(positions: 200)
        // Within word 0, up to word boundaries, across three words (70..<190), a refused claim covering nothing
        // (65..<71 fails on 70, then 65..<70 is still free), the last partial word.
        let spans = [0..<1, 0..<1, 1..<64, 64..<65, 70..<190, 189..<195, 65..<71, 65..<70, 190..<200, 127..<129]
        var results = [Bool]()
        for span in spans { results.append(bitmap.claim(span)) }
        #expect(results == [true, false, true, true, true, false, false, true, true, false])
    }
}
