/// The merge of a typical note without per-comparison structs or sorted-array inserts: when every mention has the
/// same score (always so without approximate matching) and its range is small enough, the whole conflict order
/// (longer first, higher rank, earlier start, lower index) packs into one `UInt64` that sorts with plain `<`, and
/// the accepted spans are marked in a bitmap of scalar positions instead of being kept in a sorted array.
/// Anything else (several scores, negative or far-out ranges, a million mentions) returns nil and takes the general
/// path, whose answers these are exactly.
extension MentionMerger {
    /// Field widths of the packed conflict key, high to low: `lengthLimit - length` (16 bits), `4 - rank` (3),
    /// start (25), index (20).
    static let lengthBits = 16
    static let startBits = 25
    static let indexBits = 20

    /// `mergedIndices` for mentions that fit the packed key, or nil.
    static func packedMergedIndices(_ mentions: [Mention]) -> [Int]? {
        let count = mentions.count
        guard count > 0, count < 1 << indexBits else { return nil }
        let score = mentions[0].score
        let lengthLimit = (1 << lengthBits) - 1
        var keys = [UInt64]()
        keys.reserveCapacity(count)
        var textEnd = 0
        for index in 0..<count {
            // Fields read in place: copying a mention retains its four Strings.
            let range = mentions[index].range
            guard mentions[index].score == score, range.lowerBound >= 0, range.upperBound < 1 << startBits,
                  range.count <= lengthLimit else { return nil }
            let rank = rank(ambiguous: mentions[index].ambiguous, source: mentions[index].source, score: score)
            keys.append(UInt64(lengthLimit - range.count) << (64 - lengthBits)
                | UInt64(4 - rank) << (startBits + indexBits)
                | UInt64(range.lowerBound) << indexBits
                | UInt64(index))
            textEnd = max(textEnd, range.upperBound)
        }
        keys.sort()
        let indexMask: UInt64 = (1 << indexBits) - 1
        let startMask: UInt64 = (1 << startBits) - 1
        var occupied = SpanBitmap(positions: textEnd)
        var keep = [Bool](repeating: false, count: count)
        for key in keys {
            let length = lengthLimit - Int(key >> (64 - lengthBits))
            // Empty spans are dropped (they can overlap nothing).
            guard length > 0 else { continue }
            let start = Int((key >> indexBits) & startMask)
            if occupied.claim(start..<start + length) { keep[Int(key & indexMask)] = true }
        }
        // Accepted spans are disjoint and non-empty, so their starts are distinct: (start, index) in index order is
        // nearly sorted already (detectors report in start order) and sorts into the start order.
        var kept = [UInt64]()
        kept.reserveCapacity(count)
        for index in 0..<count where keep[index] {
            kept.append(UInt64(mentions[index].range.lowerBound) << indexBits | UInt64(index))
        }
        kept.sort()
        return kept.map { Int($0 & indexMask) }
    }

    /// `rank` from the fields it reads.
    @inline(__always)
    static func rank(ambiguous: Bool, source: String, score: Double) -> Int {
        if ambiguous { return 0 }
        switch source {
        case "abbreviation": return 3
        case "tagger": return 2
        default: return score >= 1 ? 4 : 1
        }
    }
}
