/// The merge without sorting every mention by the conflict order. Whether a mention is accepted depends only on
/// the accepted mentions that overlap it, so the greedy merge can run separately on each cluster of mentions
/// chained by overlaps (in start order, a cluster ends where the next start is at or past every end so far) with
/// the same answers. Nearly every cluster of a note is a single mention, accepted without any comparison. The
/// start-order sort has little to do: each detector reports in start order (the pipeline appends the abbreviations
/// after the dictionary matches), and input already in order is not sorted at all.
extension MentionMerger {
    /// Bits of the mention index in a start-order key `start << startOrderShift | index`.
    static let startOrderShift = 20

    /// `mergedIndices`, or nil when the start-order key cannot hold the mentions (a million mentions, a negative
    /// or far-out start) or a score is NaN (no strict conflict order): the caller takes the general path.
    static func clusteredMergedIndices(_ mentions: [Mention]) -> [Int]? {
        let count = mentions.count
        let indexMask: UInt64 = (1 << UInt64(startOrderShift)) - 1
        guard count <= Int(indexMask) else { return nil }
        var order = [UInt64]()
        order.reserveCapacity(count)
        var inOrder = true
        var previous: UInt64 = 0
        for index in 0..<count {
            // Fields read in place: copying a mention retains its Strings.
            let range = mentions[index].range
            guard range.lowerBound >= 0, range.lowerBound < 1 << (64 - startOrderShift),
                  !mentions[index].score.isNaN else { return nil }
            // Empty spans overlap nothing and are never accepted.
            if range.isEmpty { continue }
            let key = UInt64(range.lowerBound) << UInt64(startOrderShift) | UInt64(index)
            if key < previous { inOrder = false }
            previous = key
            order.append(key)
        }
        if !inOrder { order.sort() }
        var result = [Int]()
        result.reserveCapacity(order.count)
        var cluster = [SortKey]()
        var taken = [Range<Int>]()
        var i = 0
        while i < order.count {
            let first = Int(order[i] & indexMask)
            var end = mentions[first].range.upperBound
            var j = i + 1
            while j < order.count, Int(order[j] >> UInt64(startOrderShift)) < end {
                end = max(end, mentions[Int(order[j] & indexMask)].range.upperBound)
                j += 1
            }
            if j == i + 1 {
                result.append(first)
            } else {
                resolve(order[i..<j], mentions, into: &result, cluster: &cluster, taken: &taken)
            }
            i = j
        }
        return result
    }

    /// The greedy merge of one cluster (`members`: start-order keys), its accepted mentions appended in start
    /// order. `cluster` and `taken` are scratch arrays reused across clusters.
    private static func resolve(_ members: ArraySlice<UInt64>, _ mentions: [Mention], into result: inout [Int],
                                cluster: inout [SortKey], taken: inout [Range<Int>]) {
        let indexMask: UInt64 = (1 << UInt64(startOrderShift)) - 1
        cluster.removeAll(keepingCapacity: true)
        for key in members {
            let index = Int(key & indexMask)
            let range = mentions[index].range
            let score = mentions[index].score
            let key = SortKey(length: range.count,
                              rank: rank(ambiguous: mentions[index].ambiguous, source: mentions[index].source, score: score),
                              score: score, start: range.lowerBound, index: index)
            // Insertion sort: clusters are a few mentions.
            var position = cluster.count
            cluster.append(key)
            while position > 0, key.precedes(cluster[position - 1]) {
                cluster[position] = cluster[position - 1]
                position -= 1
            }
            cluster[position] = key
        }
        taken.removeAll(keepingCapacity: true)
        var accepted = [Int]()
        for key in cluster {
            let range = key.start..<key.start + key.length
            if taken.contains(where: { $0.overlaps(range) }) { continue }
            taken.append(range)
            accepted.append(key.index)
        }
        // Accepted spans are disjoint and non-empty: their start order is the members' order.
        for key in members where accepted.contains(Int(key & indexMask)) { result.append(Int(key & indexMask)) }
    }
}
