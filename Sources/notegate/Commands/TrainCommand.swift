import ArgumentParser
import ClinicalNLP
import Foundation

/// `notegate train`: trains the sequence tagger on annotated notes, early-stopping on dev F1.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the statistical entity tagger (averaged perceptron, BILOU) on annotated text.",
        discussion: """
            Corpora may be JSONL ({"text": ..., "entities": [[start, end, label], ...]}, Unicode-scalar offsets), \
            Doccano JSONL, PubTator or BRAT standoff (.txt + .ann, or a folder). Progress goes to stderr; the last \
            stdout line is a JSON summary with the dev scores.
            """)

    @Option(help: "Training corpus.") var train: String
    @Option(help: "Development corpus used for early stopping.") var dev: String
    @Option(help: "Where to write the model file.") var model: String
    @Option(help: "Maximum number of epochs.") var epochs = 20
    @Option(help: "Random seed (the shuffle of training sequences).") var seed: UInt64 = 1
    @Option(help: "Stop after this many epochs without a better dev F1.") var patience = 4
    @Option(help: "Corpus format: jsonl, doccano, pubtator or brat (default: from the file name).") var format: String?
    @Option(help: "Rename labels while reading, e.g. SpecificDisease=Disease,DiseaseClass=Disease.") var labelMap: String?
    @Option(help: "Term file (term<TAB>label[...]) for dictionary-match features; evaluation needs the same file.") var lexicon: String?
    @Option(help: "Word clusters TSV (word<TAB>bits) instead of the bundled MTSamples clusters.") var clusters: String?
    @Flag(help: "Train without word-cluster features.") var noClusters = false
    @Option(help: "log2 of the number of feature buckets.") var hashBits = 20
    @Option(help: "Threads for feature extraction and dev scoring.") var threads = 2

    func run() throws {
        let corpusFormat = try TaggerCommandSupport.format(format)
        let labels = CorpusReader.parseLabelMap(labelMap ?? "")
        let trainDocuments = try CorpusReader.read(path: train, format: corpusFormat, labelMap: labels)
        let devDocuments = try CorpusReader.read(path: dev, format: corpusFormat, labelMap: labels)
        guard trainDocuments.contains(where: { !$0.entities.isEmpty }) else {
            throw ValidationError("\(train): no annotated entities to learn from")
        }
        var options = TrainingOptions()
        options.maxEpochs = max(1, epochs)
        options.seed = seed
        options.patience = max(1, patience)
        options.threads = max(1, min(threads, 2))
        options.featureSet.hashBits = max(12, min(hashBits, 24))
        if !noClusters {
            options.clusters = try clusters.map { WordClusters.parse(tsv: try String(contentsOfFile: $0, encoding: .utf8)) }
                ?? WordClusters.bundled()
        }
        options.featureSet.useClusters = !options.clusters.isEmpty
        options.context = try TaggerSetup.contextProvider(featureSet: &options.featureSet, lexiconPath: lexicon)

        let bar = ProgressBar()
        let start = Date()
        let result = PerceptronTrainer(options: options).train(trainDocuments, dev: devDocuments) { bar.update($0) }
        bar.finish()
        TaggerCommandSupport.standardError(result.alignment.summary)
        try TaggerModelFile.write(result.model, to: model)

        let metadata = result.model.metadata
        print("model: \(model) (labels \(result.model.tagSet.labels.joined(separator: ", ")), \(metadata.trainingDocuments) documents, \(metadata.trainingTokens) tokens)")
        print(String(format: "best epoch %d of %d, dev F1 %.4f, %.1f s", metadata.bestEpoch, metadata.epochsRun,
                     result.devReport.micro.f1, Date().timeIntervalSince(start)))
        var summary = result.devReport.summaryJSON()
        summary["model"] = model
        summary["best_epoch"] = metadata.bestEpoch
        summary["epochs_run"] = metadata.epochsRun
        summary["training_data_hash"] = metadata.trainingDataHash
        summary["misaligned_entities"] = result.alignment.misalignedCount
        print(try TaggerCommandSupport.jsonLine(summary))
    }
}

/// A one-line progress bar on stderr, redrawn in place.
final class ProgressBar {
    private var lastDraw = Date.distantPast
    private let isTerminal = isatty(STDERR_FILENO) != 0

    func update(_ progress: TrainingProgress) {
        let now = Date()
        guard progress.devF1 != nil || now.timeIntervalSince(lastDraw) > 0.2 else { return }
        lastDraw = now
        let fraction = Double(progress.sequencesDone) / Double(max(1, progress.sequencesTotal))
        let width = 30
        let filled = Int(fraction * Double(width))
        var line = "epoch \(progress.epoch)/\(progress.maxEpochs) [" + String(repeating: "#", count: filled)
            + String(repeating: ".", count: width - filled) + "] " + String(format: "%3.0f%%", fraction * 100)
        if let f1 = progress.devF1 {
            line += String(format: " dev F1 %.4f (best %.4f), %d mistakes", f1, progress.bestDevF1, progress.mistakes)
        }
        if isTerminal {
            FileHandle.standardError.write(Data(("\r" + line + (progress.devF1 != nil ? "\n" : "")).utf8))
        } else if progress.devF1 != nil {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    func finish() {}
}
