/// Scores a model on the clean documents and on each perturbed copy; the drop is clean F1 − perturbed F1.
public struct RobustnessSuite: Sendable {
    public struct Result: Sendable {
        public var perturbation: Perturbation
        public var scores: Scores
        public var drop: Double
    }

    public var seed: UInt64
    public var perturbations: [Perturbation]

    public init(seed: UInt64 = 1, perturbations: [Perturbation] = Perturbation.allCases) {
        self.seed = seed
        self.perturbations = perturbations
    }

    public func run(model: TaggerModel, documents: [AnnotatedDocument], baseline: Scores,
                    context: TokenContextProvider? = nil, threads: Int = 1) -> [Result] {
        perturbations.map { perturbation in
            let changed = documents.map { perturbation.apply(to: $0, seed: seed) }
            let report = TaggerEvaluation.evaluate(model: model, documents: changed, context: context, threads: threads)
            return Result(perturbation: perturbation, scores: report.micro, drop: baseline.f1 - report.micro.f1)
        }
    }
}
