/// Anything that finds mentions in analysed text: the dictionary matcher, the learned tagger, a test double.
public protocol MentionDetector: Sendable {
    func detectMentions(in text: AnalyzedText) -> [Mention]
}
