/// Scores an `AssertionAnalyzer` on the NegEx/ConText set: each row's sentence is analysed as one sentence with no
/// section (as the peer figures were computed), the target found by `EvaluationTargetLocator`.
public struct AssertionEvaluation: Sendable {
    /// The scored categories, in report order, with the positive (non-default) gold value each one measures.
    public enum Category: String, Sendable, CaseIterable {
        case negation, historical, hypothetical, experiencer
    }

    /// A row where at least one category disagrees with the gold standard.
    public struct Disagreement: Sendable {
        public var row: AssertionEvaluationRow
        public var target: Range<Int>
        public var predicted: Assertion
        public var categories: [Category]
    }

    public var rows = 0
    public var scores: [Category: BinaryScore] = Dictionary(uniqueKeysWithValues: Category.allCases.map { ($0, BinaryScore()) })
    /// How many targets each rule of the locator found.
    public var locatorRules: [EvaluationTargetLocator.Rule: Int] = [:]
    public var disagreements: [Disagreement] = []

    public init() {}

    public static func run(_ set: AssertionEvaluationSet, analyzer: AssertionAnalyzer) -> AssertionEvaluation {
        var evaluation = AssertionEvaluation()
        for row in set.rows {
            let scalars = Array(row.sentence.unicodeScalars)
            let (target, rule) = EvaluationTargetLocator.locate(condition: row.condition, in: scalars)
            let predicted = analyzer.analyze(text: scalars, sentence: 0..<scalars.count, targets: [target],
                                             section: nil)[0]
            evaluation.record(row, target: target, locatedBy: rule, predicted: predicted)
        }
        return evaluation
    }

    mutating func record(_ row: AssertionEvaluationRow, target: Range<Int>, locatedBy rule: EvaluationTargetLocator.Rule,
                         predicted: Assertion) {
        rows += 1
        locatorRules[rule, default: 0] += 1
        let pairs: [(Category, Bool, Bool)] = [
            (.negation, row.negated, predicted.negated),
            (.historical, row.temporality == .historical, predicted.historical),
            (.hypothetical, row.temporality == .notParticular, predicted.hypothetical),
            (.experiencer, row.experiencer != .patient, predicted.experiencer != .patient),
        ]
        var wrong: [Category] = []
        for (category, gold, guess) in pairs {
            scores[category]!.add(gold: gold, predicted: guess)
            if gold != guess { wrong.append(category) }
        }
        if !wrong.isEmpty {
            disagreements.append(Disagreement(row: row, target: target, predicted: predicted, categories: wrong))
        }
    }

    public func score(_ category: Category) -> BinaryScore { scores[category] ?? BinaryScore() }

    /// One line per category for people.
    public var summaryLines: [String] {
        Category.allCases.map { category in
            let score = score(category)
            return "\(category.rawValue): accuracy \(Self.format(score.accuracy)) precision \(Self.format(score.precision)) "
                + "recall \(Self.format(score.recall)) f1 \(Self.format(score.f1)) "
                + "(tp \(score.truePositives) fp \(score.falsePositives) fn \(score.falseNegatives) tn \(score.trueNegatives))"
        }
    }

    /// `{"rows": N, "negation": {"accuracy", "precision", "recall", "f1"}, "historical": ..., "hypothetical": ...,
    /// "experiencer": ...}` on one line, keys in this order.
    public var jsonSummary: String {
        let parts = Category.allCases.map { category in
            let score = score(category)
            return "\"\(category.rawValue)\": {\"accuracy\": \(Self.format(score.accuracy)), "
                + "\"precision\": \(Self.format(score.precision)), \"recall\": \(Self.format(score.recall)), "
                + "\"f1\": \(Self.format(score.f1))}"
        }
        return "{\"rows\": \(rows), " + parts.joined(separator: ", ") + "}"
    }

    /// Four decimals, always with a leading digit, valid as a JSON number.
    static func format(_ value: Double) -> String {
        let scaled = Int((value * 10_000).rounded())
        let whole = scaled / 10_000
        let fraction = scaled % 10_000
        let digits = String(fraction)
        return "\(whole)." + String(repeating: "0", count: 4 - digits.count) + digits
    }
}
