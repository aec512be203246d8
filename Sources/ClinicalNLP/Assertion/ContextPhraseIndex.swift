/// Rule phrases compiled to token-hash sequences, indexed by their first token hash, longest first.
struct ContextPhraseIndex: Sendable {
    /// One distinct phrase and the rules that share it ("family history" may be a family and a historical trigger).
    struct Phrase: Sendable {
        var hashes: [UInt64]
        var rules: [ContextRule]
        /// Union of the categories any rule of this phrase acts on.
        var categories: ContextCategorySet
    }

    /// A phrase found in a sentence: tokens `[start, end)`.
    struct Match: Sendable {
        var start: Int
        var end: Int
        var phrase: Int
    }

    let phrases: [Phrase]
    private let byFirstHash: [UInt64: [Int]]

    init(rules: [ContextRule]) {
        var phraseIndex: [[UInt64]: Int] = [:]
        var phrases: [Phrase] = []
        for rule in rules where rule.kind != .section {
            let hashes = AssertionTokenizer.phraseHashes(rule.phrase)
            if let existing = phraseIndex[hashes] {
                phrases[existing].rules.append(rule)
                phrases[existing].categories.mask |= rule.categories.mask
            } else {
                phraseIndex[hashes] = phrases.count
                phrases.append(Phrase(hashes: hashes, rules: [rule], categories: rule.categories))
            }
        }
        var byFirstHash: [UInt64: [Int]] = [:]
        for (index, phrase) in phrases.enumerated() {
            byFirstHash[phrase.hashes[0], default: []].append(index)
        }
        for key in byFirstHash.keys {
            byFirstHash[key]!.sort { phrases[$0].hashes.count > phrases[$1].hashes.count }
        }
        self.phrases = phrases
        self.byFirstHash = byFirstHash
    }

    /// Every phrase occurrence (overlapping ones included), ordered by start, then longest first.
    func matches(in tokens: [AssertionToken]) -> [Match] {
        var matches: [Match] = []
        for start in tokens.indices {
            guard let candidates = byFirstHash[tokens[start].hash] else { continue }
            for candidate in candidates {
                let hashes = phrases[candidate].hashes
                guard start + hashes.count <= tokens.count else { continue }
                var offset = 1
                while offset < hashes.count, tokens[start + offset].hash == hashes[offset] { offset += 1 }
                if offset == hashes.count {
                    matches.append(Match(start: start, end: start + hashes.count, phrase: candidate))
                }
            }
        }
        return matches
    }
}
