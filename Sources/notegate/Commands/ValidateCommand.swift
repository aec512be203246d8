import ArgumentParser
import FHIR
import Foundation

/// `notegate validate FILE|-`: structural validation against the R4 definitions.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate a FHIR R4 resource (JSON or XML) against the R4 element definitions.",
        discussion: """
            Prints an OperationOutcome. Exit codes: 0 valid; 1 invalid (malformed JSON/XML, unknown elements, \
            cardinality, missing required elements, bad primitive values), with FHIRPath expressions and, for \
            syntax errors, line and column; 2 the input cannot be read (missing file, directory, or neither \
            JSON nor XML).
            """)

    @Argument(help: "The input file, or - for standard input.")
    var input: String

    @Option(help: "Format of the printed OperationOutcome: json or xml (default: the input's format).")
    var format: String?

    func validate() throws {
        if let format, FHIRFormat(mediaType: format) == nil {
            throw ValidationError("--format must be json or xml, not '\(format)'")
        }
    }

    func run() throws {
        let data: Data
        do {
            data = try FHIRCommandInput.read(input)
        } catch {
            FHIRCommandInput.writeStandardError("error: \(error)")
            throw ExitCode(2)
        }
        guard let detected = FHIRFormat.detect(data) else {
            FHIRCommandInput.writeStandardError("error: \(input): neither FHIR JSON nor FHIR XML")
            throw ExitCode(2)
        }
        let outputFormat = format.flatMap(FHIRFormat.init(mediaType:)) ?? detected
        let outcome: OperationOutcome
        do {
            let (resource, _) = try FHIRDocument.parse(data, format: detected)
            outcome = FHIRValidator().validate(resource)
        } catch {
            outcome = error.operationOutcome
        }
        FHIRCommandInput.writeStandardOutput(FHIRDocument.serialize(outcome.element, as: outputFormat, pretty: true))
        if outcome.hasErrors { throw ExitCode(1) }
    }
}
