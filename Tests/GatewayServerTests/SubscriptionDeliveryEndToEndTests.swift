import FHIR
import Foundation
import Gateway
import Terminology
import Testing

/// The acceptance test of subscriptions: a real `notegate serve` process acknowledges notifications, is killed with
/// SIGKILL before its results are delivered (one transaction committed by the FHIR server but never acknowledged),
/// and after a restart on the same queue every result reaches the FHIR server exactly once.
@Suite(.serialized) struct SubscriptionDeliveryEndToEndTests {
    static func documents() throws -> [FHIRElement] {
        let base = try FHIRJSON.parse(ServerTestSupport.fixture("two-notes-bundle")).all(path: "entry.resource")
        // Four documents: the two fixtures and two copies under other ids (distinct deterministic resource ids).
        return base + base.enumerated().map { index, document in
            var copy = document
            copy.set("id", to: .string("id", "copy-\(index)"))
            copy.set("identifier", to: [.complex("identifier", [
                .string("system", "urn:example:notes"), .string("value", "copy-\(index)"),
            ])])
            return copy
        }
    }

    @Test(.timeLimit(.minutes(5)))
    func everyResultIsDeliveredExactlyOnceAcrossASIGKILL() async throws {
        let documents = try Self.documents()
        var expected = Set<String>()
        for document in documents {
            let output = try await ServerTestSupport.engine().extractResources(from: document)
            expected.formUnion(output.resources.map { "\($0.resourceType ?? "")/\($0.logicalID ?? "")" })
        }
        #expect(expected.count > documents.count)

        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let fhir = FakeFHIRServer(documents: documents, mode: .commitFirstThenHang)
        try await fhir.start()
        defer { fhir.stop() }
        let arguments = [
            "--queue", directory.path("queue.sqlite"), "--deliver-fhir", fhir.baseURL,
            "--subscription-source", "*=\(fhir.baseURL)", "--retry-delay", "0.2", "--max-attempts", "100",
            "--workers", "1", "--log-level", "warning",
        ]
        let client = CurlHTTPClient(configuration: .init(requestTimeout: .seconds(30), retry: .none))
        let notifications = [
            NotificationBuilder.event([documents[0]], firstEvent: 1, shape: .backport),
            NotificationBuilder.event([documents[1]], firstEvent: 2, shape: .backport, idOnly: true),
            NotificationBuilder.event([documents[2]], firstEvent: 3, shape: .r4B),
            NotificationBuilder.event([documents[3]], firstEvent: 4, shape: .r5, idOnly: true),
        ]

        // Phase 1: acknowledge everything, then die with one delivery committed but not acknowledged.
        let first = try GatewayProcess(arguments: arguments)
        defer { first.kill(SIGKILL) }
        let firstURL = try await first.waitUntilListening()
        for notification in notifications {
            let response = try await client.send(HTTPClientRequest(
                method: "POST", url: "\(firstURL)/fhir/notifications",
                headers: [("Content-Type", "application/fhir+json")], body: NotificationBuilder.json(notification)))
            #expect(response.status == 200)
        }
        let committedDeadline = ContinuousClock.now + .seconds(120)
        while !fhir.state.withLock({ $0.hangingCommitted }), ContinuousClock.now < committedDeadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        try #require(fhir.state.withLock { $0.hangingCommitted }, "the gateway never delivered its first job")
        first.kill(SIGKILL)
        #expect(try await first.waitForExit() == SIGKILL)
        let storedAtKill = Set(fhir.state.withLock { $0.stored.values })
        #expect(storedAtKill.count < expected.count, "some results must still be undelivered at the kill")

        // Phase 2: restart on the same queue; the FHIR server now answers normally.
        fhir.setMode(.normal)
        let second = try GatewayProcess(arguments: arguments)
        defer { second.kill(SIGKILL) }
        let secondURL = try await second.waitUntilListening()
        let deliveredDeadline = ContinuousClock.now + .seconds(120)
        var jobsDone = 0
        while ContinuousClock.now < deliveredDeadline {
            let health = try await client.send(HTTPClientRequest(url: "\(secondURL)/healthz"))
            let json = try JSONSerialization.jsonObject(with: health.body) as? [String: Any]
            jobsDone = (json?["jobs"] as? [String: Int])?["done"] ?? 0
            if jobsDone == notifications.count { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(jobsDone == notifications.count)

        let (stored, creations, hits) = fhir.state.withLock { ($0.stored, $0.creations, $0.conditionalHits) }
        #expect(Set(stored.values) == expected, "no loss: every expected resource reached the server")
        #expect(stored.count == expected.count)
        #expect(creations.values.allSatisfy { $0 == 1 }, "no duplicate: each resource created once")
        #expect(hits > 0, "the unacknowledged transaction was re-sent and absorbed by the conditional creates")

        // Graceful shutdown on SIGTERM.
        second.kill(SIGTERM)
        #expect(try await second.waitForExit() == 0)
    }
}
