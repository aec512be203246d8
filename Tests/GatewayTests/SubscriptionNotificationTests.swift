import FHIR
import Foundation
import Testing
@testable import Gateway

@Suite struct SubscriptionNotificationTests {
    @Test func readsBackportFullResourceEvent() throws {
        let notification = try SubscriptionFixtures.notification("subscription-backport-full-resource")
        #expect(notification.shape == .r4Backport)
        #expect(notification.kind == .eventNotification)
        #expect(notification.subscription == "https://ehr.example.org/fhir/Subscription/sub-1")
        #expect(notification.topic == "http://hl7.org/SubscriptionTopic/docref-create")
        #expect(notification.eventsSinceSubscriptionStart == 3)
        #expect(notification.events.map(\.eventNumber) == ["3"])
        #expect(notification.events.first?.focus == "https://ehr.example.org/fhir/DocumentReference/dr-100")
        #expect(notification.entries.count == 1)
        #expect(notification.entries[0].resource?.resourceType == "DocumentReference")

        let plan = try notification.plan(sources: [])
        #expect(plan.jobs.count == 1)
        #expect(plan.jobs[0].payload != nil)
        #expect(plan.jobs[0].sourceBaseURL == nil)
        #expect(plan.jobs[0].dedupeKey
            == "https://ehr.example.org/fhir/Subscription/sub-1|3|https://ehr.example.org/fhir/DocumentReference/dr-100")
        let payload = try FHIRJSON.parse(plan.jobs[0].payload!)
        #expect(payload.logicalID == "dr-100")
    }

    @Test func idOnlyEventsNeedAConfiguredSource() throws {
        let notification = try SubscriptionFixtures.notification("subscription-backport-id-only")
        #expect(notification.events.map(\.focus) == ["DocumentReference/dr-101", "DocumentReference/dr-102"])
        #expect(notification.entries.allSatisfy { $0.resource == nil })
        #expect {
            try notification.plan(sources: [])
        } throws: { error in
            let error = try #require(error as? SubscriptionNotificationError)
            return error.code == .unknownSubscription && error.issueType == .businessRule
        }
        let other = SubscriptionSource(subscription: "Subscription/other", baseURL: "https://elsewhere/fhir")
        #expect(throws: SubscriptionNotificationError.self) { try notification.plan(sources: [other]) }

        let source = SubscriptionSource(subscription: "Subscription/sub-1", baseURL: "https://ehr.example.org/fhir/")
        let plan = try notification.plan(sources: [other, source])
        #expect(plan.jobs.map(\.focus) == ["DocumentReference/dr-101", "DocumentReference/dr-102"])
        #expect(plan.jobs.allSatisfy { $0.payload == nil && $0.sourceBaseURL == "https://ehr.example.org/fhir" })
        #expect(plan.jobs.map(\.eventNumber) == ["4", "5"])
    }

    @Test func handshakeAndHeartbeatCarryNoWork() throws {
        let handshake = try SubscriptionFixtures.notification("subscription-backport-handshake")
        #expect(handshake.kind == .handshake)
        #expect(!handshake.kind.carriesEvents)
        #expect(handshake.eventsSinceSubscriptionStart == 0)
        let heartbeat = try SubscriptionFixtures.notification("subscription-backport-heartbeat")
        #expect(heartbeat.kind == .heartbeat)
        #expect(heartbeat.eventObservation.highestEventNumber == 7)
        #expect(heartbeat.eventObservation.lowestEventNumber == 8)  // one past the counter: nothing carried
    }

    @Test func readsR4BSubscriptionStatus() throws {
        let bundle = try SubscriptionFixtures.bundle("subscription-r4b-full-resource")
        #expect(bundle.first("entry")?.first("resource")?.resourceType == "SubscriptionStatus")
        let notification = try SubscriptionNotification(bundle: bundle)
        #expect(notification.shape == .r4B)
        #expect(notification.subscription == "https://ehr.example.org/fhir/Subscription/sub-2")
        #expect(notification.eventsSinceSubscriptionStart == 12)
        #expect(notification.events.map(\.eventNumber) == ["12"])
        let plan = try notification.plan(sources: [])
        #expect(plan.jobs.count == 1)
        #expect(plan.jobs[0].payload != nil)
    }

    @Test func readsR5IdOnlyNotification() throws {
        let notification = try SubscriptionFixtures.notification("subscription-r5-id-only")
        #expect(notification.shape == .r5)
        #expect(notification.eventsSinceSubscriptionStart == 2)
        #expect(notification.events.first?.focus == "DocumentReference/dr-103")
        let plan = try notification.plan(sources: [SubscriptionSource(subscription: "*", baseURL: "http://h/fhir")])
        #expect(plan.jobs.first?.sourceBaseURL == "http://h/fhir")
    }

    @Test func r4ResourcesInsideR5NotificationsAreStillReadStrictly() throws {
        var text = String(decoding: try SubscriptionFixtures.bytes("subscription-r4b-full-resource"), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"status\": \"current\"", with: "\"status\": \"current\", \"bogus\": []")
        #expect(throws: FHIRParseError.self) {
            try NotificationBundleReader.parse(Array(text.utf8), format: .json, maxBytes: 1 << 20)
        }
    }

    @Test func refusesBundlesThatAreNotNotifications() throws {
        let patient = FHIRElement.resource("Patient", id: "p")
        #expect(throws: SubscriptionNotificationError.self) { try SubscriptionNotification(bundle: patient) }

        var bundle = try SubscriptionFixtures.bundle("subscription-backport-handshake")
        bundle.set("type", to: .string("type", "collection"))
        let typeError = try #require(throws: SubscriptionNotificationError.self) {
            try SubscriptionNotification(bundle: bundle)
        }
        #expect(typeError.code == .unsupportedBundleType)
        #expect(typeError.expression == "Bundle.type")
        #expect(typeError.operationOutcome.issues.first?.code == .value)

        let empty = FHIRElement.resource("Bundle", [.string("type", "history")])
        let statusError = try #require(throws: SubscriptionNotificationError.self) {
            try SubscriptionNotification(bundle: empty)
        }
        #expect(statusError.code == .missingStatus)
        #expect(statusError.expression == "Bundle.entry[0].resource")
    }

    @Test func reportsTheParameterOfAnUnknownNotificationType() throws {
        var text = String(decoding: try SubscriptionFixtures.bytes("subscription-backport-handshake"), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"valueCode\": \"handshake\"", with: "\"valueCode\": \"greeting\"")
        let bundle = try FHIRJSON.parse(text)
        let error = try #require(throws: SubscriptionNotificationError.self) {
            try SubscriptionNotification(bundle: bundle)
        }
        #expect(error.code == .invalidStatus)
        #expect(error.expression == "Bundle.entry[0].resource.parameter[3].valueCode")
        #expect(error.message.contains("greeting"))
    }

    @Test func refusesNonNumericEventNumbers() throws {
        var text = String(decoding: try SubscriptionFixtures.bytes("subscription-backport-id-only"), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"valueString\": \"4\"", with: "\"valueString\": \"four\"")
        let error = try #require(throws: SubscriptionNotificationError.self) {
            try SubscriptionNotification(bundle: FHIRJSON.parse(text))
        }
        #expect(error.code == .invalidEvent)
    }

    @Test func skipsFocusesThatAreNotDocuments() throws {
        var text = String(decoding: try SubscriptionFixtures.bytes("subscription-backport-id-only"), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"reference\": \"DocumentReference/dr-101\"", with: "\"reference\": \"Patient/p1\"")
        let notification = try SubscriptionNotification(bundle: FHIRJSON.parse(text))
        let plan = try notification.plan(sources: [SubscriptionSource(subscription: "*", baseURL: "http://h/fhir")])
        #expect(plan.jobs.map(\.focus) == ["DocumentReference/dr-102"])
        #expect(plan.skipped.count == 1)
        #expect(plan.skipped[0].contains("Patient/p1"))
    }

    @Test func resourceTypeOfReferences() {
        #expect(SubscriptionNotification.resourceType(of: "DocumentReference/1") == "DocumentReference")
        #expect(SubscriptionNotification.resourceType(of: "https://h/fhir/DocumentReference/1/_history/3")
            == "DocumentReference")
        #expect(SubscriptionNotification.resourceType(of: "urn:uuid:1234") == nil)
    }

    @Test func sourcesMatchRelativeAndAbsoluteSubscriptions() {
        let exact = SubscriptionSource(subscription: "Subscription/1", baseURL: "http://a/fhir")
        let wildcard = SubscriptionSource(subscription: "*", baseURL: "http://b/fhir")
        #expect(exact.matches("https://h/fhir/Subscription/1"))
        #expect(!exact.matches("https://h/fhir/Subscription/11"))
        #expect([wildcard, exact].source(for: "Subscription/1")?.baseURL == "http://a/fhir")
        #expect([wildcard, exact].source(for: "Subscription/2")?.baseURL == "http://b/fhir")
        #expect(SubscriptionSource(argument: "Subscription/1=ftp://x") == nil)
        #expect(SubscriptionSource(argument: "Subscription/1=http://x/fhir")?.baseURL == "http://x/fhir")
    }
}
