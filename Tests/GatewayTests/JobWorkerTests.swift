import FHIR
import Foundation
import Terminology
import Testing
@testable import Gateway

@Suite struct JobWorkerTests {
    @Test func extractsOnceAndDeliversToEverySink() async throws {
        let temporary = try TemporaryQueue()
        defer { temporary.cleanUp() }
        let queue = try temporary.open()
        try queue.enqueue([.fullResource("a", event: 1), .fullResource("b", event: 2)])
        let service = OneConditionPerDocument()
        let first = RecordingSink(name: "first"), second = RecordingSink(name: "second")
        let worker = NotificationWorker(queue: queue, service: service, fetcher: nil, sinks: [first, second])
        #expect(await worker.drain() == 2)
        #expect(Set(first.deliveries) == [["c-a"], ["c-b"]])
        #expect(Set(second.deliveries) == [["c-a"], ["c-b"]])
        #expect(try queue.counts()[.done] == 2)
        #expect(service.calls.withLock { $0 } == 2)
    }

    @Test func retriesOnlyTheSinkThatFailedWithoutReExtracting() async throws {
        let temporary = try TemporaryQueue()
        defer { temporary.cleanUp() }
        let queue = try temporary.open()
        try queue.enqueue([.fullResource("a", event: 1)])
        let service = OneConditionPerDocument()
        let healthy = RecordingSink(name: "healthy"), flaky = RecordingSink(name: "flaky", failures: 2)
        let worker = NotificationWorker(
            queue: queue, service: service, fetcher: nil, sinks: [healthy, flaky],
            policy: DeliveryPolicy(maxAttempts: 5, baseDelay: .zero))
        for _ in 0..<3 { await worker.drain() }
        #expect(healthy.deliveries == [["c-a"]])
        #expect(flaky.deliveries == [["c-a"]])
        #expect(service.calls.withLock { $0 } == 1)
        let job = try #require(try queue.jobs().first)
        #expect(job.state == .done)
        #expect(job.attempts == 2)
        #expect(job.deliveredSinks == ["healthy", "flaky"])
    }

