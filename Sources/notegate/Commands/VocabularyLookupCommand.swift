import ArgumentParser
import Foundation
import Terminology

/// `notegate vocabulary lookup --system URI --code C [--property P …]`: CodeSystem/$lookup.
struct VocabularyLookupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Look a code up ($lookup): prints FHIR Parameters with the OMOP properties.",
        discussion: "Exit codes: 0 found; 1 unknown code or system (the OperationOutcome is printed).")

    @Option(name: .long, help: "Code system URI, e.g. http://snomed.info/sct or https://fhir-terminology.ohdsi.org.")
    var system: String

    @Option(name: .long, help: "The code (an OMOP concept_id for the OMOP system).")
    var code: String

    @Option(name: .long, help: "Only these properties (repeatable).")
    var property: [String] = []

    @OptionGroup var options: VocabularyQueryOptions

    func run() async throws {
        try await VocabularyCommandOutput.run {
            let service = try options.openService()
            let result = try await service.lookup(LookupRequest(system: system, code: code, properties: property))
            if options.table {
                var rows = [["display", result.display], ["name", result.name], ["version", result.version ?? ""]]
                for property in result.properties { rows.append([property.code, Self.text(property.value)]) }
                for designation in result.designations { rows.append(["designation", designation.value]) }
                VocabularyCommandOutput.printTable(["property", "value"], rows)
            } else {
                VocabularyCommandOutput.printJSON(TerminologyOperations.parameters(lookup: result))
            }
        }
    }

    static func text(_ value: PropertyValue) -> String {
        switch value {
        case .string(let text), .code(let text), .date(let text): text
        case .boolean(let flag): String(flag)
        case .integer(let number): String(number)
        case .coding(let coding): "\(coding.system)|\(coding.code) \(coding.display ?? "")"
        }
    }
}
