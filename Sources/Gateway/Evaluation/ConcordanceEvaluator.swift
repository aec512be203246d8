import FHIR
import Foundation
import Terminology

/// Compares, note by note, the OMOP concepts NoteGate emits with the coded resources of the same Synthea bundle:
///
/// - recall: the Condition, Procedure and MedicationRequest codes of the note's encounter (SNOMED / RxNorm,
///   mapped to standard concepts through the vocabulary; codes the vocabulary does not know are counted apart)
///   that NoteGate emitted for that note;
/// - precision: the concepts NoteGate emitted as present for the patient (Conditions not refuted,
///   MedicationStatements neither `not-taken` nor `intended`, Procedures neither `not-done` nor `preparation`) that appear in the patient's coded record
///   (Condition / Procedure / MedicationRequest of any encounter) dated up to the note's date.
/// Concepts are counted once per note and compared by concept id alone (OMOP concept ids are unique across
/// domains); the per-type breakdown groups gold by its type and emitted concepts by theirs (MedicationRequest and
/// MedicationStatement both count as `Medication`).
public struct ConcordanceEvaluator: Sendable {
    public let engine: GatewayEngine
    public var exampleLimit: Int

    public init(engine: GatewayEngine, exampleLimit: Int = 25) {
        self.engine = engine
        self.exampleLimit = exampleLimit
    }

    struct CodedItem {
        var type: String          // Condition, Procedure, MedicationRequest
        var concepts: [Int]       // standard concept ids (empty: not in vocabulary)
        var encounter: String?
        var date: String?         // yyyy-mm-dd
    }

    /// Accumulates over several bundles.
    public struct Accumulator: Sendable {
        var report = ConcordanceReport()
        var missed: [String: (ConcordanceReport.Example)] = [:]
        var falsePositives: [String: (ConcordanceReport.Example)] = [:]
        public init() {}
    }

    public func evaluate(bundle: FHIRElement, into accumulator: inout Accumulator) async throws {
        let index = BundleIndex(root: bundle)
        let items = try codedItems(index)
        let result = try await engine.extract(bundle, recordedAt: "2000-01-01T00:00:00Z")
        accumulator.report.bundles += 1
        for document in result.documents {
            accumulator.report.notes += 1
            if document.issues.contains(where: { $0.severity == .error || $0.severity == .fatal }) {
                accumulator.report.documentsWithIssues += 1
            }
            guard document.note != nil else { continue }
            let encounterKeys = Set(encounterKeys(document.context, index: index))
            let noteDate = document.context.clinicalDate.map { String($0.prefix(10)) } ?? "9999-12-31"
            let gold = items.filter { item in item.encounter.map { encounterKeys.contains($0) } ?? false }
            let record = items.filter { ($0.date ?? "0000") <= noteDate }
            if !gold.isEmpty { accumulator.report.notesWithGold += 1 }
            let emitted = emittedConcepts(document.resources)
            score(gold: gold, record: record, emitted: emitted, into: &accumulator)
        }
    }

    public func finish(_ accumulator: Accumulator) -> ConcordanceReport {
        var report = accumulator.report
        func top(_ map: [String: ConcordanceReport.Example]) -> [ConcordanceReport.Example] {
            Array(map.values.sorted { ($0.count, $1.name) > ($1.count, $0.name) }.prefix(exampleLimit))
        }
        report.missed = top(accumulator.missed)
        report.falsePositives = top(accumulator.falsePositives)
        return report
    }

    static func category(_ type: String) -> String {
        switch type {
        case "MedicationRequest", "MedicationStatement": "Medication"
        default: type
        }
    }

