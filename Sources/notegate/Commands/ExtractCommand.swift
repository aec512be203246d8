import ArgumentParser
import FHIR
import Foundation
import Gateway

/// `notegate extract FILE|-`: DocumentReferences (alone or in a Bundle, JSON or XML) → coded resources on stdout.
struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract OMOP-coded Condition, MedicationStatement and Procedure resources from clinical notes.",
        discussion: """
            The input is a DocumentReference, a DiagnosticReport or a Bundle holding DocumentReferences, in FHIR \
            JSON or XML (detected). Problems with single documents (unsupported content type, bad base64, unknown \
            Binary reference, bad charset) are printed to standard error as an OperationOutcome while the other \
            documents are processed; with --output bundle the OperationOutcome is also the last Bundle entry.
            Exit codes: 0 every document processed; 3 some documents failed (the output holds the others); \
            1 the input is not a FHIR DocumentReference/DiagnosticReport/Bundle; 2 the input or the vocabulary \
            cannot be read.
            """)

    @Argument(help: "The input file, or - for standard input.")
    var input: String

    @Option(help: "bundle (collection, default), transaction (conditional creates), ndjson or note-nlp (OMOP NOTE_NLP TSV).")
    var output: String = "bundle"

    @Option(help: "json or xml, for the bundle outputs.")
    var format: String = "json"

    @OptionGroup var engineOptions: EngineOptions

    @Option(name: .customLong("output-dir"), help: "With --output ndjson: write <Type>.ndjson files into this folder.")
    var outputDirectory: String?

    @Option(name: .customLong("recorded-at"),
            help: "Processing time to record (Provenance.recorded, NOTE_NLP nlp_datetime), for reproducible outputs.")
    var recordedAt: String?

    @Option(name: .customLong("family-history"), help: "omit (default) or family-member-history.")
    var familyHistory: String = "omit"

    @Flag(name: .customLong("emit-hypothetical"), help: "Emit hypothetical problems as provisional Conditions.")
    var emitHypothetical = false

    @Flag(name: .customLong("no-unresolved"), help: "Leave mentions without an OMOP concept out of the FHIR output.")
    var noUnresolved = false

    @Flag(help: "Write compact JSON/XML instead of indented.")
    var compact = false

    func validate() throws {
        guard ExtractionOutputKind(rawValue: output) != nil else {
            throw ValidationError("--output must be bundle, transaction, ndjson or note-nlp, not '\(output)'")
        }
        guard format == "json" || format == "xml" else { throw ValidationError("--format must be json or xml, not '\(format)'") }
        guard EmissionOptions.FamilyHistoryMode(rawValue: familyHistory) != nil else {
            throw ValidationError("--family-history must be omit or family-member-history, not '\(familyHistory)'")
        }
        if outputDirectory != nil, output != "ndjson" { throw ValidationError("--output-dir goes with --output ndjson") }
        if let recordedAt, ISO8601DateFormatter().date(from: recordedAt) == nil {
            throw ValidationError("--recorded-at must be an instant such as 2026-01-01T00:00:00Z, not '\(recordedAt)'")
        }
    }

    func run() async throws {
        let kind = ExtractionOutputKind(rawValue: output)!
        let fhirFormat: FHIRFormat = format == "xml" ? .xml : .json
        let data: Data
        do { data = try FHIRCommandInput.read(input) } catch {
            FHIRCommandInput.writeStandardError("error: \(error)")
            throw ExitCode(2)
        }
        let resource: FHIRElement
        do { resource = try FHIRDocument.parse(data).resource } catch {
            report(error.operationOutcome, "the input is not well-formed FHIR: \(error)")
            throw ExitCode(1)
        }
        var configuration = engineOptions.configuration
        // One input and the whole machine: its documents are processed one per core.
        configuration.documentConcurrency = ProcessInfo.processInfo.activeProcessorCount
        configuration.emission.familyHistory = EmissionOptions.FamilyHistoryMode(rawValue: familyHistory)!
        configuration.emission.emitHypotheticalConditions = emitHypothetical
        configuration.emission.emitUnresolved = !noUnresolved
        let engine: GatewayEngine
        do { engine = try GatewayEngine(configuration: configuration) } catch {
            FHIRCommandInput.writeStandardError("error: \(error)")
            throw ExitCode(2)
        }
        let result: ExtractionResult
        do { result = try await engine.extract(resource, recordedAt: recordedAt) } catch {
            report(error.operationOutcome, "\(error)")
            throw ExitCode(1)
        }
        if let outputDirectory {
            do {
                let files = try NDJSONWriter.write(result.resources, to: URL(fileURLWithPath: outputDirectory))
                FHIRCommandInput.writeStandardError("wrote \(files.map(\.lastPathComponent).joined(separator: ", ")) to \(outputDirectory)")
            } catch {
                FHIRCommandInput.writeStandardError("error: cannot write to \(outputDirectory): \(error)")
                throw ExitCode(2)
            }
        } else {
            let rendered = kind.render(result, format: fhirFormat, pretty: !compact, noteNLP: engine.noteNLPWriter)
            if !rendered.isEmpty { FHIRCommandInput.writeStandardOutput(rendered) }
        }
        if let outcome = result.operationOutcome {
            report(outcome, "\(result.issues.count) issue(s) in \(result.documents.count) document(s)")
        }
        if result.hasErrors { throw ExitCode(3) }
    }

    private func report(_ outcome: OperationOutcome, _ summary: String) {
        FHIRCommandInput.writeStandardError("notegate extract: \(summary)")
        FHIRCommandInput.writeStandardError(String(decoding: FHIRJSON.serialize(outcome.element, pretty: true), as: UTF8.self))
    }
}
