/// Finds vocabulary words within a small edit distance of a misspelt word (symmetric-delete method): every word is
/// indexed under each string obtained by deleting one character; a query looks up itself and its own one-character
/// deletions, then verifies candidates with an optimal-string-alignment distance (transpositions count as one edit).
struct TypoIndex: Sendable {
    private var variants: [String: [Int32]] = [:]
    private let words: [String]

    /// Words shorter than this are never corrected (too many neighbours).
    static let minimumLength = 4

    init(words: [String]) {
        self.words = words
        for (id, word) in words.enumerated() where word.utf8.count >= Self.minimumLength {
            let bytes = Array(word.utf8)
            guard bytes.count <= 40 else { continue }
            variants[word, default: []].append(Int32(id))
            for position in bytes.indices {
                var deleted = bytes
                deleted.remove(at: position)
                variants[String(decoding: deleted, as: UTF8.self), default: []].append(Int32(id))
            }
        }
    }

    /// Allowed edits for a word of this length: 1 up to 7 characters, 2 from 8 on.
    static func maximumDistance(length: Int) -> Int { length >= 8 ? 2 : 1 }

    /// Word ids within the allowed distance, closest first; ties keep all.
    func corrections(for word: String) -> [(id: Int32, distance: Int)] {
        let bytes = Array(word.utf8)
        guard bytes.count >= Self.minimumLength, bytes.count <= 40 else { return [] }
        let limit = Self.maximumDistance(length: bytes.count)
        var keys = [word]
        for position in bytes.indices {
            var deleted = bytes
            deleted.remove(at: position)
            keys.append(String(decoding: deleted, as: UTF8.self))
        }
        var seen = Set<Int32>()
        var found: [(id: Int32, distance: Int)] = []
        for key in keys {
            for id in variants[key] ?? [] where seen.insert(id).inserted {
                let distance = Self.distance(bytes, Array(words[Int(id)].utf8), limit: limit)
                if distance <= limit { found.append((id, distance)) }
            }
        }
        guard let best = found.map(\.distance).min() else { return [] }
        return found.filter { $0.distance == best }
    }

    /// Optimal string alignment distance, giving up (returning `limit + 1`) once it exceeds `limit`.
    static func distance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        let width = b.count + 1
        var previousPrevious = [Int](repeating: 0, count: width)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: width)
        for i in 1...max(a.count, 1) where a.count > 0 {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1..<width {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
