/// A token as the tagger sees it: a scalar range plus whether whitespace (and a line break) came before it.
/// Kept separate from the pipeline's `Token` because a model must tokenize exactly as it was trained.
public struct TaggerToken: Sendable, Hashable {
    public var range: Range<Int>
    /// No whitespace between this token and the previous one (e.g. `methyldopa` in `alpha-methyldopa`).
    public var attachedToPrevious: Bool
    /// A line break occurs between the previous token and this one.
    public var startsLine: Bool
    /// A blank line (two or more line breaks) occurs between the previous token and this one.
    public var startsParagraph: Bool

    public init(range: Range<Int>, attachedToPrevious: Bool, startsLine: Bool, startsParagraph: Bool = false) {
        self.range = range
        self.attachedToPrevious = attachedToPrevious
        self.startsLine = startsLine
        self.startsParagraph = startsParagraph
    }
}
