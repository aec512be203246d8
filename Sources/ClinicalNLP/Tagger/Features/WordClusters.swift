import Foundation

/// Hierarchical word clusters: each known word (lower-cased) has a bit-string path in a binary tree, so prefixes of
/// the path are clusters at several granularities. Learned from unlabeled notes by `ClusterLearner`; looked up by
/// the same 64-bit hash the features use, so tagging never builds strings.
public struct WordClusters: Sendable, Equatable {
    public struct Path: Sendable, Equatable, Hashable {
        public var bits: UInt32
        public var length: UInt8
        public init(bits: UInt32, length: UInt8) { self.bits = bits; self.length = length }

        /// The first `count` bits as a number (count ≤ length).
        public func prefix(_ count: Int) -> UInt32 {
            let take = min(count, Int(length))
            return take == 0 ? 0 : bits >> UInt32(Int(length) - take)
        }

        public var string: String {
            (0..<Int(length)).map { (bits >> UInt32(Int(length) - 1 - $0)) & 1 == 1 ? "1" : "0" }.joined()
        }
    }

    public private(set) var paths: [UInt64: Path]

    public init(paths: [UInt64: Path] = [:]) { self.paths = paths }

    public static let empty = WordClusters()
    public var isEmpty: Bool { paths.isEmpty }
    public var count: Int { paths.count }

    /// Words with their paths, e.g. from the committed resource `tagger-clusters.tsv` (`word<TAB>0110…`).
    public init(words: [(String, String)]) {
        var paths: [UInt64: Path] = [:]
        for (word, bitString) in words where bitString.count <= 32 {
            var bits: UInt32 = 0
            for character in bitString { bits = bits << 1 | (character == "1" ? 1 : 0) }
            paths[Self.key(word)] = Path(bits: bits, length: UInt8(bitString.count))
        }
        self.paths = paths
    }

    /// Lookup key: the lower-cased word with digits folded to `0`, hashed as the feature extractor hashes it.
    static func key(_ word: String) -> UInt64 {
        var hash = FeatureHashing.offsetBasis
        for scalar in word.unicodeScalars {
            let lowered = FeatureHashing.lowercase(scalar)
            hash = FeatureHashing.fnv(hash, lowered >= 0x30 && lowered <= 0x39 ? 0x30 : lowered)
        }
        return hash
    }

    public static func parse(tsv: String) -> WordClusters {
        var words: [(String, String)] = []
        for line in tsv.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            if fields.count >= 2 { words.append((String(fields[0]), String(fields[1]))) }
        }
        return WordClusters(words: words)
    }

    /// The clusters shipped with NoteGate (learned from MTSamples), or empty when the resource is missing.
    public static func bundled() -> WordClusters {
        guard let url = Bundle.module.url(forResource: "tagger-clusters", withExtension: "tsv", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "tagger-clusters", withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return .empty }
        return parse(tsv: text)
    }

    @inline(__always)
    func path(forLowerHash hash: UInt64) -> Path? { paths[hash] }
}
