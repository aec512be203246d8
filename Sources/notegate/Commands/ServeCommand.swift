import ArgumentParser
import Foundation
import Gateway
import GatewayServer
import Logging
import Metrics
import Prometheus
import Terminology

/// `notegate serve`: the HTTP gateway (Hummingbird) on the embedded vocabulary unless `--vocabulary` names one.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the NoteGate FHIR gateway (HTTP): $extract, subscription notifications, terminology operations.",
        discussion: """
            Routes: GET /fhir/metadata, POST /fhir/$extract, POST /fhir/DocumentReference/$extract,
            POST /fhir/notifications, GET|POST /fhir/CodeSystem/$lookup, /fhir/ConceptMap/$translate,
            /fhir/ValueSet/$expand, GET /healthz, GET /metrics. Prints "listening on http://HOST:PORT" once ready
            (with --port 0 the port is chosen by the system). SIGTERM/SIGINT shut down gracefully.
            """)

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0: any free port).") var port = 8080
    @OptionGroup var engineOptions: EngineOptions
    @Option(name: .customLong("auth-token"),
            help: "Require 'Authorization: Bearer TOKEN' on $extract and notifications (or NOTEGATE_AUTH_TOKEN).")
    var authToken: String?
    @Option(name: .customLong("max-body-size"), help: "Largest request body in bytes.")
    var maxBodySize = 16 << 20
    @Option(help: "SQLite file of the durable notification job queue.")
    var queue = "notegate-queue.sqlite"
    @Flag(name: .customLong("no-notifications"), help: "Disable /fhir/notifications (no job queue).")
    var noNotifications = false
    @Option(name: .customLong("subscription-source"), parsing: .singleValue,
            help: "SUBSCRIPTION=BASE_URL: where id-only notifications of SUBSCRIPTION are fetched from (repeatable; * matches all).")
    var subscriptionSources: [String] = []
    @Option(name: .customLong("source-token"), help: "Bearer token sent to the subscription source servers.")
    var sourceToken: String?
    @Option(name: .customLong("deliver-fhir"), help: "FHIR base URL job results are POSTed to as transactions.")
    var deliverFHIR: String?
    @Option(name: .customLong("deliver-fhir-token"), help: "Bearer token for --deliver-fhir.")
    var deliverFHIRToken: String?
    @Option(name: .customLong("deliver-ndjson"), help: "Directory job results are written to as NDJSON.")
    var deliverNDJSON: String?
    @Option(name: .customLong("max-attempts"), help: "Attempts per job before it is dead-lettered.")
    var maxAttempts = 8
    @Option(name: .customLong("retry-delay"), help: "First retry delay in seconds (doubles per attempt, max 300).")
    var retryDelay = 2.0
    @Option(help: "Jobs processed at the same time.") var workers = 2
    @Flag(name: .customLong("no-worker"), help: "Queue notifications without processing them.")
    var noWorker = false
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535") }
        guard maxBodySize > 0 else { throw ValidationError("--max-body-size must be positive") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
        for source in subscriptionSources where SubscriptionSource(argument: source) == nil {
            throw ValidationError("--subscription-source '\(source)' is not SUBSCRIPTION=http(s)://BASE_URL")
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let metrics = GatewayMetrics()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics.registry))
        let logger = Logger(label: "notegate.server")

        let http = CurlHTTPClient()
        let remote: (any TerminologyService)? = engineOptions.terminologyServer.map {
            CachedTerminologyService(FHIRTerminologyClient(baseURL: $0, http: http))
        }
        let engine = try GatewayEngine(
            configuration: engineOptions.configuration,
            remoteTerminology: remote)
        let terminology = TerminologyOperations(service: LocalTerminologyService(store: engine.store))

        let sources = subscriptionSources.compactMap(SubscriptionSource.init(argument:)).map {
            SubscriptionSource(subscription: $0.subscription, baseURL: $0.baseURL, bearerToken: sourceToken)
        }
        let notifications = noNotifications ? nil : NotificationConfiguration(
            queuePath: queue, sources: sources, fhirSinkURL: deliverFHIR, fhirSinkToken: deliverFHIRToken,
            ndjsonDirectory: deliverNDJSON,
            delivery: DeliveryPolicy(maxAttempts: maxAttempts, baseDelay: .milliseconds(Int(retryDelay * 1000))),
            workerConcurrency: workers, runsWorker: !noWorker)
        let configuration = GatewayServerConfiguration(
            host: host, port: port,
            authToken: authToken ?? ProcessInfo.processInfo.environment["NOTEGATE_AUTH_TOKEN"],
            maxBodySize: maxBodySize, notifications: notifications)
        let host = self.host
        let application = try await GatewayApplication.build(
            configuration: configuration, engine: engine, terminology: terminology, metrics: metrics,
            logger: logger,
            onServerRunning: { port in
                // Tests and scripts wait for this line (stdout, unbuffered) to know the server is up and its port.
                FileHandle.standardOutput.write(Data("listening on http://\(host):\(port)\n".utf8))
            })
        try await application.runService()
    }
}
