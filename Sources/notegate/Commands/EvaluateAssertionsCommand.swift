import ArgumentParser
import ClinicalNLP
import Foundation

/// `notegate evaluate-assertions FILE.tsv`: scores the ConText analyzer on the NegEx/ConText TSV.
struct EvaluateAssertionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate-assertions",
        abstract: "Score assertion detection (negation, historical, hypothetical, experiencer) on a NegEx/ConText TSV.",
        discussion: """
            FILE has a header line 'id condition sentence negation temporality experiencer' and one tab-separated \
            row per target. A malformed row stops the run with its line number. The last output line is a JSON \
            summary.
            """)

    @Argument(help: "The annotated TSV file.")
    var file: String

    @Option(help: "A ConText rule file to use instead of the built-in rules.")
    var rules: String?

    @Flag(help: "Also print every row where a category disagrees with the gold standard (prints the sentences).")
    var showErrors = false

    func run() throws {
        // Errors (bad rule file, bad row) print as "Error: FILE:LINE: reason" and exit non-zero.
        let analyzer = try rules.map { AssertionAnalyzer(ruleSet: try ContextRuleSet(contentsOf: URL(fileURLWithPath: $0))) }
            ?? AssertionAnalyzer.loadDefault()
        let set = try AssertionEvaluationSet(contentsOf: URL(fileURLWithPath: file))
        let evaluation = AssertionEvaluation.run(set, analyzer: analyzer)
        if showErrors {
            for disagreement in evaluation.disagreements {
                let row = disagreement.row
                let predicted = disagreement.predicted
                print("line \(row.line) [\(disagreement.categories.map(\.rawValue).joined(separator: ","))] "
                      + "gold \(row.negated ? "Negated" : "Affirmed")/\(row.temporality.rawValue)/\(row.experiencer.rawValue) "
                      + "predicted neg=\(predicted.negated) hist=\(predicted.historical) hyp=\(predicted.hypothetical) "
                      + "exp=\(predicted.experiencer.rawValue) | \(row.condition) || \(row.sentence)")
            }
        }
        print("rows: \(evaluation.rows)")
        for line in evaluation.summaryLines { print(line) }
        print(evaluation.jsonSummary)
    }
}
