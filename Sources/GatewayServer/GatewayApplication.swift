import FHIR
import Foundation
import Gateway
import Hummingbird
import Logging
import ServiceLifecycle
import Terminology

/// The NoteGate HTTP server on Hummingbird 2: the routes of DESIGN.md behind one outer responder that turns every
/// failure into an `OperationOutcome`, records metrics and logs one line per request (never a body).
public enum GatewayApplication {
    /// Builds the application. `engine` runs the pipeline (built once at start-up and shared by every request);
    /// `terminology` mounts `$lookup`, `$translate`, `$expand` when given. With `configuration.notifications`,
    /// the durable queue is opened here (failing fast when it cannot be) and the worker runs as a service of the
    /// application, stopped by graceful shutdown.
    public static func build(
        configuration: GatewayServerConfiguration,
        engine: GatewayEngine,
        terminology: TerminologyOperations? = nil,
        metrics: GatewayMetrics = GatewayMetrics(),
        httpClient: (any HTTPClient)? = nil,
        logger: Logger = Logger(label: "notegate.server"),
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws -> some ApplicationProtocol {
        let router = Router(context: BasicRequestContext.self)
        let startedAt = ISO8601DateFormatter().string(from: Date())
        let version = NoteGateServerInfo.version

        var services: [any Service] = []
        var notificationEndpoint: NotificationEndpoint?
        let queue = try configuration.notifications.map { try JobQueue(path: $0.queuePath) }
        if let settings = configuration.notifications, let openedQueue = queue {
            let client = httpClient ?? CurlHTTPClient(configuration: .init(retry: .none))
            var sinks: [any DeliverySink] = []
            if let url = settings.fhirSinkURL {
                sinks.append(FHIRServerSink(baseURL: url, bearerToken: settings.fhirSinkToken, client: client))
            }
            if let directory = settings.ndjsonDirectory {
                sinks.append(NDJSONDirectorySink(directory: URL(fileURLWithPath: directory)))
            }
            var worker: NotificationWorker?
            if settings.runsWorker {
                let created = NotificationWorker(
                    queue: openedQueue, service: engine,
                    fetcher: FocusResourceFetcher(client: client, sources: settings.sources), sinks: sinks,
                    policy: settings.delivery, concurrency: settings.workerConcurrency,
                    pollInterval: settings.pollInterval, observer: metrics, logger: Logger(label: "notegate.jobs"))
                worker = created
                services.append(NotificationWorkerService(worker: created))
            }
            notificationEndpoint = NotificationEndpoint(
                queue: openedQueue, worker: worker, sources: settings.sources, metrics: metrics,
                maxBodySize: configuration.maxBodySize)
        }

        // Read-only routes.
        let capability = CapabilityStatementBuilder.build(
            version: version, date: String(startedAt.prefix(10)), authRequired: configuration.authToken != nil,
            notifications: notificationEndpoint != nil, terminology: terminology != nil)
        router.get(RouterPath(GatewayRoute.metadata.path)) { request, _ in
            try FHIRExchange(request: request).respond(capability)
        }
        router.get(RouterPath(GatewayRoute.health.path)) { _, _ in
            try HealthReport(startedAt: startedAt, version: version, queue: queue).response()
        }
        router.get(RouterPath(GatewayRoute.metrics.path)) { _, _ in
            if let queue, let counts = try? queue.counts() { metrics.queueDepth(counts) }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.render())))
        }

        if let terminology {
            TerminologyEndpoints(operations: terminology, maxBodySize: configuration.maxBodySize).register(on: router)
        }

        // Write operations, behind the bearer token when one is configured.
        let writes = router.group()
        if let token = configuration.authToken {
            writes.add(middleware: BearerTokenMiddleware(token: token))
        }
        let extract = ExtractEndpoint(engine: engine, metrics: metrics, maxBodySize: configuration.maxBodySize)
        writes.post(RouterPath(GatewayRoute.extract.path), use: extract.handle)
        writes.post(RouterPath(GatewayRoute.documentReferenceExtract.path), use: extract.handle)
        if let notificationEndpoint {
            writes.post(RouterPath(GatewayRoute.notifications.path), use: notificationEndpoint.handle)
        } else {
            writes.post(RouterPath(GatewayRoute.notifications.path)) { _, _ -> Response in
                throw FHIRHTTPError(
                    status: .serviceUnavailable, code: .notSupported,
                    diagnostics: "subscription notifications are not enabled on this server (start it with --queue)")
            }
        }

        let responder = GatewayResponder(inner: router.buildResponder(), metrics: metrics)
        let application = Application(
            responder: responder,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: configuration.serverName),
            services: services,
            onServerRunning: { channel in
                await onServerRunning(channel.localAddress?.port ?? configuration.port)
            },
            logger: logger)
        return application
    }
}

/// The version the server reports (CapabilityStatement.software, /healthz).
public enum NoteGateServerInfo {
    public static let version = "0.1.0"
}
