/// What a model file says about how it was made.
public struct TaggerModelMetadata: Sendable, Hashable, Codable {
    /// SHA-like fingerprint (FNV-1a 64, hex) of the training documents' text and spans.
    public var trainingDataHash: String = ""
    public var trainingDocuments: Int = 0
    public var trainingTokens: Int = 0
    public var epochsRun: Int = 0
    public var bestEpoch: Int = 0
    public var seed: UInt64 = 0
    public var devScores: Scores?
    public var devScoresPerLabel: [String: Scores] = [:]
    public var tokenizerVersion: Int = TaggerTokenizer.version
    public var clusterCount: Int = 0
    public var lexiconTerms: Int = 0
    /// Median emission margin of the entities found on dev; scales `TaggerModel` confidence scores.
    public var marginScale: Float = 0
    public var createdBy: String = "NoteGate"

    public init() {}
}
