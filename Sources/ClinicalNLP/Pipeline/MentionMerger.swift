/// Merges mentions from several detectors into one non-overlapping list. Conflict rules, in order:
/// 1. the longer span wins (more specific: `chronic kidney disease stage 3` over `chronic kidney disease`);
/// 2. on equal length, the higher source rank wins: exact lexicon match (user/vocabulary terms) 4, resolved
///    abbreviation 3, learned tagger 2, approximate lexicon match 1, unresolved ambiguous abbreviation 0;
/// 3. then the higher score, then the earlier start.
/// A lower-ranked mention that overlaps an accepted one is dropped, except that a tagger mention with the
/// same range as an accepted dictionary mention lends nothing and is simply dropped (the dictionary mention
/// keeps its concept key).
public enum MentionMerger {
    public static func rank(_ mention: Mention) -> Int {
        rank(ambiguous: mention.ambiguous, source: mention.source, score: mention.score)
    }

    /// `rank` from the fields it reads (callers read them in place instead of copying the mention).
    @inline(__always)
    static func rank(ambiguous: Bool, source: String, score: Double) -> Int {
        if ambiguous { return 0 }
        switch source {
        case "abbreviation": return 3
        case "tagger": return 2
        default: return score >= 1 ? 4 : 1
        }
    }

    /// What the conflict order reads of a mention, computed once per mention instead of once per comparison
    /// (`rank` compares source Strings). `index` breaks the remaining ties the way the stable sort did.
    struct SortKey {
        var length: Int
        var rank: Int
        var score: Double
        var start: Int
        var index: Int

        /// The conflict order: longer, higher rank, higher score, earlier start, lower index first.
        @inline(__always)
        func precedes(_ other: SortKey) -> Bool {
            if length != other.length { return length > other.length }
            if rank != other.rank { return rank > other.rank }
            if score != other.score { return score > other.score }
            if start != other.start { return start < other.start }
            return index < other.index
        }
    }

    public static func merge(_ mentions: [Mention]) -> [Mention] {
        guard mentions.count > 1 else { return mentions }
        return mergedIndices(mentions).map { mentions[$0] }
    }

    /// Indices of the mentions `merge` keeps, in start order (the pipeline reads the kept mentions in place
    /// instead of copying them into a new array).
    static func mergedIndices(_ mentions: [Mention]) -> [Int] {
        guard mentions.count > 1 else { return Array(mentions.indices) }
        return clusteredMergedIndices(mentions) ?? generalMergedIndices(mentions)
    }

    /// `mergedIndices` for any mentions (the reference for `clusteredMergedIndices`).
    static func generalMergedIndices(_ mentions: [Mention]) -> [Int] {
        var keys = [SortKey]()
        keys.reserveCapacity(mentions.count)
        for (index, mention) in mentions.enumerated() {
            keys.append(SortKey(length: mention.range.count, rank: rank(mention), score: mention.score,
                                start: mention.range.lowerBound, index: index))
        }
        keys.sort { $0.precedes($1) }
        // Accepted ranges, kept sorted by lowerBound, with the index of their mention: accepted ranges are disjoint
        // and non-empty, so their starts are distinct and this order is the start order the result needs.
        var taken = [Range<Int>]()
        var accepted = [Int]()
        taken.reserveCapacity(mentions.count)
        accepted.reserveCapacity(mentions.count)
        for key in keys {
            let range = mentions[key.index].range
            // Binary search for the first taken range ending after mention start.
            var low = 0, high = taken.count
            while low < high {
                let mid = (low + high) / 2
                if taken[mid].lowerBound < range.upperBound { low = mid + 1 } else { high = mid }
            }
            // Taken ranges are disjoint and sorted, so only the last one starting before our end can overlap.
            if low > 0 && taken[low - 1].upperBound > range.lowerBound { continue }
            if range.isEmpty { continue }
            taken.insert(range, at: low)
            accepted.insert(key.index, at: low)
        }
        return accepted
    }
}
