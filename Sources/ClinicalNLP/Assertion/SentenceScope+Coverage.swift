extension SentenceScope {
    /// The categories whose triggers cover the target `span` (token indices), given the cues chosen outside it.
    func categories(of span: Range<Int>, cues: UnsafeBufferPointer<AssertionAnalyzer.Cue>) -> UInt8 {
        var found: UInt8 = 0
        for cue in cues where cue.action.isTrigger {
            var pending = cue.action.categories & ~found
            while pending != 0 {
                let bit = pending & (~pending &+ 1)
                pending &= ~bit
                if covers(span, cue: cue, category: bit, cues: cues) { found |= bit }
            }
        }
        return found
    }

    /// Whether a trigger covers the target: in its direction, within its window, with no boundary and no cue that
    /// stops `category` (a termination, or a rival trigger) in between.
    private func covers(_ target: Range<Int>, cue: AssertionAnalyzer.Cue, category: UInt8,
                        cues: UnsafeBufferPointer<AssertionAnalyzer.Cue>) -> Bool {
        let kind = cue.action.kind
        if kind != .backward, target.lowerBound >= cue.end,
           words(in: cue.end..<target.lowerBound) < cue.action.window,
           !blocked(cue.end..<target.lowerBound, category: category, cues: cues) {
            return true
        }
        if kind != .forward, target.upperBound <= cue.start, !target.isEmpty,
           words(in: target.upperBound..<cue.start) < cue.action.window,
           !blocked(target.upperBound..<cue.start, category: category, cues: cues) {
            return true
        }
        return false
    }

    private func blocked(_ gap: Range<Int>, category: UInt8, cues: UnsafeBufferPointer<AssertionAnalyzer.Cue>) -> Bool {
        if hasBoundary(in: gap) { return true }
        for cue in cues where cue.action.stops & category != 0 && gap.contains(cue.start) { return true }
        return false
    }
}
