import ArgumentParser
import FHIR
import Foundation
import Terminology

/// `notegate vocabulary search TEXT [--domain D …] [--limit N] [--standard]`: text search ($expand filter).
struct VocabularySearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search concepts by text: prints FHIR Parameters (one `match` per concept) or a table.")

    @Argument(help: "Words to search for (the last one may be a prefix).")
    var text: String

    @Option(name: .long, help: "Only concepts of this OMOP domain (repeatable), e.g. Condition.")
    var domain: [String] = []

    @Option(name: .long, help: "Only concepts of this vocabulary_id (repeatable), e.g. SNOMED.")
    var vocabulary: [String] = []

    @Flag(name: .long, help: "Only standard concepts.")
    var standard = false

    @Option(name: .long, help: "Maximum number of results.")
    var limit = 10

    @OptionGroup var options: VocabularyQueryOptions

    func run() async throws {
        try await VocabularyCommandOutput.run {
            let service = try options.openService()
            let result = try await service.search(SearchRequest(
                text: text, domains: Set(domain), vocabularies: Set(vocabulary), standardOnly: standard,
                count: max(1, limit)))
            if options.table {
                let rows = result.hits.map { hit -> [String] in
                    let concept = hit.concept
                    return [hit.coding.code, hit.coding.display ?? "", concept?.domainId ?? "",
                            concept?.vocabularyId ?? "", concept?.conceptClassId ?? "", concept?.standardConcept ?? "",
                            String(format: "%.2f", hit.score)]
                }
                VocabularyCommandOutput.printTable(
                    ["concept_id", "name", "domain", "vocabulary", "class", "std", "score"], rows)
            } else {
                VocabularyCommandOutput.printJSON(Self.parameters(result))
            }
        }
    }

    static func parameters(_ result: SearchResult) -> FHIRElement {
        let matches = result.hits.map { hit -> FHIRElement in
            var parts: [FHIRElement] = [
                .complex("part", [.string("name", "concept"), TerminologyOperations.codingElement(hit.coding)]),
                .complex("part", [.string("name", "score"), .decimal("valueDecimal", String(format: "%.3f", hit.score))]),
            ]
            if let concept = hit.concept {
                parts.append(.complex("part", [.string("name", "domain-id"), .string("valueCode", concept.domainId)]))
                parts.append(.complex("part", [.string("name", "vocabulary-id"),
                                               .string("valueCode", concept.vocabularyId)]))
                parts.append(.complex("part", [.string("name", "concept-class-id"),
                                               .string("valueCode", concept.conceptClassId)]))
                if let standard = concept.standardConcept {
                    parts.append(.complex("part", [.string("name", "standard-concept"), .string("valueCode", standard)]))
                }
            }
            return .complex("parameter", [.string("name", "match")] + parts)
        }
        return .resource("Parameters", matches)
    }
}
