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
        if mention.ambiguous { return 0 }
        switch mention.source {
        case "abbreviation": return 3
        case "tagger": return 2
        default: return mention.score >= 1 ? 4 : 1
        }
    }

    public static func merge(_ mentions: [Mention]) -> [Mention] {
        guard mentions.count > 1 else { return mentions }
        let ordered = mentions.sorted { a, b in
            if a.range.count != b.range.count { return a.range.count > b.range.count }
            let ra = rank(a), rb = rank(b)
            if ra != rb { return ra > rb }
            if a.score != b.score { return a.score > b.score }
            return a.range.lowerBound < b.range.lowerBound
        }
        var accepted = [Mention]()
        accepted.reserveCapacity(mentions.count)
        var taken = [Range<Int>]()  // kept sorted by lowerBound
        for mention in ordered {
            // Binary search for the first taken range ending after mention start.
            var low = 0, high = taken.count
            while low < high {
                let mid = (low + high) / 2
                if taken[mid].lowerBound < mention.range.upperBound { low = mid + 1 } else { high = mid }
            }
            // Taken ranges are disjoint and sorted, so only the last one starting before our end can overlap.
            if low > 0 && taken[low - 1].upperBound > mention.range.lowerBound { continue }
            if mention.range.isEmpty { continue }
            taken.insert(mention.range, at: low)
            accepted.append(mention)
        }
        return accepted.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }
}
