/// Trains a `TaggerModel`: a structured (averaged) perceptron over BILOU tags with Viterbi decoding restricted to
/// legal transitions, early-stopped on dev F1. Deterministic for a given seed: the only randomness is the seeded
/// shuffle of training sequences, and updates are applied in that order on one thread.
public struct PerceptronTrainer: Sendable {
    public var options: TrainingOptions

    /// Section and dictionary features are switched off in the stored feature set when no context provider is
    /// given, so a model never claims inputs it did not see.
    public init(options: TrainingOptions) {
        var options = options
        if options.context == nil {
            options.featureSet.useSections = false
            options.featureSet.useDictionary = false
        }
        self.options = options
    }

    public struct Result: Sendable {
        public var model: TaggerModel
        public var alignment: AlignmentReport
        public var devReport: EvaluationReport
    }

    public func train(_ training: [AnnotatedDocument], dev: [AnnotatedDocument],
                      progress: (TrainingProgress) -> Void = { _ in }) -> Result {
        let tagSet = TagSet(labels: training.flatMap { $0.entities.map(\.label) })
        let extractor = FeatureExtractor(featureSet: options.featureSet, clusters: options.clusters)
        let prepared = PreparedDocument.prepareAll(training, tagSet: tagSet, extractor: extractor,
                                                   context: options.context, threads: options.threads)
        var alignment = AlignmentReport()
        for document in prepared { alignment.merge(document.alignment) }

        let tagCount = tagSet.count
        let size = options.featureSet.bucketCount * tagCount
        let transitionSize = (tagCount + 1) * tagCount
        var weights = [Float](repeating: 0, count: size)
        var weightSums = [Float](repeating: 0, count: size)
        var transitions = [Float](repeating: 0, count: transitionSize)
        var transitionSums = [Float](repeating: 0, count: transitionSize)
        var step: Float = 1

        var metadata = TaggerModelMetadata()
        metadata.seed = options.seed
        metadata.trainingDocuments = training.count
        metadata.trainingTokens = prepared.reduce(0) { $0 + $1.tokens.count }
        metadata.trainingDataHash = Self.fingerprint(training)
        metadata.clusterCount = options.clusters.count

        let shell = TaggerModel(tagSet: tagSet, featureSet: options.featureSet, clusters: options.clusters,
                                weights: [], transitions: [], metadata: metadata)
        var instances: [(document: Int, sequence: Range<Int>)] = []
        for (index, document) in prepared.enumerated() {
            for sequence in document.sequences where !sequence.isEmpty { instances.append((index, sequence)) }
        }

        var generator = SeededGenerator(seed: options.seed)
        var scratch = ViterbiScratch()
        var predicted = [Int]()
        var best: (f1: Double, epoch: Int, weights: [Float], transitions: [Float], report: EvaluationReport)?
        var epochsRun = 0
        for epoch in 1...max(1, options.maxEpochs) {
            epochsRun = epoch
            instances.shuffle(using: &generator)
            var mistakes = 0
            for (done, instance) in instances.enumerated() {
                let document = prepared[instance.document]
                if predicted.count < document.gold.count { predicted = [Int](repeating: 0, count: document.gold.count) }
                shell.decodeSequence(features: document.features, sequence: instance.sequence, weights: weights,
                                     transitions: transitions, scratch: &scratch, into: &predicted)
                var previousGold = tagCount, previousPredicted = tagCount
                for token in instance.sequence {
                    let gold = document.gold[token], guess = predicted[token]
                    if gold != guess {
                        mistakes += 1
                        for slot in Int(document.features.offsets[token])..<Int(document.features.offsets[token + 1]) {
                            let base = Int(document.features.indices[slot]) * tagCount
                            weights[base + gold] += 1; weightSums[base + gold] += step
                            weights[base + guess] -= 1; weightSums[base + guess] -= step
                        }
                    }
                    if gold != guess || previousGold != previousPredicted {
                        transitions[previousGold * tagCount + gold] += 1; transitionSums[previousGold * tagCount + gold] += step
                        transitions[previousPredicted * tagCount + guess] -= 1; transitionSums[previousPredicted * tagCount + guess] -= step
                    }
                    previousGold = gold
                    previousPredicted = guess
                }
                step += 1
                if done % 500 == 0 {
                    progress(TrainingProgress(epoch: epoch, maxEpochs: options.maxEpochs, sequencesDone: done,
                                              sequencesTotal: instances.count, devF1: nil, bestDevF1: best?.f1 ?? 0, mistakes: mistakes))
                }
            }
            // Averaged weights: w − (Σ step·Δ)/step.
            let averaged = zip(weights, weightSums).map { $0 - $1 / step }
            let averagedTransitions = zip(transitions, transitionSums).map { $0 - $1 / step }
            let candidate = TaggerModel(tagSet: tagSet, featureSet: options.featureSet, clusters: options.clusters,
                                        weights: averaged, transitions: averagedTransitions, metadata: metadata)
            let report = TaggerEvaluation.evaluate(model: candidate, documents: dev, context: options.context, threads: options.threads)
            if best == nil || report.micro.f1 > best!.f1 {
                best = (report.micro.f1, epoch, averaged, averagedTransitions, report)
            }
            progress(TrainingProgress(epoch: epoch, maxEpochs: options.maxEpochs, sequencesDone: instances.count,
                                      sequencesTotal: instances.count, devF1: report.micro.f1, bestDevF1: best!.f1, mistakes: mistakes))
            if mistakes == 0 || epoch - best!.epoch >= options.patience { break }
        }
        let chosen = best!
        metadata.epochsRun = epochsRun
        metadata.bestEpoch = chosen.epoch
        metadata.devScores = chosen.report.micro
        metadata.devScoresPerLabel = chosen.report.perLabel
        var model = TaggerModel(tagSet: tagSet, featureSet: options.featureSet, clusters: options.clusters,
                                weights: chosen.weights, transitions: chosen.transitions, metadata: metadata)
        model.metadata.marginScale = Self.medianMargin(model: model, documents: dev, context: options.context)
        return Result(model: model, alignment: alignment, devReport: chosen.report)
    }

