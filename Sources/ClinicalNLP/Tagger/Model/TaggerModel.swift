import Foundation

/// A trained averaged-perceptron tagger: hashed emission weights, BILOU transition weights and the data needed to
/// compute the same features it was trained with (feature set, word clusters). Immutable and `Sendable`, so one
/// instance is shared by every request.
public struct TaggerModel: Sendable {
    /// Version of the model file layout; files of another version are refused.
    public static let formatVersion = 1

    public let tagSet: TagSet
    public let featureSet: FeatureSet
    public let clusters: WordClusters
    /// `featureSet.bucketCount × tagSet.count`, bucket-major: the weights of one feature are contiguous.
    public let weights: [Float]
    /// `(tagSet.count + 1) × tagSet.count`; the last row holds the start-of-sequence weights.
    public let transitions: [Float]
    public var metadata: TaggerModelMetadata

    let extractor: FeatureExtractor
    /// Legal BILOU transitions as 0 / -infinity, same layout as `transitions`; the last row is the start.
    let legal: [Float]
    let legalEnd: [Float]

    public init(tagSet: TagSet, featureSet: FeatureSet, clusters: WordClusters, weights: [Float], transitions: [Float],
                metadata: TaggerModelMetadata) {
        self.tagSet = tagSet
        self.featureSet = featureSet
        self.clusters = clusters
        self.weights = weights
        self.transitions = transitions
        self.metadata = metadata
        self.extractor = FeatureExtractor(featureSet: featureSet, clusters: clusters)
        (self.legal, self.legalEnd) = Self.legalTransitions(tagSet)
    }

    static func legalTransitions(_ tagSet: TagSet) -> ([Float], [Float]) {
        let count = tagSet.count
        var legal = [Float](repeating: 0, count: (count + 1) * count)
        for previous in 0...count {
            for next in 0..<count where !tagSet.allows(previous == count ? nil : previous, next) {
                legal[previous * count + next] = -.infinity
            }
        }
        let legalEnd = (0..<count).map { tagSet.allowsEnd($0) ? Float(0) : -.infinity }
        return (legal, legalEnd)
    }

    /// Entity spans (scalar offsets) in a text. `context` adds section and dictionary features when known.
    public func predict(scalars: [Unicode.Scalar], context: ((_ tokens: [TaggerToken]) -> TokenContext)? = nil) -> [(range: Range<Int>, label: String, score: Double)] {
        let tokens = TaggerTokenizer.tokenize(scalars)
        guard !tokens.isEmpty else { return [] }
        let features = extractor.extract(scalars: scalars, tokens: tokens, context: context?(tokens))
        let tags = decode(features: features, sequences: TaggerTokenizer.sequences(tokens, scalars: scalars),
                          weights: weights, transitions: transitions)
        return BILOUEncoder.decode(tags, tokens: tokens, tagSet: tagSet).map { span in
            (span.range, span.label, confidence(margin: margin(of: span.tokens, tags: tags, features: features)))
        }
    }

    /// Mean over a span's tokens of (score of the chosen tag − best other tag score), from emissions only.
    func margin(of span: Range<Int>, tags: [Int], features: FeatureMatrix) -> Float {
        let count = tagSet.count
        var total: Float = 0
        var scores = ContiguousArray<Float>(repeating: 0, count: count)
        for token in span {
            for tag in 0..<count { scores[tag] = 0 }
            for slot in Int(features.offsets[token])..<Int(features.offsets[token + 1]) {
                let base = Int(features.indices[slot]) * count
                for tag in 0..<count { scores[tag] += weights[base + tag] }
            }
            let chosen = scores[tags[token]]
            var other = -Float.infinity
            for tag in 0..<count where tag != tags[token] { other = max(other, scores[tag]) }
            total += chosen - other
        }
        return span.isEmpty ? 0 : total / Float(span.count)
    }

    /// A relative confidence in (0, 1): a logistic of the span margin scaled by the median margin of the spans the
    /// model found on dev (`metadata.marginScale`), so a typical dev span scores about 0.88 and spans the model
    /// barely preferred score near or below 0.5. Not a calibrated probability; used to route uncertain mentions
    /// to review.
    func confidence(margin: Float) -> Double {
        let scale = Double(metadata.marginScale > 0 ? metadata.marginScale : 1)
        return 1 / (1 + exp(-2 * Double(margin) / scale))
    }

    public func predict(text: String) -> [AnnotatedSpan] {
        predict(scalars: Array(text.unicodeScalars)).map { AnnotatedSpan(range: $0.range, label: $0.label) }
    }
}
