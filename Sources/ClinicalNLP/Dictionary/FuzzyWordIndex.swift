/// Approximate lookup of single words against the words a lexicon uses (QuickUMLS-style, but per word):
/// candidates come from a padded character-bigram inverted index bucketed by word length (so lists stay short)
/// and must share bigrams with Dice >= 0.5; a candidate is accepted when its Damerau (optimal string alignment)
/// edit similarity `1 - distance / longer length` reaches the threshold with at most 2 edits. Bigrams alone
/// punish transpositions (`pnuemonia`), the edit distance does not.
struct FuzzyWordIndex: Sendable {
    /// Frequent words of clinical prose that look like lexicon words but are not typos of them
    /// (`patient` vs `patent`). Never snapped.
    static let protectedWords: Set<String> = [
        "patient", "patients", "denies", "denied", "history", "reports", "reported", "states", "stated",
        "without", "status", "normal", "presents", "present", "possible", "negative", "positive", "bilateral",
        "recent", "recently", "chronic", "current", "currently", "worsening", "started", "stopped", "continue",
        "continued", "increase", "increased", "decrease", "decreased", "mother", "father", "brother", "sister",
        "daughter", "family", "social", "medical", "surgical", "physical", "review", "systems", "assessment",
        "discharge", "admission", "hospital", "emergency", "department", "follow", "return", "evaluation",
        "examination", "unremarkable", "appears", "tolerated", "noted", "treated", "treatment", "severe",
        "moderate", "months", "several", "approximately", "including", "because", "however", "therapy",
        "patent", "daily", "twice", "tablet", "tablets", "capsule", "orally",
    ]

    private let words: [(key: [UInt32], id: Int32, scalars: [Unicode.Scalar])]
    /// `(bigram << 8) | length` → indices into `words`.
    private let postings: [UInt64: [Int32]]
    let minimumLength: Int

    init(vocabulary: [String: Int32], minimumLength: Int) {
        self.minimumLength = minimumLength
        var words = [(key: [UInt32], id: Int32, scalars: [Unicode.Scalar])]()
        var postings = [UInt64: [Int32]]()
        for (word, id) in vocabulary {
            let scalars = Array(word.unicodeScalars)
            guard scalars.count >= minimumLength - 1, scalars.allSatisfy({ ScalarClass.isLetter($0) }) else { continue }
            let grams = Self.bigrams(scalars)
            let index = Int32(words.count)
            words.append((grams, id, scalars))
            for gram in Set(grams) {
                postings[Self.postingKey(gram, scalars.count), default: []].append(index)
            }
        }
        self.words = words
        self.postings = postings
    }

    @inline(__always)
    private static func postingKey(_ gram: UInt32, _ length: Int) -> UInt64 {
        (UInt64(gram) << 8) | UInt64(min(length, 255))
    }

    /// Padded bigrams packed as 16+16 bits of the scalar values (folded to 16 bits).
    private static func bigrams(_ s: [Unicode.Scalar]) -> [UInt32] {
        var grams = [UInt32]()
        grams.reserveCapacity(s.count + 1)
        var previous: UInt32 = 0x01
        for c in s {
            let v = c.value & 0xFFFF
            grams.append((previous << 16) | v)
            previous = v
        }
        grams.append((previous << 16) | 0x02)
        return grams
    }

    /// Optimal-string-alignment distance (insert, delete, substitute, swap adjacent), capped at `limit + 1`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        let n = a.count, m = b.count
        var previous2 = [Int](repeating: 0, count: m + 1)
        var previous = Array(0...m)
        var current = [Int](repeating: 0, count: m + 1)
        for i in 1...n {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...m {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, previous2[j - 2] + 1) }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[m]
    }

    /// The most similar lexicon word, if any reaches `threshold`.
    func closest(to word: String, threshold: Double) -> (Int32, Double)? {
        let scalars = Array(word.unicodeScalars)
        guard scalars.count >= minimumLength, !Self.protectedWords.contains(word),
              scalars.allSatisfy({ ScalarClass.isLetter($0) }) else { return nil }
        let grams = Self.bigrams(scalars)
        let gramSet = Set(grams)
        var counts = [Int32: Int]()
        for length in max(1, scalars.count - 2)...(scalars.count + 2) {
            for gram in gramSet {
                guard let list = postings[Self.postingKey(gram, length)] else { continue }
                for index in list { counts[index, default: 0] += 1 }
            }
        }
        var best: (Int32, Double)? = nil
        let maximumEdits = scalars.count >= 9 ? 2 : 1
        for (index, shared) in counts {
            let candidate = words[Int(index)]
            let dice = 2.0 * Double(shared) / Double(gramSet.count + Set(candidate.key).count)
            guard dice >= 0.5 else { continue }
            let distance = Self.editDistance(scalars, candidate.scalars, limit: maximumEdits)
            guard distance <= maximumEdits else { continue }
            let score = 1.0 - Double(distance) / Double(max(scalars.count, candidate.scalars.count))
            if score >= threshold, score > (best?.1 ?? 0) || (score == best?.1 && candidate.id < best!.0) {
                best = (candidate.id, score)
            }
        }
        return best
    }
}
