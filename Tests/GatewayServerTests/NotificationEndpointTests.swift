import FHIR
import Foundation
import Gateway
@testable import GatewayServer
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct NotificationEndpointTests {
    typealias Support = ServerTestSupport
    static let json: HTTPFields = [.contentType: "application/fhir+json"]

    static func documents() throws -> [FHIRElement] {
        try FHIRJSON.parse(Support.fixture("two-notes-bundle")).all(path: "entry.resource")
    }

    static func configuration(_ directory: TemporaryDirectory, runsWorker: Bool = false, sources: [SubscriptionSource] = [])
        -> GatewayServerConfiguration
    {
        GatewayServerConfiguration(notifications: NotificationConfiguration(
            queuePath: directory.path("queue.sqlite"), sources: sources, ndjsonDirectory: directory.path("out"),
            delivery: DeliveryPolicy(maxAttempts: 3, baseDelay: .milliseconds(10)), runsWorker: runsWorker,
            pollInterval: .milliseconds(50)))
    }

    @Test func handshakeAndHeartbeatAre200WithoutWork() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let app = try await Support.application(Self.configuration(directory))
        try await app.test(.router) { client in
            for shape in [NotificationBuilder.Shape.backport, .r4B, .r5] {
                try await client.execute(
                    uri: "/fhir/notifications", method: .post, headers: Self.json,
                    body: Support.buffer(NotificationBuilder.json(NotificationBuilder.handshake(shape: shape)))
                ) { response throws in
                    #expect(response.status == .ok)
                    let issue = try Support.issue(response)
                    #expect(issue.severity == .information)
                    #expect(issue.diagnostics == "handshake acknowledged")
                }
            }
        }
        #expect(try JobQueue(path: directory.path("queue.sqlite")).jobs().isEmpty)
    }

    @Test func eventsAreQueuedBeforeTheAnswerInEveryShape() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let documents = try Self.documents()
        let app = try await Support.application(Self.configuration(
            directory, sources: [SubscriptionSource(subscription: "*", baseURL: "http://127.0.0.1:1/fhir")]))
        try await app.test(.router) { client in
            let notifications = [
                NotificationBuilder.event([documents[0]], firstEvent: 1, shape: .backport),
                NotificationBuilder.event([documents[1]], firstEvent: 2, shape: .r4B),
                NotificationBuilder.event([documents[0]], firstEvent: 3, shape: .r5, idOnly: true),
            ]
            for notification in notifications {
                try await client.execute(
                    uri: "/fhir/notifications", method: .post, headers: Self.json,
                    body: Support.buffer(NotificationBuilder.json(notification))
                ) { response throws in
                    #expect(response.status == .ok)
                    #expect(try Support.issue(response).diagnostics == "queued 1 job(s)")
                }
            }
            // Re-sent notification: acknowledged, not queued twice.
            try await client.execute(
                uri: "/fhir/notifications", method: .post, headers: Self.json,
                body: Support.buffer(NotificationBuilder.json(notifications[0]))
            ) { response throws in
                #expect(response.status == .ok)
                #expect(try Support.issue(response).diagnostics == "queued 0 job(s), 1 already queued")
            }
        }
        let jobs = try JobQueue(path: directory.path("queue.sqlite")).jobs()
        #expect(jobs.map(\.eventNumber) == ["1", "2", "3"])
        #expect(jobs.map { $0.payload != nil } == [true, true, false])
        #expect(jobs[2].sourceBaseURL == "http://127.0.0.1:1/fhir")
    }

    @Test func xmlNotificationsAreAccepted() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let notification = NotificationBuilder.event([try Self.documents()[0]], firstEvent: 1)
        let app = try await Support.application(Self.configuration(directory))
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/fhir/notifications", method: .post, headers: [.contentType: "application/fhir+xml"],
                body: Support.buffer(FHIRXML.serialize(notification))
            ) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/fhir+xml") == true)
            }
        }
        #expect(try JobQueue(path: directory.path("queue.sqlite")).jobs().count == 1)
    }

    @Test func idOnlyWithoutAConfiguredSourceIs422() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let app = try await Support.application(Self.configuration(directory))
        let notification = NotificationBuilder.event([try Self.documents()[0]], firstEvent: 1, idOnly: true)
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/fhir/notifications", method: .post, headers: Self.json,
                body: Support.buffer(NotificationBuilder.json(notification))
            ) { response throws in
                #expect(response.status == .unprocessableContent)
                let issue = try Support.issue(response)
                #expect(issue.code == .businessRule)
                #expect(issue.diagnostics?.contains("--subscription-source") == true)
            }
        }
        #expect(try JobQueue(path: directory.path("queue.sqlite")).jobs().isEmpty)
    }

    @Test func malformedNotificationsAre400() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let app = try await Support.application(Self.configuration(directory))
        try await app.test(.router) { client in
            let collection = FHIRElement.resource("Bundle", [.string("type", "collection")])
            try await client.execute(
                uri: "/fhir/notifications", method: .post, headers: Self.json,
                body: Support.buffer(FHIRJSON.serialize(collection))
            ) { response throws in
                #expect(response.status == .badRequest)
                let issue = try Support.issue(response)
                #expect(issue.code == .value)
                #expect(issue.expression == ["Bundle.type"])
            }
            try await client.execute(
                uri: "/fhir/notifications", method: .post, headers: Self.json, body: ByteBuffer(string: "{\"resourceType\":")
            ) { #expect($0.status == .badRequest) }
        }
    }

    @Test func gapsAreReportedAndCounted() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let metrics = GatewayMetrics()
        let documents = try Self.documents()
        let app = try await Support.application(Self.configuration(directory), metrics: metrics)
        try await app.test(.router) { client in
            for (document, event) in [(documents[0], 1), (documents[1], 4)] {
                try await client.execute(
                    uri: "/fhir/notifications", method: .post, headers: Self.json,
                    body: Support.buffer(NotificationBuilder.json(
                        NotificationBuilder.event([document], firstEvent: event)))
                ) { #expect($0.status == .ok) }
            }
            try await client.execute(
                uri: "/fhir/notifications", method: .post, headers: Self.json,
                body: Support.buffer(NotificationBuilder.json(NotificationBuilder.heartbeat(since: 6)))
            ) { #expect($0.status == .ok) }
        }
        let text = metrics.render()
        #expect(text.contains("notegate_subscription_gaps_total 2"))
        #expect(text.contains("notegate_subscription_missed_events_total 4"))
        #expect(text.contains(#"notegate_subscription_notifications_total{type="heartbeat",shape="R4 backport"} 1"#))
    }

    @Test func theWorkerDeliversQueuedResultsToNDJSON() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let metrics = GatewayMetrics()
        let app = try await Support.application(Self.configuration(directory, runsWorker: true), metrics: metrics)
        let notification = NotificationBuilder.event(try Self.documents(), firstEvent: 1, shape: .r4B)
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/fhir/notifications", method: .post, headers: Self.json,
                body: Support.buffer(NotificationBuilder.json(notification))
            ) { #expect($0.status == .ok) }
            let queue = try JobQueue(path: directory.path("queue.sqlite"))
            let deadline = ContinuousClock.now + .seconds(60)
            while try queue.counts()[.done] != 2, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(try queue.counts()[.done] == 2)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path("out"))
        #expect(files.contains("Condition.job-1.ndjson"))
        #expect(files.contains("MedicationStatement.job-1.ndjson"))
        #expect(!files.contains { $0.hasPrefix(".") })
        #expect(metrics.render().contains("notegate_notes_total 2"))
    }
}