    static func medianMargin(model: TaggerModel, documents: [AnnotatedDocument], context: TokenContextProvider?) -> Float {
        var margins: [Float] = []
        for document in documents.prefix(200) {
            let scalars = document.scalars
            let tokens = TaggerTokenizer.tokenize(scalars)
            let features = model.extractor.extract(scalars: scalars, tokens: tokens, context: context?(scalars, tokens))
            let tags = model.decode(features: features, sequences: TaggerTokenizer.sequences(tokens, scalars: scalars),
                                    weights: model.weights, transitions: model.transitions)
            for span in BILOUEncoder.decode(tags, tokens: tokens, tagSet: model.tagSet) {
                margins.append(model.margin(of: span.tokens, tags: tags, features: features))
            }
        }
        return margins.isEmpty ? 1 : max(margins.sorted()[margins.count / 2], 1e-3)
    }

    /// FNV-1a 64 over every document's text and spans, in order: identifies the training data in the model file.
    public static func fingerprint(_ documents: [AnnotatedDocument]) -> String {
        var hash = FeatureHashing.offsetBasis
        for document in documents {
            for scalar in document.text.unicodeScalars { hash = FeatureHashing.fnv(hash, scalar.value) }
            for entity in document.entities {
                hash = FeatureHashing.fnv(hash, UInt32(truncatingIfNeeded: entity.range.lowerBound))
                hash = FeatureHashing.fnv(hash, UInt32(truncatingIfNeeded: entity.range.upperBound))
                for scalar in entity.label.unicodeScalars { hash = FeatureHashing.fnv(hash, scalar.value) }
            }
            hash = FeatureHashing.fnv(hash, 0xFFFF_FFFF)
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
