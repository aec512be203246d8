import ArgumentParser
import FHIR
import Foundation

/// `notegate convert FILE|- --to json|xml [--pretty]`: FHIR JSON ⇄ XML, lossless.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a FHIR R4 resource between JSON and XML (the input format is detected).",
        discussion: """
            Writes the converted resource to standard output. Exit codes: 0 converted; 1 the input is not a \
            well-formed FHIR resource (its OperationOutcome is printed to standard error); 2 the input cannot be \
            read.
            """)

    @Argument(help: "The input file, or - for standard input.")
    var input: String

    @Option(name: .long, help: "Output format: json or xml.")
    var to: String

    @Flag(help: "Indent the output.")
    var pretty = false

    func validate() throws {
        guard FHIRFormat(mediaType: to) != nil else {
            throw ValidationError("--to must be json or xml, not '\(to)'")
        }
    }

    func run() throws {
        let target = FHIRFormat(mediaType: to) ?? .json
        let data: Data
        do {
            data = try FHIRCommandInput.read(input)
        } catch {
            FHIRCommandInput.writeStandardError("error: \(error)")
            throw ExitCode(2)
        }
        do {
            let (resource, _) = try FHIRDocument.parse(data)
            FHIRCommandInput.writeStandardOutput(FHIRDocument.serialize(resource, as: target, pretty: pretty))
        } catch {
            FHIRCommandInput.writeStandardError("error: \(error)")
            let outcome = FHIRDocument.serialize(error.operationOutcome.element, as: .json, pretty: true)
            FHIRCommandInput.writeStandardError(String(decoding: outcome, as: UTF8.self))
            throw ExitCode(1)
        }
    }
}
