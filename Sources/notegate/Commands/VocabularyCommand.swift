import ArgumentParser
import FHIR
import Foundation
import Terminology

/// `notegate vocabulary …`: the OMOP vocabulary store (import, lookup, translate, search).
struct VocabularyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vocabulary",
        abstract: "Import and query the OMOP vocabulary (the embedded demo vocabulary when no --database is given).",
        subcommands: [
            VocabularyImportCommand.self, VocabularyLookupCommand.self, VocabularyTranslateCommand.self,
            VocabularySearchCommand.self,
        ])
}

/// Options every query subcommand shares.
struct VocabularyQueryOptions: ParsableArguments {
    @Option(name: .long, help: "Vocabulary database built by `vocabulary import` (default: the embedded demo vocabulary).")
    var database: String?

    @Flag(name: .long, help: "Print a table instead of FHIR JSON.")
    var table = false

    func openService() throws -> LocalTerminologyService {
        let store = try database.map { try VocabularyStore.open(path: $0) } ?? VocabularyStore.openEmbedded()
        return LocalTerminologyService(store: store)
    }
}

enum VocabularyCommandOutput {
    static func printJSON(_ element: FHIRElement) {
        FileHandle.standardOutput.write(FHIRJSON.serialize(element, pretty: true))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// Runs a query; a terminology error prints its OperationOutcome (stdout) and message (stderr), exit 1.
    static func run(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as TerminologyError {
            printJSON(error.operationOutcome.element)
            FileHandle.standardError.write(Data("notegate: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
    }

    static func printTable(_ header: [String], _ rows: [[String]]) {
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        func line(_ fields: [String]) -> String {
            zip(fields, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        var text = line(header) + "\n" + line(widths.map { String(repeating: "-", count: $0) }) + "\n"
        for row in rows { text += line(row) + "\n" }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
