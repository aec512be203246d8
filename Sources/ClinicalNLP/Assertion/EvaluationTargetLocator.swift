/// Finds a row's target condition inside its sentence with the rule of the NegEx data README (the same rule the
/// peer figures used): the first of (1) the upper-cased condition, exactly; (2) the condition, case-insensitively;
/// (3) its words with any whitespace between, case-insensitively; (4) the longest common substring,
/// case-insensitively, if at least 3 scalars long; (5) the whole sentence. Whitespace is trimmed from the condition
/// and from the span. Offsets are Unicode scalars.
public enum EvaluationTargetLocator {
    public enum Rule: Int, Sendable, CaseIterable {
        case upperCaseExact = 1, caseInsensitive, flexibleWhitespace, longestCommonSubstring, wholeSentence
    }

    public static func locate(condition: String, in sentence: [Unicode.Scalar]) -> (range: Range<Int>, rule: Rule) {
        let condition = Array(condition.unicodeScalars).trimmingSpaces()
        let lowerSentence = sentence.map(lowered)
        let lowerCondition = condition.map(lowered)
        if !condition.isEmpty {
            if let start = firstIndex(of: condition.map(uppered), in: sentence) {
                return (trim(start..<start + condition.count, in: sentence), .upperCaseExact)
            }
            if let start = firstIndex(of: lowerCondition, in: lowerSentence) {
                return (trim(start..<start + condition.count, in: sentence), .caseInsensitive)
            }
            if let range = flexibleWhitespaceMatch(lowerCondition, in: lowerSentence) {
                return (trim(range, in: sentence), .flexibleWhitespace)
            }
            if let range = longestCommonSubstring(lowerCondition, lowerSentence), range.count >= 3 {
                return (trim(range, in: sentence), .longestCommonSubstring)
            }
        }
        return (trim(0..<sentence.count, in: sentence), .wholeSentence)
    }

    private static func lowered(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.value < 0x80 {
            return (scalar.value >= 0x41 && scalar.value <= 0x5A) ? Unicode.Scalar(scalar.value + 0x20)! : scalar
        }
        let mapping = scalar.properties.lowercaseMapping.unicodeScalars
        return mapping.count == 1 ? mapping.first! : scalar
    }

    private static func uppered(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.value < 0x80 {
            return (scalar.value >= 0x61 && scalar.value <= 0x7A) ? Unicode.Scalar(scalar.value - 0x20)! : scalar
        }
        let mapping = scalar.properties.uppercaseMapping.unicodeScalars
        return mapping.count == 1 ? mapping.first! : scalar
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace }

    private static func firstIndex(of needle: [Unicode.Scalar], in haystack: [Unicode.Scalar]) -> Int? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        outer: for start in 0...(haystack.count - needle.count) {
            for offset in needle.indices where haystack[start + offset] != needle[offset] { continue outer }
            return start
        }
        return nil
    }

    /// The condition's whitespace-separated words in order, separated by at least one whitespace scalar each.
    private static func flexibleWhitespaceMatch(_ condition: [Unicode.Scalar],
                                                in sentence: [Unicode.Scalar]) -> Range<Int>? {
        let words = condition.split(whereSeparator: isSpace).map(Array.init)
        guard let firstWord = words.first else { return nil }
        var searchFrom = 0
        while searchFrom < sentence.count {
            guard let start = firstIndex(of: firstWord, in: Array(sentence[searchFrom...])).map({ $0 + searchFrom })
            else { return nil }
            var position = start + firstWord.count
            var matched = true
            for word in words.dropFirst() {
                var gap = position
                while gap < sentence.count, isSpace(sentence[gap]) { gap += 1 }
                guard gap > position, gap + word.count <= sentence.count,
                      Array(sentence[gap..<gap + word.count]) == word else { matched = false; break }
                position = gap + word.count
            }
            if matched { return start..<position }
            searchFrom = start + 1
        }
        return nil
    }

    /// Leftmost (in the sentence) longest common substring, by dynamic programming over one row.
    private static func longestCommonSubstring(_ condition: [Unicode.Scalar],
                                               _ sentence: [Unicode.Scalar]) -> Range<Int>? {
        guard !condition.isEmpty, !sentence.isEmpty else { return nil }
        var previous = [Int](repeating: 0, count: condition.count + 1)
        var current = previous
        var bestLength = 0
        var bestEnd = 0
        for i in 1...sentence.count {
            for j in 1...condition.count {
                if sentence[i - 1] == condition[j - 1] {
                    current[j] = previous[j - 1] + 1
                    if current[j] > bestLength { bestLength = current[j]; bestEnd = i }
                } else {
                    current[j] = 0
                }
            }
            swap(&previous, &current)
        }
        return bestLength > 0 ? (bestEnd - bestLength)..<bestEnd : nil
    }

    private static func trim(_ range: Range<Int>, in sentence: [Unicode.Scalar]) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isSpace(sentence[lower]) { lower += 1 }
        while upper > lower, isSpace(sentence[upper - 1]) { upper -= 1 }
        return lower..<upper
    }
}

extension Array where Element == Unicode.Scalar {
    fileprivate func trimmingSpaces() -> [Unicode.Scalar] {
        var lower = startIndex
        var upper = endIndex
        while lower < upper, self[lower].properties.isWhitespace { lower += 1 }
        while upper > lower, self[upper - 1].properties.isWhitespace { upper -= 1 }
        return Array(self[lower..<upper])
    }
}
