/// Runs a model over annotated documents and scores it.
public enum TaggerEvaluation {
    public static func predict(model: TaggerModel, documents: [AnnotatedDocument], context: TokenContextProvider? = nil,
                               threads: Int = 1) -> [[AnnotatedSpan]] {
        ParallelMap.map(documents, threads: threads) { document in
            let scalars = document.scalars
            let provider: ((_ tokens: [TaggerToken]) -> TokenContext)? = context.map { context in { context(scalars, $0) } }
            return model.predict(scalars: scalars, context: provider).map { AnnotatedSpan(range: $0.range, label: $0.label) }
        }
    }

    public static func evaluate(model: TaggerModel, documents: [AnnotatedDocument], context: TokenContextProvider? = nil,
                                threads: Int = 1) -> EvaluationReport {
        EntityEvaluator.evaluate(gold: documents, predictions: predict(model: model, documents: documents, context: context, threads: threads))
    }

    /// Gold labels the model cannot produce make its scores meaningless: refuse them, naming file and line.
    public static func checkLabels(_ documents: [AnnotatedDocument], model: TaggerModel) throws {
        let known = Set(model.tagSet.labels)
        for document in documents {
            if let entity = document.entities.first(where: { !known.contains($0.label) }) {
                throw CorpusReadError(.unknownLabel, file: document.source, line: document.line,
                    "label \"\(entity.label)\" is not one the model was trained on (\(model.tagSet.labels.joined(separator: ", "))); map it with --label-map")
            }
        }
    }
}
