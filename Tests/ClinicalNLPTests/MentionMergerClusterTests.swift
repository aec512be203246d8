import Testing
@testable import ClinicalNLP

/// The merge by overlap clusters must give exactly the general merge's indices, and must decline the inputs its
/// start-order key cannot hold.
@Suite struct MentionMergerClusterTests {
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

    @Test func handMadeClusters() {
        let mentions = [
            mention(10..<30, "dictionary"), mention(62..<130, "dictionary"), mention(3..<8, "dictionary"),
            mention(129..<140, "dictionary"), mention(140..<141, "tagger"), mention(60..<60, "dictionary"),
            // Reported after the dictionary matches, in their own start order (as the pipeline appends them).
            mention(0..<4, "abbreviation", ambiguous: true), mention(10..<20, "dictionary"), mention(12..<14, "abbreviation"),
            mention(40..<44, "tagger"), mention(40..<44, "abbreviation"), mention(63..<64, "abbreviation"),
            mention(50..<53, "dictionary", score: 0.9), mention(51..<54, "tagger"),
        ]
        // Clusters: {0..<4, 3..<8} → 3..<8 beats the ambiguous abbreviation; {10..<30 and two inside} → 10..<30;
        // {40..<44 twice} → the abbreviation outranks the tagger; {50..<53, 51..<54} → the tagger (2) outranks the
        // approximate match (1); {62..<130, 63..<64, 129..<140} → 62..<130; 140..<141 alone; the empty span drops.
        let expected = [2, 0, 10, 13, 1, 4]
        #expect(MentionMerger.clusteredMergedIndices(mentions) == expected)
        #expect(MentionMerger.generalMergedIndices(mentions) == expected)
        #expect(MentionMerger.mergedIndices(mentions) == expected)
    }

    @Test func sameAnswersAsTheGeneralMerge() {
        var numbers = Numbers(state: 13)
        let sources = ["dictionary", "abbreviation", "tagger", "user-terms"]
        let scores = [1.0, 1.0, 0.85, 0.9]
        for round in 0..<400 {
            var mentions = [Mention]()
            let count = 2 + numbers.next(60)
            let span = 20 + numbers.next(400)
            for _ in 0..<count {
                let start = numbers.next(span)
                let length = numbers.next(round % 3 == 0 ? 60 : 10)
                mentions.append(mention(start..<start + length, sources[numbers.next(sources.count)],
                                        score: round % 2 == 0 ? 1 : scores[numbers.next(scores.count)],
                                        ambiguous: numbers.next(10) == 0))
            }
            // Half the rounds in start order, as detectors report.
            if round % 4 < 2 { mentions.sort { $0.range.lowerBound < $1.range.lowerBound } }
            let clustered = MentionMerger.clusteredMergedIndices(mentions)
            #expect(clustered != nil)
            #expect(clustered == MentionMerger.generalMergedIndices(mentions), "round \(round)")
        }
    }

    @Test func declinesWhatTheKeyCannotHold() {
        #expect(MentionMerger.clusteredMergedIndices([mention(-3..<4, "tagger"), mention(6..<9, "tagger")]) == nil)
        #expect(MentionMerger.clusteredMergedIndices([mention(0..<4, "tagger"),
                                                      mention(1 << 44..<(1 << 44) + 2, "tagger")]) == nil)
        #expect(MentionMerger.clusteredMergedIndices([mention(0..<4, "tagger", score: .nan),
                                                      mention(6..<9, "tagger")]) == nil)
        // The general path still merges them.
        let mixed = [mention(0..<4, "dictionary"), mention(2..<7, "dictionary", score: 0.9), mention(-3..<1, "tagger")]
        #expect(MentionMerger.mergedIndices(mixed) == [2, 1])
    }
}
