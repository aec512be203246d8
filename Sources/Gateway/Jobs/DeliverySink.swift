import FHIR

/// Where a job's emitted resources go. Delivery must be idempotent: a crash between delivering and recording
/// the delivery makes the worker deliver again, and that must not duplicate anything.
public protocol DeliverySink: Sendable {
    /// Stable name, stored with the job when the sink acknowledged it (e.g. `fhir:https://h/fhir`).
    var name: String { get }
    /// Delivers; throws `JobFailure` (retryable or not) when the sink refuses or cannot be reached.
    func deliver(_ resources: [FHIRElement], job: NotificationJob) async throws
}