    @Test func deadLettersAfterMaxAttempts() async throws {
        let temporary = try TemporaryQueue()
        defer { temporary.cleanUp() }
        let queue = try temporary.open()
        try queue.enqueue([.fullResource("a", event: 1)])
        let down = RecordingSink(name: "down", failures: 100)
        let worker = NotificationWorker(
            queue: queue, service: OneConditionPerDocument(), fetcher: nil, sinks: [down],
            policy: DeliveryPolicy(maxAttempts: 3, baseDelay: .zero))
        for _ in 0..<5 { await worker.drain() }
        let job = try #require(try queue.jobs().first)
        #expect(job.state == .dead)
        #expect(job.attempts == 3)
        let outcome = OperationOutcome(element: try FHIRJSON.parse(try #require(job.lastError)))
        #expect(outcome.issues.first?.code == .transient)
        #expect(outcome.issues.first?.diagnostics == "sink down")
    }

    @Test func permanentFailuresAreDeadLetteredAtOnce() async throws {
        let temporary = try TemporaryQueue()
        defer { temporary.cleanUp() }
        let queue = try temporary.open()
        let patient = FHIRElement.resource("Patient", id: "p1")
        try queue.enqueue([NewNotificationJob(
            dedupeKey: "k", subscription: "Subscription/s1", eventNumber: "1", focus: "Patient/p1",
            sourceBaseURL: nil, payload: FHIRJSON.serialize(patient))])
        let sink = RecordingSink()
        let worker = NotificationWorker(
            queue: queue, service: OneConditionPerDocument(), fetcher: nil, sinks: [sink],
            policy: DeliveryPolicy(maxAttempts: 5, baseDelay: .zero))
        await worker.drain()
        let job = try #require(try queue.jobs().first)
        #expect(job.state == .dead)
        #expect(job.attempts == 1)
        #expect(sink.deliveries.isEmpty)
        let outcome = OperationOutcome(element: try FHIRJSON.parse(try #require(job.lastError)))
        #expect(outcome.issues.first?.code == .invalid)
        #expect(outcome.issues.first?.diagnostics?.contains("expected a DocumentReference") == true)
    }

    @Test func unreachableIdOnlySourceGivesATransientOutcomeNamingTheURL() async throws {
        let temporary = try TemporaryQueue()
        defer { temporary.cleanUp() }
        let queue = try temporary.open()
        let port = try closedLoopbackPort()
        let base = "http://127.0.0.1:\(port)/fhir"
        try queue.enqueue([NewNotificationJob(
            dedupeKey: "k", subscription: "Subscription/s1", eventNumber: "1", focus: "DocumentReference/dr-1",
            sourceBaseURL: base, payload: nil)])
        let client = CurlHTTPClient(configuration: .init(connectTimeout: .seconds(2), retry: .none))
        let fetcher = FocusResourceFetcher(
            client: client, sources: [SubscriptionSource(subscription: "*", baseURL: base)])
        let worker = NotificationWorker(
            queue: queue, service: OneConditionPerDocument(), fetcher: fetcher, sinks: [RecordingSink()],
            policy: DeliveryPolicy(maxAttempts: 2, baseDelay: .zero))
        await worker.drain()
        let retrying = try #require(try queue.jobs().first)
        #expect(retrying.state == .pending)
        await worker.drain()
        let job = try #require(try queue.jobs().first)
        #expect(job.state == .dead)
        let outcome = OperationOutcome(element: try FHIRJSON.parse(try #require(job.lastError)))
        let issue = try #require(outcome.issues.first)
        #expect(issue.code == .transient)
        #expect(issue.diagnostics?.contains("cannot reach \(base)/DocumentReference/dr-1") == true)
    }

    @Test func refusesToFetchFocusesOutsideTheConfiguredSource() throws {
        #expect(try FocusResourceFetcher.url(for: "DocumentReference/1", baseURL: "http://h/fhir")
            == "http://h/fhir/DocumentReference/1")
        #expect(try FocusResourceFetcher.url(for: "http://h/fhir/DocumentReference/1", baseURL: "http://h/fhir")
            == "http://h/fhir/DocumentReference/1")
        let outside = try #require(throws: JobFailure.self) {
            try FocusResourceFetcher.url(for: "http://evil/fhir/DocumentReference/1", baseURL: "http://h/fhir")
        }
        #expect(!outside.retryable)
        #expect(outside.outcome.issues.first?.code == .security)
        #expect(throws: JobFailure.self) { try FocusResourceFetcher.url(for: "../../etc/passwd", baseURL: "http://h") }
    }

    @Test func classifiesServerAnswers() {
        let throttled = JobFailure.httpStatus(429, url: "http://h", body: [], action: "GET")
        #expect(throttled.retryable && throttled.outcome.issues.first?.code == .throttled)
        let gone = JobFailure.httpStatus(404, url: "http://h/x", body: [], action: "GET")
        #expect(!gone.retryable && gone.outcome.issues.first?.code == .notFound)
        let outcome = OperationOutcome(.init(severity: .error, code: .invalid, diagnostics: "bad reference"))
        let refused = JobFailure.httpStatus(
            400, url: "http://h", body: Array(FHIRJSON.serialize(outcome.element)), action: "transaction to")
        #expect(!refused.retryable)
        #expect(refused.outcome.issues.first?.diagnostics == "transaction to http://h answered HTTP 400: bad reference")
    }

    @Test func ndjsonSinkReplacesInsteadOfAppending() async throws {
        let temporary = try TemporaryQueue()
        defer { temporary.cleanUp() }
        let directory = temporary.directory.appendingPathComponent("out")
        let sink = NDJSONDirectorySink(directory: directory)
        let output = try await OneConditionPerDocument().extractResources(
            from: .resource("DocumentReference", id: "a"))
        let job = NotificationJob(
            id: 7, dedupeKey: "k", subscription: "s", eventNumber: nil, focus: nil, sourceBaseURL: nil, payload: nil,
            state: .processing, attempts: 0, notBefore: Date(), result: nil, lastError: nil, deliveredSinks: [],
            createdAt: Date())
        try await sink.deliver(output.resources, job: job)
        try await sink.deliver(output.resources, job: job)
        let file = directory.appendingPathComponent("Condition.job-7.ndjson")
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1)
        #expect(try FHIRJSON.parse(String(lines[0])).logicalID == "c-a")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["Condition.job-7.ndjson"])
    }

    @Test func fhirSinkSendsConditionalCreatesInOneTransaction() throws {
        let output = FHIRElement.resource("Condition", id: "2f0c3b4a-0b7d-4c1e-9a57-1d2f0c3b4a01", [
            .complex("identifier", [
                .string("system", NoteGateURIs.identifierSystem),
                .string("value", "2f0c3b4a-0b7d-4c1e-9a57-1d2f0c3b4a01"),
            ]),
        ])
        let bundle = FHIRServerSink.transaction(for: [output])
        #expect(bundle.string("type") == "transaction")
        let request = try #require(bundle.first("entry")?.first("request"))
        #expect(request.string("method") == "POST")
        #expect(request.string("url") == "Condition")
        #expect(request.string("ifNoneExist")
            == "identifier=\(NoteGateURIs.identifierSystem)|2f0c3b4a-0b7d-4c1e-9a57-1d2f0c3b4a01")
    }
}
