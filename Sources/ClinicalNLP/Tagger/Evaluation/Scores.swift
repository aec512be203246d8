/// Precision, recall and F1 with the counts they came from.
public struct Scores: Sendable, Hashable, Codable {
    public var precision: Double
    public var recall: Double
    public var f1: Double
    public var truePositives: Int
    public var predicted: Int
    public var gold: Int

    public init(truePositives: Int, predicted: Int, gold: Int) {
        self.truePositives = truePositives
        self.predicted = predicted
        self.gold = gold
        precision = predicted == 0 ? 0 : Double(truePositives) / Double(predicted)
        recall = gold == 0 ? 0 : Double(truePositives) / Double(gold)
        f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
    }

    /// Macro average: the unweighted mean of each label's precision, recall and F1 (counts are summed).
    public init(macroOf scores: [Scores]) {
        let count = Double(max(scores.count, 1))
        truePositives = scores.reduce(0) { $0 + $1.truePositives }
        predicted = scores.reduce(0) { $0 + $1.predicted }
        gold = scores.reduce(0) { $0 + $1.gold }
        precision = scores.reduce(0) { $0 + $1.precision } / count
        recall = scores.reduce(0) { $0 + $1.recall } / count
        f1 = scores.reduce(0) { $0 + $1.f1 } / count
    }
}
