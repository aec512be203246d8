import ArgumentParser
import ClinicalNLP
import Foundation

/// `notegate evaluate`: entity-level scores of a tagger model on an annotated corpus, with an error breakdown and,
/// with `--perturb`, the robustness suite.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a tagger model: exact and partial P/R/F1 per label, micro and macro, error breakdown.",
        discussion: """
            The last stdout line is one JSON object: {"micro", "macro", "per_label", "partial", "errors"} (plus \
            "robustness" with --perturb). --errors writes one JSON line per error (kind, gold and predicted spans \
            and text, context); it contains note text, so treat it like the corpus.
            """)

    @Option(help: "Model file written by `notegate train`.") var model: String
    @Option(help: "Annotated corpus to score on.") var data: String
    @Option(help: "Write error examples (JSON lines) to this file.") var errors: String?
    @Flag(help: "Also run the robustness suite (formatting, noise, boundary stress) and report each F1 drop.") var perturb = false
    @Option(help: "Corpus format: jsonl, doccano, pubtator or brat (default: from the file name).") var format: String?
    @Option(help: "Rename labels while reading, e.g. SpecificDisease=Disease.") var labelMap: String?
    @Option(help: "The term file the model was trained with (models with dictionary features need it).") var lexicon: String?
    @Option(help: "Seed of the perturbations.") var seed: UInt64 = 1
    @Option(help: "Threads for tagging.") var threads = 2

    func run() throws {
        let tagger = try TaggerModelFile.read(path: model)
        let documents = try CorpusReader.read(path: data, format: try TaggerCommandSupport.format(format),
                                              labelMap: CorpusReader.parseLabelMap(labelMap ?? ""))
        try TaggerEvaluation.checkLabels(documents, model: tagger)
        let context = try TaggerSetup.contextProvider(for: tagger, lexiconPath: lexicon)
        let workers = max(1, min(threads, 2))
        let report = TaggerEvaluation.evaluate(model: tagger, documents: documents, context: context, threads: workers)

        print("documents: \(documents.count), gold entities: \(report.micro.gold), predicted: \(report.micro.predicted)")
        print(String(format: "exact   micro P %.4f R %.4f F1 %.4f | macro P %.4f R %.4f F1 %.4f", report.micro.precision,
                     report.micro.recall, report.micro.f1, report.macro.precision, report.macro.recall, report.macro.f1))
        print(String(format: "partial micro P %.4f R %.4f F1 %.4f", report.partial.precision, report.partial.recall, report.partial.f1))
        for (label, scores) in report.perLabel.sorted(by: { $0.key < $1.key }) {
            print(String(format: "  %@ P %.4f R %.4f F1 %.4f (gold %d)", label, scores.precision, scores.recall, scores.f1, scores.gold))
        }
        print("errors: " + EvaluationReport.ErrorKind.allCases.map { "\($0.rawValue) \(report.errors[$0] ?? 0)" }.joined(separator: ", "))
        if let errors { try writeErrors(report, to: errors) }

        var summary = report.summaryJSON()
        if perturb {
            var robustness: [String: Any] = [:]
            let results = RobustnessSuite(seed: seed).run(model: tagger, documents: documents, baseline: report.micro,
                                                          context: context, threads: workers)
            for result in results {
                print(String(format: "perturb %-14@ (%@) F1 %.4f drop %+.4f", result.perturbation.rawValue,
                             result.perturbation.group, result.scores.f1, result.drop))
                robustness[result.perturbation.rawValue] = ["group": result.perturbation.group,
                    "f1": (result.scores.f1 * 10000).rounded() / 10000, "drop": (result.drop * 10000).rounded() / 10000]
            }
            summary["robustness"] = robustness
        }
        print(try TaggerCommandSupport.jsonLine(summary))
    }

    private func writeErrors(_ report: EvaluationReport, to path: String) throws {
        var lines: [String] = []
        for example in report.examples {
            var object: [String: Any] = ["kind": example.kind.rawValue, "document": example.document, "context": example.context]
            if let gold = example.gold {
                object["gold"] = [gold.range.lowerBound, gold.range.upperBound, gold.label]
                object["gold_text"] = example.goldText ?? ""
            }
            if let predicted = example.predicted {
                object["predicted"] = [predicted.range.lowerBound, predicted.range.upperBound, predicted.label]
                object["predicted_text"] = example.predictedText ?? ""
            }
            lines.append(try TaggerCommandSupport.jsonLine(object))
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
}
