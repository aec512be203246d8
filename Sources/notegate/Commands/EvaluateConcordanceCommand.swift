import ArgumentParser
import FHIR
import Foundation
import Gateway

/// `notegate evaluate-concordance BUNDLE...`: NoteGate's codes per note versus the coded resources of the bundle.
struct EvaluateConcordanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate-concordance",
        abstract: "Score emitted codes against the coded Conditions, Procedures and MedicationRequests of the same bundles.",
        discussion: """
            For each DocumentReference, recall is measured on the OMOP concepts of the coded Condition, Procedure \
            and MedicationRequest resources of the note's encounter (codes mapped through the vocabulary; codes it \
            does not know are counted apart), and precision on the concepts NoteGate emits as present, against the \
            patient's coded record up to the note's date. Prints a JSON summary. Arguments may be folders (every \
            *.json / *.xml inside).
            """)

    @Argument(help: "Bundles (Synthea transaction bundles), or folders of them.")
    var bundles: [String]

    @Option(help: "Vocabulary database (default: the embedded vocabulary).")
    var vocabulary: String?

    @Option(help: "How many missed / false-positive concepts to list.")
    var examples: Int = 25

    func run() async throws {
        var files: [String] = []
        for path in bundles {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                FHIRCommandInput.writeStandardError("error: \(path): no such file")
                throw ExitCode(2)
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += names.filter { $0.hasSuffix(".json") || $0.hasSuffix(".xml") }.sorted().map { "\(path)/\($0)" }
            } else {
                files.append(path)
            }
        }
        let engine: GatewayEngine
        do {
            engine = try GatewayEngine(configuration: GatewayConfiguration(vocabularyPath: vocabulary, noteGateVersion: NoteGateVersion.string))
        } catch {
            FHIRCommandInput.writeStandardError("error: \(error)")
            throw ExitCode(2)
        }
        let evaluator = ConcordanceEvaluator(engine: engine, exampleLimit: examples)
        var accumulator = ConcordanceEvaluator.Accumulator()
        for file in files {
            do {
                let bundle = try FHIRDocument.parse(FHIRCommandInput.read(file)).resource
                try await evaluator.evaluate(bundle: bundle, into: &accumulator)
            } catch {
                FHIRCommandInput.writeStandardError("error: \(file): \(error)")
                throw ExitCode(1)
            }
        }
        let report = evaluator.finish(accumulator)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var summary = try JSONSerialization.jsonObject(with: encoder.encode(report)) as! [String: Any]
        summary["recall"] = report.recall
        summary["precision"] = report.precision
        let data = try JSONSerialization.data(withJSONObject: summary, options: [.prettyPrinted, .sortedKeys])
        FHIRCommandInput.writeStandardOutput(data)
    }
}
