/// What the pipeline needs from an assertion engine. `AssertionAnalyzer` (ConText, in `Assertion/`) conforms;
/// tests can pass a double. Ranges are Unicode-scalar offsets into the whole note.
public protocol AssertionAnalyzing: Sendable {
    func analyze(text: [Unicode.Scalar], sentence: Range<Int>, targets: [Range<Int>],
                 section: SectionCategory?) -> [Assertion]
}

extension AssertionAnalyzer: AssertionAnalyzing {}
