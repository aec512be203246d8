import ArgumentParser
import ClinicalNLP
import Foundation

/// `notegate learn-clusters`: learns the tagger's word clusters from unlabeled notes (see `ClusterLearner`).
/// `scripts/build-tagger-clusters.sh` runs the same code to rebuild the bundled resource.
struct LearnClustersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn-clusters",
        abstract: "Learn hierarchical word clusters for the tagger from unlabeled text (JSONL or plain text).")

    @Option(help: "Unlabeled text: JSONL (one object per line) or one document per line.") var input: String
    @Option(help: "JSON field holding the text.") var field = "transcription"
    @Option(help: "Output TSV (word<TAB>bit path).") var output: String
    @Option(help: "Minimum word frequency.") var minCount = 5
    @Option(help: "Maximum number of words.") var maxWords = 20_000
    @Option(help: "Depth of the cluster tree (bits per path).") var depth = 16
    @Option(help: "Random seed.") var seed: UInt64 = 1

    func run() throws {
        let texts = try UnlabeledText.read(path: input, field: field)
        var learner = ClusterLearner()
        learner.minCount = minCount
        learner.maxWords = maxWords
        learner.depth = max(1, min(depth, 30))
        learner.seed = seed
        let result = learner.learn(texts: texts)
        let description = "\((input as NSString).lastPathComponent) field \(field), min-count \(minCount), max-words \(maxWords), depth \(learner.depth), seed \(seed)"
        try ClusterLearner.tsv(result, description: description).write(toFile: output, atomically: true, encoding: .utf8)
        print("\(result.words.count) words from \(texts.count) texts (\(result.tokenCount) tokens) written to \(output)")
    }
}
