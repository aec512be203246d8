import ClinicalNLP
import FHIR
import Foundation

/// One run over one input: find the documents, extract each note's text, run the NLP, resolve, emit.
///
/// Inputs: a DocumentReference; a DiagnosticReport (its `presentedForm`); or a Bundle of any type, whose
/// DocumentReference entries are processed (DiagnosticReports inside a Bundle are not: producers such as Synthea
/// put the same note in both). Each document is processed on its own: its failure becomes an issue with the
/// FHIRPath of the offending element and the other documents go on. Documents of one input are processed up to
/// `GatewayConfiguration.documentConcurrency` at a time (one in the server, where concurrent requests fill the
/// cores; one per core in `notegate extract`), and the results are kept in input order, so outputs stay
/// deterministic.
public struct ExtractionPipeline: Sendable {
    public let engine: GatewayEngine
    /// Documents processed at the same time (see `GatewayConfiguration.documentConcurrency`).
    public var documentConcurrency: Int
    /// False: only the plans of the emitted resources are made (`DocumentResult.resources` stays empty), for a
    /// caller that renders them with `CollectionBundleJSON` and has no use for the trees.
    public var buildsResourceTrees: Bool

    public init(engine: GatewayEngine, documentConcurrency: Int? = nil, buildsResourceTrees: Bool = true) {
        self.engine = engine
        self.documentConcurrency = max(1, documentConcurrency ?? engine.configuration.documentConcurrency)
        self.buildsResourceTrees = buildsResourceTrees
    }

    /// Processes `input`. Throws only when the input as a whole cannot be processed (wrong resource type,
    /// too many documents); per-document problems are in the result's issues.
    public func run(_ input: FHIRElement, recordedAt: String? = nil) async throws(GatewayError) -> ExtractionResult {
        let recordedAt = recordedAt ?? GatewayEngine.instant()
        let index = BundleIndex(root: input)
        let type = input.resourceType ?? input.name
        let documents: [BundleIndex.Entry]
        switch type {
        case "Bundle":
            documents = index.entries.filter { $0.resource.resourceType == "DocumentReference" }
        case "DocumentReference", "DiagnosticReport":
            documents = index.entries
        default:
            throw GatewayError(.invalidInput, "expected a DocumentReference, a DiagnosticReport or a Bundle, found \(type)",
                               expression: type)
        }
        guard documents.count <= engine.configuration.maximumDocuments else {
            throw GatewayError(.invalidInput, "the input holds \(documents.count) documents, limit \(engine.configuration.maximumDocuments)",
                               expression: type)
        }
        var result = ExtractionResult(documents: [], recordedAt: recordedAt, versions: engine.versions)
        if documents.isEmpty {
            result.inputIssues.append(GatewayError(.noDocuments, "the Bundle holds no DocumentReference", expression: "Bundle.entry")
                .issue(severity: .warning))
        }
        result.documents = await processAll(documents, index: index, recordedAt: recordedAt)
        return result
    }

    /// Every document's result, in input order; at most `documentConcurrency` at a time.
    func processAll(_ documents: [BundleIndex.Entry], index: BundleIndex, recordedAt: String) async -> [DocumentResult] {
        let width = documentConcurrency
        if width == 1 || documents.count < 2 {
            var results: [DocumentResult] = []
            results.reserveCapacity(documents.count)
            for entry in documents { results.append(await process(entry, index: index, recordedAt: recordedAt)) }
            return results
        }
        var results = [DocumentResult?](repeating: nil, count: documents.count)
        await withTaskGroup(of: (Int, DocumentResult).self) { group in
            var next = 0
            for _ in 0..<min(width, documents.count) {
                let position = next
                group.addTask { (position, await process(documents[position], index: index, recordedAt: recordedAt)) }
                next += 1
            }
            for await (position, result) in group {
                results[position] = result
                if next < documents.count {
                    let position = next
                    group.addTask { (position, await process(documents[position], index: index, recordedAt: recordedAt)) }
                    next += 1
                }
            }
        }
        return results.map { $0! }
    }

    func process(_ entry: BundleIndex.Entry, index: BundleIndex, recordedAt: String) async -> DocumentResult {
        var context = DocumentContext(document: entry.resource, fullUrl: entry.fullUrl, path: entry.path, index: index)
        if entry.resource.string("status") == "entered-in-error" {
            return DocumentResult(context: context, note: nil, issues: [OperationOutcome.Issue(
                severity: .information, code: .businessRule,
                diagnostics: "skipped: the document is entered-in-error", expression: ["\(entry.path).status"])])
        }
        let note: ExtractedNote
        do {
            note = try await engine.extractor.extract(from: entry.resource, path: entry.path, index: index)
        } catch {
            return DocumentResult(context: context, note: nil, issues: [error.issue()])
        }
        var issues = note.warnings.map { $0.issue(severity: .warning) }
        context.attachmentPath = context.resourceType + note.attachmentPath.dropFirst(entry.path.count)
        if context.subject == nil {
            issues.append(OperationOutcome.Issue(
                severity: .warning, code: .required,
                diagnostics: "the document has no subject: no Condition/MedicationStatement/Procedure can be emitted "
                    + "(mentions are still reported in NOTE_NLP)",
                expression: ["\(entry.path).subject"]))
        }
        let annotated = engine.nlp.annotate(note.text)
        let sectionCodes = annotated.sections.map { ($0.range, $0.loincCode) }
        var findings: [Finding] = []
        findings.reserveCapacity(annotated.entities.count)
        let entities = EntityRefiner(matcher: engine.matcher).refine(
            annotated.entities, scalars: Array(note.text.unicodeScalars), headers: annotated.sections.compactMap(\.headerRange))
        for entity in entities {
            let loinc = sectionCodes.last { $0.0.lowerBound <= entity.range.lowerBound }?.1
            findings.append(Finding(entity: entity, match: await engine.matcher.match(entity), sectionLOINC: loinc))
        }
        let emission = buildsResourceTrees
            ? engine.emitter.emit(findings, context: context, recordedAt: recordedAt)
            : engine.emitter.plan(findings, context: context)
        var result = DocumentResult(context: context, note: note, findings: findings, dispositions: emission.dispositions,
                                    resources: emission.resources, issues: issues)
        result.plans = emission.plans
        return result
    }
}

extension GatewayEngine: NoteExtractionService {
    public func extract(_ input: FHIRElement, recordedAt: String? = nil) async throws(GatewayError) -> ExtractionResult {
        try await ExtractionPipeline(engine: self).run(input, recordedAt: recordedAt)
    }

    /// `extract` answered as the compact JSON of its `collection` Bundle (outcome included), written without
    /// building resource trees. The result carries the plans and dispositions but no `resources`.
    public func extractCompactJSONBundle(_ input: FHIRElement, recordedAt: String? = nil)
        async throws(GatewayError) -> (result: ExtractionResult, json: [UInt8])
    {
        let result = try await ExtractionPipeline(engine: self, buildsResourceTrees: false).run(input, recordedAt: recordedAt)
        return (result, CollectionBundleJSON.render(result, emitter: emitter))
    }

    public func extractResources(from input: FHIRElement) async throws -> NoteExtractionOutput {
        let result = try await extract(input)
        return NoteExtractionOutput(resources: result.resources, issues: result.issues, statistics: result.statistics)
    }

    /// The NOTE_NLP writer with this engine's section concepts.
    public var noteNLPWriter: NoteNLPWriter { NoteNLPWriter(sectionConceptIDs: sectionConceptIDs) }
}
