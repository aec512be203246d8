import ArgumentParser
import Foundation
import Terminology

/// `notegate vocabulary translate --system URI --code C [--target-system URI] [--r5]`: ConceptMap/$translate.
struct VocabularyTranslateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translate",
        abstract: "Translate a source code to its OMOP standard concept ($translate): prints FHIR Parameters.",
        discussion: """
            Exit codes: 0 translated (result true or false, as the Parameters say); 1 unknown code or system.
            """)

    @Option(name: .long, help: "Source code system URI, e.g. http://hl7.org/fhir/sid/icd-10-cm.")
    var system: String

    @Option(name: .long, help: "The source code.")
    var code: String

    @Option(name: .long, help: "Target system (default https://fhir-terminology.ohdsi.org).")
    var targetSystem: String?

    @Flag(name: .long, help: "Answer with the R5 shape (match.relationship) instead of R4 (match.equivalence).")
    var r5 = false

    @OptionGroup var options: VocabularyQueryOptions

    func run() async throws {
        try await VocabularyCommandOutput.run {
            let service = try options.openService()
            let result = try await service.translate(
                TranslateRequest(system: system, code: code, targetSystem: targetSystem))
            if options.table {
                let rows = result.matches.map {
                    [$0.relationship.rawValue, $0.concept.system, $0.concept.code, $0.concept.display ?? ""]
                }
                VocabularyCommandOutput.printTable(["relationship", "system", "code", "display"], rows)
                if let message = result.message { FileHandle.standardError.write(Data("\(message)\n".utf8)) }
            } else {
                VocabularyCommandOutput.printJSON(TerminologyOperations.parameters(translate: result, r5: r5))
            }
        }
    }
}
