/// Note text after character-level normalization, with a map back to the original scalar offsets.
///
/// Most normalizations replace one scalar with one scalar (curly quotes, dashes, odd spaces), so the common case
/// needs no map at all (`isOffsetPreserving`). Deletions (zero-width spaces, soft hyphens) and expansions
/// (ligatures) switch to an explicit per-scalar map.
public struct NormalizedText: Sendable {
    /// The normalized scalars the tokenizer reads.
    public let scalars: [Unicode.Scalar]
    /// Number of scalars in the original text.
    public let originalCount: Int
    /// For each normalized scalar, the original offset it came from (empty when offset-preserving).
    private let sourceStart: [Int32]
    /// For each normalized scalar, the end of the original scalar(s) it came from (empty when offset-preserving).
    private let sourceEnd: [Int32]

    init(scalars: [Unicode.Scalar], originalCount: Int, sourceStart: [Int32], sourceEnd: [Int32]) {
        self.scalars = scalars
        self.originalCount = originalCount
        self.sourceStart = sourceStart
        self.sourceEnd = sourceEnd
    }

    /// True when normalized offset `i` is original offset `i` for every `i`.
    public var isOffsetPreserving: Bool { sourceStart.isEmpty }

    /// Maps a `[start, end)` range of normalized scalars to the original text.
    @inline(__always)
    public func originalRange(_ range: Range<Int>) -> Range<Int> {
        if sourceStart.isEmpty { return range }
        if range.isEmpty {
            let position = range.lowerBound < sourceStart.count ? Int(sourceStart[range.lowerBound]) : originalCount
            return position..<position
        }
        return Int(sourceStart[range.lowerBound])..<Int(sourceEnd[range.upperBound - 1])
    }

    /// Maps an original offset to the first normalized offset at or after it.
    public func normalizedOffset(_ original: Int) -> Int {
        if sourceStart.isEmpty { return original }
        var low = 0, high = sourceStart.count
        while low < high {
            let mid = (low + high) / 2
            if Int(sourceStart[mid]) < original { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
