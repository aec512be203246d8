extension AssertionAnalyzer {
    /// One analyzer behind a reference, for callers that reach it once per sentence: passing the box costs a
    /// single retain where the struct (a dozen arrays, sets and dictionaries) costs one per member.
    final class Shared: Sendable {
        let analyzer: AssertionAnalyzer

        init(_ analyzer: AssertionAnalyzer) {
            self.analyzer = analyzer
        }
    }
}
