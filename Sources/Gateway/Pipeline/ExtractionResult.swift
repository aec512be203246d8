import FHIR

/// Everything one pipeline run produced for one input (a DocumentReference, or a Bundle holding some).
public struct ExtractionResult: Sendable {
    public var documents: [DocumentResult]
    /// Issues about the input as a whole (e.g. a Bundle with no DocumentReference).
    public var inputIssues: [OperationOutcome.Issue]
    /// Processing time written in Provenance.recorded, Bundle.timestamp and NOTE_NLP.
    public var recordedAt: String
    public var versions: ProcessingVersions

    public init(documents: [DocumentResult], inputIssues: [OperationOutcome.Issue] = [], recordedAt: String,
                versions: ProcessingVersions) {
        self.documents = documents
        self.inputIssues = inputIssues
        self.recordedAt = recordedAt
        self.versions = versions
    }

    /// Emitted resources of every document, in input order.
    public var resources: [FHIRElement] { documents.flatMap(\.resources) }
    /// Resources emitted by the run, whether or not their trees were built.
    public var emittedResourceCount: Int { documents.reduce(0) { $0 + $1.emittedResourceCount } }
    /// Input issues, then the issues of each document.
    public var issues: [OperationOutcome.Issue] { inputIssues + documents.flatMap(\.issues) }

    public var operationOutcome: OperationOutcome? { issues.isEmpty ? nil : OperationOutcome(issues: issues) }

    /// True when some document could not be processed (error-level issues).
    public var hasErrors: Bool { issues.contains { $0.severity == .error || $0.severity == .fatal } }

    public var statistics: ExtractionStatistics {
        var statistics = ExtractionStatistics()
        for document in documents where document.note != nil {
            statistics.notes += 1
            for finding in document.findings {
                let label = finding.entity.label.rawValue
                statistics.mentions[label, default: 0] += 1
                if finding.match == nil { statistics.unresolved[label, default: 0] += 1 }
                if finding.isAmbiguous { statistics.ambiguous[label, default: 0] += 1 }
            }
        }
        return statistics
    }
}

/// The outcome for one document.
public struct DocumentResult: Sendable {
    public var context: DocumentContext
    /// The extracted text (PHI: kept in memory for NOTE_NLP snippets, never logged); nil when extraction failed.
    public var note: ExtractedNote?
    public var findings: [Finding]
    /// What happened to each finding (same order as `findings`).
    public var dispositions: [ResourceEmitter.Disposition]
    /// The emitted resource trees; empty when the pipeline made only the plans (`buildsResourceTrees` false).
    public var resources: [FHIRElement]
    public var issues: [OperationOutcome.Issue]
    /// What each finding becomes (same order as `findings`), nil where it is omitted: the compact JSON renderer's
    /// input, filled in both pipeline modes.
    var plans: [ResourcePlan?] = []

    /// Resources emitted for this document, its Provenance included, whether or not their trees were built.
    public var emittedResourceCount: Int {
        let clinical = dispositions.reduce(0) { count, disposition in
            if case .emitted = disposition { return count + 1 }
            return count
        }
        return clinical == 0 ? 0 : clinical + 1
    }

    public init(context: DocumentContext, note: ExtractedNote?, findings: [Finding] = [],
                dispositions: [ResourceEmitter.Disposition] = [], resources: [FHIRElement] = [],
                issues: [OperationOutcome.Issue] = []) {
        self.context = context
        self.note = note
        self.findings = findings
        self.dispositions = dispositions
        self.resources = resources
        self.issues = issues
    }
}
