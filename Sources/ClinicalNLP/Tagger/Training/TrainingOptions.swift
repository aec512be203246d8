/// Supplies section and dictionary context for a text's tokens (nil = none). Must be the same at training and
/// tagging time for those features to mean anything.
public typealias TokenContextProvider = @Sendable (_ scalars: [Unicode.Scalar], _ tokens: [TaggerToken]) -> TokenContext

/// Settings of one training run.
public struct TrainingOptions: Sendable {
    public var maxEpochs: Int = 20
    /// Stop after this many epochs without a better dev F1.
    public var patience: Int = 4
    public var seed: UInt64 = 1
    public var featureSet = FeatureSet()
    public var clusters: WordClusters = .empty
    public var context: TokenContextProvider?
    /// Worker threads for feature extraction and dev scoring (the perceptron updates themselves are sequential,
    /// which keeps training deterministic).
    public var threads: Int = 2

    public init() {}
}

/// Reported after every chunk of training sequences and after every epoch's dev scoring.
public struct TrainingProgress: Sendable {
    public var epoch: Int
    public var maxEpochs: Int
    public var sequencesDone: Int
    public var sequencesTotal: Int
    /// Set once the epoch is scored on dev.
    public var devF1: Double?
    public var bestDevF1: Double
    public var mistakes: Int
}
