import Gateway

/// How the HTTP server runs. `notegate serve` fills it from its options; tests build it directly.
public struct GatewayServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// When set, `$extract` and `/fhir/notifications` require `Authorization: Bearer <token>`.
    public var authToken: String?
    /// Largest accepted request body in bytes (413 beyond).
    public var maxBodySize: Int
    /// Subscription notifications: nil disables `/fhir/notifications` (503 with an OperationOutcome).
    public var notifications: NotificationConfiguration?
    public var serverName: String

    public init(
        host: String = "127.0.0.1", port: Int = 8080, authToken: String? = nil, maxBodySize: Int = 16 << 20,
        notifications: NotificationConfiguration? = nil, serverName: String = "NoteGate"
    ) {
        self.host = host
        self.port = port
        self.authToken = authToken
        self.maxBodySize = maxBodySize
        self.notifications = notifications
        self.serverName = serverName
    }
}

/// The durable queue and where its results go.
public struct NotificationConfiguration: Sendable {
    /// SQLite file of the job queue (created when missing).
    public var queuePath: String
    /// Servers `id-only` focus resources are fetched from, per subscription.
    public var sources: [SubscriptionSource]
    /// FHIR base URL results are POSTed to as transactions.
    public var fhirSinkURL: String?
    public var fhirSinkToken: String?
    /// Directory results are written to as NDJSON.
    public var ndjsonDirectory: String?
    public var delivery: DeliveryPolicy
    public var workerConcurrency: Int
    /// False accepts and queues notifications without processing them (a separate worker, or tests).
    public var runsWorker: Bool
    public var pollInterval: Duration

    public init(
        queuePath: String, sources: [SubscriptionSource] = [], fhirSinkURL: String? = nil,
        fhirSinkToken: String? = nil, ndjsonDirectory: String? = nil, delivery: DeliveryPolicy = DeliveryPolicy(),
        workerConcurrency: Int = 2, runsWorker: Bool = true, pollInterval: Duration = .milliseconds(500)
    ) {
        self.queuePath = queuePath
        self.sources = sources
        self.fhirSinkURL = fhirSinkURL
        self.fhirSinkToken = fhirSinkToken
        self.ndjsonDirectory = ndjsonDirectory
        self.delivery = delivery
        self.workerConcurrency = workerConcurrency
        self.runsWorker = runsWorker
        self.pollInterval = pollInterval
    }
}
