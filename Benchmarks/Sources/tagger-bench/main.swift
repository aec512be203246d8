// Trains the NoteGate tagger on a corpus, scores it on test and measures tagging speed (one thread).
// Usage: tagger-bench --train F --dev F --test F [--label-map A=B,...] [--epochs N] [--seed S]
//                     [--clusters TSV] [--threads N] [--hash-bits N] [--model OUT]
import ClinicalNLP
import Foundation

func argument(_ name: String) -> String? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

// `tagger-bench learn-clusters --input mtsamples.jsonl --output FILE`: the cluster tool, in a fast-to-build binary.
if CommandLine.arguments.dropFirst().first == "learn-clusters" {
    guard let input = argument("--input"), let output = argument("--output") else { exit(2) }
    do {
        let start = DispatchTime.now()
        let texts = try UnlabeledText.read(path: input, field: argument("--field") ?? "transcription")
        var learner = ClusterLearner()
        learner.minCount = Int(argument("--min-count") ?? "") ?? learner.minCount
        learner.maxWords = Int(argument("--max-words") ?? "") ?? learner.maxWords
        learner.depth = Int(argument("--depth") ?? "") ?? learner.depth
        learner.seed = UInt64(argument("--seed") ?? "") ?? learner.seed
        let result = learner.learn(texts: texts)
        let description = "\((input as NSString).lastPathComponent), min-count \(learner.minCount), max-words \(learner.maxWords), depth \(learner.depth), seed \(learner.seed)"
        try ClusterLearner.tsv(result, description: description).write(toFile: output, atomically: true, encoding: .utf8)
        print("\(result.words.count) words from \(result.tokenCount) tokens in \(String(format: "%.1f", seconds(since: start))) s -> \(output)")
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("tagger-bench: \(error)\n".utf8))
        exit(1)
    }
}

guard let trainPath = argument("--train"), let devPath = argument("--dev"), let testPath = argument("--test") else {
    FileHandle.standardError.write(Data("usage: tagger-bench --train F --dev F --test F [--label-map A=B] [--epochs N]\n".utf8))
    exit(2)
}
let labelMap = CorpusReader.parseLabelMap(argument("--label-map") ?? "")
do {
    let loadStart = DispatchTime.now()
    let train = try CorpusReader.read(path: trainPath, labelMap: labelMap)
    let dev = try CorpusReader.read(path: devPath, labelMap: labelMap)
    let test = try CorpusReader.read(path: testPath, labelMap: labelMap)
    print("read \(train.count)/\(dev.count)/\(test.count) documents in \(String(format: "%.2f", seconds(since: loadStart))) s")

    var options = TrainingOptions()
    options.maxEpochs = Int(argument("--epochs") ?? "") ?? 20
    options.seed = UInt64(argument("--seed") ?? "") ?? 1
    options.threads = Int(argument("--threads") ?? "") ?? 2
    if let bits = Int(argument("--hash-bits") ?? "") { options.featureSet.hashBits = bits }
    if let window = Int(argument("--window") ?? "") { options.featureSet.window = window }
    if argument("--no-abbreviations") != nil { options.featureSet.useAbbreviations = false }
    if let patience = Int(argument("--patience") ?? "") { options.patience = patience }
    if let clusterPath = argument("--clusters") {
        options.clusters = WordClusters.parse(tsv: try String(contentsOfFile: clusterPath, encoding: .utf8))
    } else if argument("--no-clusters") == nil {
        options.clusters = WordClusters.bundled()
    }
    options.featureSet.useClusters = !options.clusters.isEmpty
    print("clusters: \(options.clusters.count) words")
    // The same section/dictionary context as `notegate train` (sections always, dictionary with --lexicon).
    options.context = try TaggerSetup.contextProvider(featureSet: &options.featureSet, lexiconPath: argument("--lexicon"))

    let trainStart = DispatchTime.now()
    let result = PerceptronTrainer(options: options).train(train, dev: dev) { progress in
        if let f1 = progress.devF1 {
            print(String(format: "epoch %d: mistakes %d dev F1 %.4f (best %.4f) at %.1f s", progress.epoch, progress.mistakes, f1,
                         progress.bestDevF1, seconds(since: trainStart)))
        }
    }
    let trainSeconds = seconds(since: trainStart)
    print(result.alignment.summary)
    print(String(format: "training: %.1f s, best epoch %d of %d, dev F1 %.4f", trainSeconds, result.model.metadata.bestEpoch,
                 result.model.metadata.epochsRun, result.devReport.micro.f1))

    let report = TaggerEvaluation.evaluate(model: result.model, documents: test, context: options.context, threads: 1)
    print(String(format: "test exact: P %.4f R %.4f F1 %.4f | partial F1 %.4f", report.micro.precision, report.micro.recall,
                 report.micro.f1, report.partial.f1))
    for (label, scores) in report.perLabel.sorted(by: { $0.key < $1.key }) {
        print(String(format: "  %@: P %.4f R %.4f F1 %.4f", label, scores.precision, scores.recall, scores.f1))
    }
    print("errors: \(report.errors.map { "\($0.key.rawValue)=\($0.value)" }.sorted().joined(separator: " "))")

    // Tagging speed, one thread, best of 3: tokenize + features + Viterbi + confidence over the whole test set.
    // Sections are computed outside the timed loop, as in the pipeline (`SequenceTagger` gets them from
    // `AnalyzedText`); a second figure includes running the sectionizer.
    let texts = test.map { Array($0.text.unicodeScalars) }
    let tokenCount = texts.reduce(0) { $0 + TaggerTokenizer.tokenize($1).count }
    let sectionizer = result.model.featureSet.useSections ? try Sectionizer.loadDefault() : nil
    let sections = test.map { sectionizer?.sections(in: $0.text) ?? [] }
    func timeTagging(includeSectionizer: Bool) -> Double {
        var bestSeconds = Double.infinity
        for _ in 0..<3 {
            let start = DispatchTime.now()
            var found = 0
            for (index, scalars) in texts.enumerated() {
                let noteSections = includeSectionizer ? (sectionizer?.sections(in: test[index].text) ?? []) : sections[index]
                found += result.model.predict(scalars: scalars) { tokens in
                    TaggerContext.make(tokens: tokens, sections: noteSections, dictionaryMatches: [])
                }.count
            }
            bestSeconds = min(bestSeconds, seconds(since: start))
            precondition(found > 0)
        }
        return bestSeconds
    }
    let taggerSeconds = timeTagging(includeSectionizer: false)
    let withSectionizer = timeTagging(includeSectionizer: true)
    if let modelPath = argument("--model") {
        try TaggerModelFile.write(result.model, to: modelPath)
        let size = (try FileManager.default.attributesOfItem(atPath: modelPath)[.size] as? Int) ?? 0
        print("model written to \(modelPath) (\(size / 1024) KiB)")
    }
    if argument("--perturb") != nil {
        for item in RobustnessSuite(seed: 1).run(model: result.model, documents: test, baseline: report.micro, context: options.context) {
            print(String(format: "perturb %@ (%@): F1 %.4f, drop %.4f", item.perturbation.rawValue, item.perturbation.group,
                         item.scores.f1, item.drop))
        }
    }
    print(String(format: "tagging: %d tokens in %.3f s = %.0f tokens/s (one thread; with the sectionizer %.0f tokens/s)", tokenCount,
                 taggerSeconds, Double(tokenCount) / taggerSeconds, Double(tokenCount) / withSectionizer))
} catch {
    FileHandle.standardError.write(Data("tagger-bench: \(error)\n".utf8))
    exit(1)
}
