import FHIR

/// What the notification worker needs from the pipeline: the emitted resources for a DocumentReference (or a
/// Bundle holding some), the per-document issues, and counts for metrics. `GatewayEngine` conforms.
public protocol NoteExtractionService: Sendable {
    func extractResources(from input: FHIRElement) async throws -> NoteExtractionOutput
}

public struct NoteExtractionOutput: Sendable {
    /// Emitted resources (Condition, MedicationStatement, Procedure, Provenance, ...), ids deterministic.
    public var resources: [FHIRElement]
    /// Problems with single documents (unsupported content type, bad base64...) that did not stop the others.
    public var issues: [OperationOutcome.Issue]
    public var statistics: ExtractionStatistics

    public init(resources: [FHIRElement], issues: [OperationOutcome.Issue], statistics: ExtractionStatistics) {
        self.resources = resources
        self.issues = issues
        self.statistics = statistics
    }
}
