/// Rule phrases compiled to token-hash sequences in an open-addressing table keyed by the first token's hash, so a
/// token costs one probe whatever the number of rules.
///
/// A class, though immutable, so that calling it per sentence does not copy (retain and release) its seven arrays.
final class ContextPhraseIndex: Sendable {
    /// What one rule of a phrase does, in a form the inner loop reads without touching Strings.
    struct Action: Sendable {
        var kind: ContextRule.Kind
        /// Categories the rule triggers (for triggers) or ends (for terminations).
        var categories: UInt8
        /// Categories whose scope this cue ends: a termination's own categories, or a trigger's rival category.
        var stops: UInt8
        /// Scope limit in words; `Int.max` for the whole sentence.
        var window: Int

        var isTrigger: Bool { kind == .forward || kind == .backward || kind == .bidirectional }
    }

    /// One distinct phrase; `actions` indexes `ContextPhraseIndex.actions` (a phrase may carry several rules).
    struct Phrase: Sendable {
        var hashes: [UInt64]
        var actions: Range<Int>
    }

    /// A phrase found in a sentence: tokens `[start, end)`.
    struct Match: Sendable {
        var start: Int
        var end: Int
        var phrase: Int
    }

    let phrases: [Phrase]
    let actions: [Action]
    /// `phrases[p].actions` for every phrase, apart: reading it does not retain the phrase's hash array.
    let phraseActions: [Range<Int>]
    /// Every phrase's hashes after its first, back to back: phrase `p` owns `tails[tailRanges[p]]`.
    private let tails: [UInt64]
    private let tailRanges: [Range<Int>]
    /// Open addressing: `slotKeys[i]` is a first-token hash, `slotCandidates[i]` the phrases starting with it
    /// (indices into `candidates`, longest phrase first). Empty slots have an empty range.
    private let slotKeys: [UInt64]
    private let slotCandidates: [Range<Int>]
    private let candidates: [Int]
    private let slotMask: Int

    init(rules: [ContextRule], rivals: [ContextCategory: ContextCategory]) {
        var byPhrase: [[UInt64]: [ContextRule]] = [:]
        var order: [[UInt64]] = []
        for rule in rules where rule.kind != .section {
            let hashes = AssertionTokenizer.phraseHashes(rule.phrase)
            if byPhrase[hashes] == nil { order.append(hashes) }
            byPhrase[hashes, default: []].append(rule)
        }
        var phrases: [Phrase] = []
        var actions: [Action] = []
        for hashes in order {
            let start = actions.count
            for rule in byPhrase[hashes]! where rule.kind != .pseudo {
                var stops: UInt8 = 0
                if rule.kind == .termination {
                    stops = rule.categories.mask
                } else {
                    for category in rule.categories.categories { if let rival = rivals[category] { stops |= rival.bit } }
                }
                let window: Int
                switch rule.window {
                case .sentence: window = .max
                case .words(let words): window = words
                }
                actions.append(Action(kind: rule.kind, categories: rule.categories.mask, stops: stops, window: window))
            }
            phrases.append(Phrase(hashes: hashes, actions: start..<actions.count))
        }

        var byFirst: [UInt64: [Int]] = [:]
        for (index, phrase) in phrases.enumerated() { byFirst[phrase.hashes[0], default: []].append(index) }
        var capacity = 16
        while capacity < byFirst.count * 3 { capacity <<= 1 }
        var slotKeys = [UInt64](repeating: 0, count: capacity)
        var slotCandidates = [Range<Int>](repeating: 0..<0, count: capacity)
        var candidates: [Int] = []
        for (first, list) in byFirst {
            let sorted = list.sorted { phrases[$0].hashes.count > phrases[$1].hashes.count }
            var slot = Int(truncatingIfNeeded: first) & (capacity - 1)
            while !slotCandidates[slot].isEmpty { slot = (slot + 1) & (capacity - 1) }
            slotKeys[slot] = first
            slotCandidates[slot] = candidates.count..<(candidates.count + sorted.count)
            candidates.append(contentsOf: sorted)
        }
        var tails: [UInt64] = []
        var tailRanges: [Range<Int>] = []
        for phrase in phrases {
            tailRanges.append(tails.count..<(tails.count + phrase.hashes.count - 1))
            tails.append(contentsOf: phrase.hashes.dropFirst())
        }
        self.phrases = phrases
        self.actions = actions
        self.phraseActions = phrases.map(\.actions)
        self.tails = tails
        self.tailRanges = tailRanges
        self.slotKeys = slotKeys
        self.slotCandidates = slotCandidates
        self.candidates = candidates
        self.slotMask = capacity - 1
    }

    /// Every phrase occurrence (overlapping ones included), ordered by start, then longest first, replacing the
    /// contents of `matches` (its capacity is kept).
    ///
    /// Every table is read through a raw buffer: slicing `candidates` per token retained and released its storage,
    /// which cost as much as the probe itself.
    func matches(in tokens: UnsafeBufferPointer<AssertionToken>, into matches: ScratchBuffer<Match>) {
        matches.removeAll()
        let count = tokens.count
        let mask = slotMask
        tails.withUnsafeBufferPointer { tails in
        tailRanges.withUnsafeBufferPointer { tailRanges in
        slotKeys.withUnsafeBufferPointer { slotKeys in
        slotCandidates.withUnsafeBufferPointer { slotCandidates in
        candidates.withUnsafeBufferPointer { candidates in
            for start in 0..<count {
                let hash = tokens[start].hash
                var slot = Int(truncatingIfNeeded: hash) & mask
                var range = slotCandidates[slot]
                while !range.isEmpty, slotKeys[slot] != hash {
                    slot = (slot + 1) & mask
                    range = slotCandidates[slot]
                }
                for position in range {
                    let candidate = candidates[position]
                    let tail = tailRanges[candidate]
                    guard start + tail.count < count else { continue }
                    var next = start + 1
                    var offset = tail.lowerBound
                    while offset < tail.upperBound, tokens[next].hash == tails[offset] {
                        offset += 1
                        next += 1
                    }
                    if offset == tail.upperBound {
                        matches.append(Match(start: start, end: next, phrase: candidate))
                    }
                }
            }
        }
        }
        }
        }
        }
    }
}
