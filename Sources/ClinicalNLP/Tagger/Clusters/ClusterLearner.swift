import Foundation

/// Learns hierarchical word clusters from unlabeled text, for the tagger's cluster features.
///
/// 1. Count words (the tagger's tokens, lower-cased, digits folded to `0`) and keep the `maxWords` most frequent
///    with at least `minCount` occurrences.
/// 2. Describe each word by its left and right neighbours among the `contextWords` most frequent words,
///    weighted by positive pointwise mutual information (PPMI), and project that sparse vector onto `dimensions`
///    seeded random directions (random indexing), then L2-normalise.
/// 3. Split the words recursively with spherical 2-means to `depth` levels; a word's path of left/right choices is
///    its bit string, so path prefixes are clusters of several sizes (as Brown clusters are used).
/// Deterministic for a given seed.
public struct ClusterLearner: Sendable {
    public var minCount = 5
    public var maxWords = 20_000
    public var contextWords = 1_500
    public var dimensions = 96
    public var depth = 16
    public var iterations = 8
    public var seed: UInt64 = 1

    public init() {}

    public struct Result: Sendable {
        public var words: [(word: String, path: String)]
        public var tokenCount: Int
    }

    public static func normalizedWord(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        for scalar in scalars {
            let lowered = FeatureHashing.lowercase(scalar)
            view.append(lowered >= 0x30 && lowered <= 0x39 ? "0" : Unicode.Scalar(lowered) ?? scalar)
        }
        return String(view)
    }

    public func learn(texts: [String]) -> Result {
        // 1. Tokens and counts.
        var documents: [[String]] = []
        var counts: [String: Int] = [:]
        var tokenCount = 0
        for text in texts {
            let scalars = Array(text.unicodeScalars)
            let words = TaggerTokenizer.tokenize(scalars).map { Self.normalizedWord(scalars[$0.range]) }
            tokenCount += words.count
            for word in words { counts[word, default: 0] += 1 }
            documents.append(words)
        }
        let ranked = counts.filter { $0.value >= minCount }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        let vocabulary = ranked.prefix(maxWords).map(\.key)
        let wordIndex = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
        let contextCount = min(contextWords, vocabulary.count)

        // 2. Left/right context counts over the frequent context words, PPMI, random projection.
        var cooccurrence = [[Int32: Float]](repeating: [:], count: vocabulary.count)
        var contextTotals = [Float](repeating: 0, count: contextCount * 2)
        var total: Float = 0
        for words in documents {
            let ids = words.map { wordIndex[$0] ?? -1 }
            for (position, id) in ids.enumerated() where id >= 0 {
                if position > 0, ids[position - 1] >= 0, ids[position - 1] < contextCount {
                    cooccurrence[id][Int32(ids[position - 1]), default: 0] += 1
                    contextTotals[ids[position - 1]] += 1
                    total += 1
                }
                if position + 1 < ids.count, ids[position + 1] >= 0, ids[position + 1] < contextCount {
                    let context = contextCount + ids[position + 1]
                    cooccurrence[id][Int32(context), default: 0] += 1
                    contextTotals[context] += 1
                    total += 1
                }
            }
        }
        var generator = SeededGenerator(seed: seed)
        let projection = (0..<(contextCount * 2 * dimensions)).map { _ in Float(Int(generator.next() % 2001) - 1000) / 1000 }
        var vectors = [Float](repeating: 0, count: vocabulary.count * dimensions)
        for (id, contexts) in cooccurrence.enumerated() {
            let wordTotal = contexts.values.reduce(0, +)
            guard wordTotal > 0 else { continue }
            for (context, count) in contexts {
                let pmi = log(count * total / (wordTotal * contextTotals[Int(context)]))
                guard pmi > 0 else { continue }
                let base = Int(context) * dimensions
                for dimension in 0..<dimensions { vectors[id * dimensions + dimension] += pmi * projection[base + dimension] }
            }
            Self.normalize(&vectors, row: id, dimensions: dimensions)
        }

        // 3. Recursive spherical 2-means.
        var paths = [String](repeating: "", count: vocabulary.count)
        var pending: [[Int]] = [Array(vocabulary.indices)]
        for _ in 0..<depth {
            var next: [[Int]] = []
            for group in pending where group.count >= 2 {
                let (left, right) = split(group, vectors: vectors, generator: &generator)
                guard !left.isEmpty, !right.isEmpty else { continue }
                for id in left { paths[id] += "0" }
                for id in right { paths[id] += "1" }
                next.append(left)
                next.append(right)
            }
            pending = next
        }
        return Result(words: vocabulary.indices.compactMap { paths[$0].isEmpty ? nil : (vocabulary[$0], paths[$0]) }, tokenCount: tokenCount)
    }

    private func split(_ group: [Int], vectors: [Float], generator: inout SeededGenerator) -> ([Int], [Int]) {
        let d = dimensions
        let first = group[Int(generator.next() % UInt64(group.count))]
        var a = Array(vectors[(first * d)..<(first * d + d)])
        // Second centroid: the member least similar to the first.
        var farthest = group[0], lowest = Float.infinity
        for id in group {
            let similarity = Self.dot(vectors, id * d, a, d)
            if similarity < lowest { lowest = similarity; farthest = id }
        }
        var b = Array(vectors[(farthest * d)..<(farthest * d + d)])
        var left: [Int] = [], right: [Int] = []
        for _ in 0..<iterations {
            left.removeAll(keepingCapacity: true)
            right.removeAll(keepingCapacity: true)
            var sumA = [Float](repeating: 0, count: d), sumB = [Float](repeating: 0, count: d)
            for id in group {
                if Self.dot(vectors, id * d, a, d) >= Self.dot(vectors, id * d, b, d) {
                    left.append(id)
                    for k in 0..<d { sumA[k] += vectors[id * d + k] }
                } else {
                    right.append(id)
                    for k in 0..<d { sumB[k] += vectors[id * d + k] }
                }
            }
            if left.isEmpty || right.isEmpty { break }
            a = sumA
            b = sumB
            Self.normalize(&a, row: 0, dimensions: d)
            Self.normalize(&b, row: 0, dimensions: d)
        }
        if left.isEmpty || right.isEmpty {  // identical vectors (e.g. all-zero): split evenly by frequency rank
            let half = group.count / 2
            return (Array(group[..<half]), Array(group[half...]))
        }
        return (left, right)
    }

    private static func dot(_ vectors: [Float], _ offset: Int, _ centroid: [Float], _ d: Int) -> Float {
        var sum: Float = 0
        for k in 0..<d { sum += vectors[offset + k] * centroid[k] }
        return sum
    }

    private static func normalize(_ vectors: inout [Float], row: Int, dimensions: Int) {
        var norm: Float = 0
        for k in 0..<dimensions { norm += vectors[row * dimensions + k] * vectors[row * dimensions + k] }
        guard norm > 0 else { return }
        let scale = 1 / norm.squareRoot()
        for k in 0..<dimensions { vectors[row * dimensions + k] *= scale }
    }

    /// The resource file: a comment header, then `word<TAB>path` lines.
    public static func tsv(_ result: Result, description: String) -> String {
        var lines = ["# NoteGate tagger word clusters: \(description)", "# \(result.words.count) words from \(result.tokenCount) tokens"]
        for (word, path) in result.words where !word.contains("\t") && !word.contains("\n") { lines.append("\(word)\t\(path)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