    func score(gold: [CodedItem], record: [CodedItem], emitted: [(type: String, concept: Int, name: String)],
               into accumulator: inout Accumulator) {
        var counts: [String: ConcordanceReport.Counts] = [:]
        let emittedConcepts = Set(emitted.map(\.concept))
        // Recall over distinct gold concepts of the encounter.
        var seenGold = Set<String>()
        for item in gold {
            let category = Self.category(item.type)
            guard !item.concepts.isEmpty else {
                counts[category, default: .init()].goldNotInVocabulary += 1
                continue
            }
            let key = "\(category)|\(item.concepts[0])"
            guard seenGold.insert(key).inserted else { continue }
            counts[category, default: .init()].goldInVocabulary += 1
            if item.concepts.contains(where: { emittedConcepts.contains($0) }) {
                counts[category, default: .init()].goldFound += 1
            } else if let concept = try? engine.store.concept(id: item.concepts[0]) {
                accumulator.missed[key, default: .init(conceptId: concept.conceptId, name: concept.name, resourceType: item.type, count: 0)].count += 1
            }
        }
        // Precision over distinct emitted concepts.
        let recordConcepts = Set(record.flatMap(\.concepts))
        var seenEmitted = Set<String>()
        for item in emitted {
            let category = Self.category(item.type)
            let key = "\(category)|\(item.concept)"
            guard seenEmitted.insert(key).inserted else { continue }
            counts[category, default: .init()].emitted += 1
            if recordConcepts.contains(item.concept) {
                counts[category, default: .init()].emittedInRecord += 1
            } else {
                accumulator.falsePositives[key, default: .init(conceptId: item.concept, name: item.name, resourceType: item.type, count: 0)].count += 1
            }
        }
        for (category, value) in counts {
            accumulator.report.byType[category, default: .init()] = accumulator.report.byType[category, default: .init()] + value
            accumulator.report.overall = accumulator.report.overall + value
        }
    }

    /// Keys an item's `encounter.reference` can take for the document's encounter: the literal reference, and
    /// the fullUrl / `Encounter/id` forms of the same entry.
    func encounterKeys(_ context: DocumentContext, index: BundleIndex) -> [String] {
        guard let reference = context.encounter?.string("reference") else { return [] }
        var keys = [reference]
        if let entry = index.resolve(reference) {
            if let fullUrl = entry.fullUrl { keys.append(fullUrl) }
            if let id = entry.resource.logicalID { keys.append("Encounter/\(id)") }
        }
        return keys
    }

    func codedItems(_ index: BundleIndex) throws -> [CodedItem] {
        var items: [CodedItem] = []
        for entry in index.entries {
            let resource = entry.resource
            let type = resource.resourceType ?? ""
            let codeElement: FHIRElement?
            let date: String?
            switch type {
            case "Condition":
                codeElement = resource.first("code")
                date = resource.string("onsetDateTime") ?? resource.string("recordedDate") ?? resource.string(path: "onsetPeriod.start")
            case "Procedure":
                codeElement = resource.first("code")
                date = resource.string("performedDateTime") ?? resource.string(path: "performedPeriod.start")
            case "MedicationRequest":
                codeElement = resource.first("medicationCodeableConcept")
                date = resource.string("authoredOn")
            default:
                continue
            }
            var concepts: [Int] = []
            for coding in codeElement?.all("coding") ?? [] {
                guard let system = coding.string("system"), let code = coding.string("code"),
                      let vocabulary = VocabularySystems.vocabularyId(forSystem: system),
                      let concept = try engine.store.concept(vocabularyId: vocabulary, code: code) else { continue }
                concepts.append(contentsOf: try engine.store.standardConcepts(for: concept).map(\.conceptId))
            }
            var encounter = resource.string(path: "encounter.reference")
            if let reference = encounter, let target = index.resolve(reference), let id = target.resource.logicalID {
                encounter = target.fullUrl ?? "Encounter/\(id)"
            }
            items.append(CodedItem(type: type, concepts: concepts, encounter: encounter, date: date.map { String($0.prefix(10)) }))
        }
        return items
    }

    /// Affirmed, coded emitted resources of one note.
    func emittedConcepts(_ resources: [FHIRElement]) -> [(type: String, concept: Int, name: String)] {
        resources.compactMap { resource in
            let type = resource.resourceType ?? ""
            let code: FHIRElement?
            switch type {
            case "Condition":
                if resource.all(path: "verificationStatus.coding").contains(where: { $0.string("code") == "refuted" }) { return nil }
                code = resource.first("code")
            case "MedicationStatement":
                if ["not-taken", "intended"].contains(resource.string("status")) { return nil }
                code = resource.first("medicationCodeableConcept")
            case "Procedure":
                if ["not-done", "preparation"].contains(resource.string("status")) { return nil }
                code = resource.first("code")
            default:
                return nil
            }
            guard let omop = code?.all("coding").first(where: { $0.string("system") == NoteGateURIs.omopSystem }),
                  let id = omop.string("code").flatMap(Int.init) else { return nil }
            return (type, id, omop.string("display") ?? "")
        }
    }
}
