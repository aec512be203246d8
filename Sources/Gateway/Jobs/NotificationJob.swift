import Foundation

/// One unit of durable work: a document named by a subscription notification, waiting to be (or being) turned
/// into coded resources and delivered to the configured sinks.
///
/// A job is keyed by `dedupeKey` (subscription, event number, focus), so a notification the FHIR server
/// re-sends after a lost acknowledgement never creates a second job.
public struct NotificationJob: Sendable, Equatable {
    public enum State: String, Sendable, CaseIterable {
        /// Waiting for a worker (possibly until `notBefore`, after a failed attempt).
        case pending
        /// Claimed by a worker of this process. Reset to `pending` when the process restarts.
        case processing
        /// Every configured sink received the results.
        case done
        /// Given up: a permanent failure or too many attempts. `lastError` says why.
        case dead
    }

    public var id: Int64
    public var dedupeKey: String
    /// The subscription reference as written in the notification (e.g. `Subscription/123` or an absolute URL).
    public var subscription: String
    public var eventNumber: String?
    /// The focus reference of the event (e.g. `DocumentReference/abc`), when the notification named one.
    public var focus: String?
    /// Where an `id-only` focus is fetched from (from configuration, never from the notification itself).
    public var sourceBaseURL: String?
    /// The focus resource as FHIR JSON when the notification carried it (`full-resource`); nil for `id-only`.
    public var payload: Data?
    public var state: State
    public var attempts: Int
    public var notBefore: Date
    /// The emitted resources as NDJSON (FHIR JSON, one resource a line), stored once extraction succeeded so a
    /// restart re-delivers without re-running the pipeline.
    public var result: Data?
    /// The last failure as OperationOutcome JSON.
    public var lastError: String?
    /// Sinks that already acknowledged this job's results.
    public var deliveredSinks: Set<String>
    public var createdAt: Date
}

/// A job to enqueue (the queue assigns id, state and timestamps).
public struct NewNotificationJob: Sendable, Equatable {
    public var dedupeKey: String
    public var subscription: String
    public var eventNumber: String?
    public var focus: String?
    public var sourceBaseURL: String?
    public var payload: Data?

    public init(
        dedupeKey: String, subscription: String, eventNumber: String?, focus: String?,
        sourceBaseURL: String?, payload: Data?
    ) {
        self.dedupeKey = dedupeKey
        self.subscription = subscription
        self.eventNumber = eventNumber
        self.focus = focus
        self.sourceBaseURL = sourceBaseURL
        self.payload = payload
    }
}
