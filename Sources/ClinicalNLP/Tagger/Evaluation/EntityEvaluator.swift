/// Scores predicted spans against gold spans, document by document.
public enum EntityEvaluator {
    public static let exampleLimit = 2000

    /// `predictions[i]` are the spans predicted for `gold[i]`.
    public static func evaluate(gold: [AnnotatedDocument], predictions: [[AnnotatedSpan]]) -> EvaluationReport {
        precondition(gold.count == predictions.count, "one prediction list per document")
        var exact: [String: (tp: Int, predicted: Int, gold: Int)] = [:]
        var partial: [String: (tp: Int, predicted: Int, gold: Int)] = [:]
        var errors: [EvaluationReport.ErrorKind: Int] = [:]
        var examples: [EvaluationReport.ErrorExample] = []

        for (document, predicted) in zip(gold, predictions) {
            for entity in document.entities {
                exact[entity.label, default: (0, 0, 0)].gold += 1
                partial[entity.label, default: (0, 0, 0)].gold += 1
            }
            for entity in predicted {
                exact[entity.label, default: (0, 0, 0)].predicted += 1
                partial[entity.label, default: (0, 0, 0)].predicted += 1
            }
            let goldSet = Set(document.entities)
            var remainingGold = document.entities.filter { !Set(predicted).contains($0) }
            var remainingPredicted: [AnnotatedSpan] = []
            for entity in predicted {
                if goldSet.contains(entity) { exact[entity.label]!.tp += 1 } else { remainingPredicted.append(entity) }
            }
            // Partial matching: one-to-one, same label, overlapping spans; exact matches pair first.
            var unmatchedGold = document.entities
            for entity in predicted {
                let index = unmatchedGold.firstIndex(of: entity)
                    ?? unmatchedGold.firstIndex { $0.label == entity.label && $0.range.overlaps(entity.range) }
                if let index {
                    partial[entity.label]!.tp += 1
                    unmatchedGold.remove(at: index)
                }
            }
            // Error breakdown over what exact matching left.
            func record(_ kind: EvaluationReport.ErrorKind, gold: AnnotatedSpan?, predicted: AnnotatedSpan?) {
                errors[kind, default: 0] += 1
                guard examples.count < exampleLimit else { return }
                let anchor = (gold ?? predicted)!.range
                let context = document.text(of: max(0, anchor.lowerBound - 40)..<min(document.text.unicodeScalars.count, anchor.upperBound + 40))
                examples.append(.init(kind: kind, document: document.id, gold: gold, goldText: gold.map { document.text(of: $0.range) },
                                      predicted: predicted, predictedText: predicted.map { document.text(of: $0.range) },
                                      context: context))
            }
            var spurious: [AnnotatedSpan] = []
            for entity in remainingPredicted {
                if let index = remainingGold.firstIndex(where: { $0.range == entity.range }) {
                    record(.type, gold: remainingGold.remove(at: index), predicted: entity)
                } else if let index = remainingGold.firstIndex(where: { $0.label == entity.label && $0.range.overlaps(entity.range) }) {
                    record(.boundary, gold: remainingGold.remove(at: index), predicted: entity)
                } else if let index = remainingGold.firstIndex(where: { $0.range.overlaps(entity.range) }) {
                    record(.type, gold: remainingGold.remove(at: index), predicted: entity)
                } else {
                    spurious.append(entity)
                }
            }
            for entity in spurious { record(.spurious, gold: nil, predicted: entity) }
            for entity in remainingGold { record(.missed, gold: entity, predicted: nil) }
        }

        let labels = Set(exact.keys).sorted()
        var perLabel: [String: Scores] = [:]
        var partialPerLabel: [String: Scores] = [:]
        for label in labels {
            let counts = exact[label]!
            perLabel[label] = Scores(truePositives: counts.tp, predicted: counts.predicted, gold: counts.gold)
            let partialCounts = partial[label]!
            partialPerLabel[label] = Scores(truePositives: partialCounts.tp, predicted: partialCounts.predicted, gold: partialCounts.gold)
        }
        func sum(_ table: [String: (tp: Int, predicted: Int, gold: Int)]) -> Scores {
            Scores(truePositives: table.values.reduce(0) { $0 + $1.tp }, predicted: table.values.reduce(0) { $0 + $1.predicted },
                   gold: table.values.reduce(0) { $0 + $1.gold })
        }
        return EvaluationReport(micro: sum(exact), macro: Scores(macroOf: labels.map { perLabel[$0]! }), perLabel: perLabel,
                                partial: sum(partial), partialPerLabel: partialPerLabel, errors: errors, examples: examples)
    }
}
