import FHIR
import Foundation

/// Builds subscription notifications in the three shapes, for documents given as elements (full-resource) or as
/// references only (id-only).
enum NotificationBuilder {
    enum Shape { case backport, r4B, r5 }

    static let subscription = "http://127.0.0.1/fhir/Subscription/sub-1"

    static func handshake(shape: Shape = .backport, subscription: String = subscription) -> FHIRElement {
        notification(shape: shape, kind: "handshake", since: 0, events: [], subscription: subscription)
    }

    static func heartbeat(since: Int, subscription: String = subscription) -> FHIRElement {
        notification(shape: .backport, kind: "heartbeat", since: since, events: [], subscription: subscription)
    }

    /// One event per document; `firstEvent` numbers them. `idOnly` leaves the resources out.
    static func event(
        _ documents: [FHIRElement], firstEvent: Int, shape: Shape = .backport, idOnly: Bool = false,
        subscription: String = subscription
    ) -> FHIRElement {
        let events = documents.enumerated().map { index, document in
            (firstEvent + index, "DocumentReference/\(document.logicalID ?? "")", idOnly ? nil : document)
        }
        return notification(
            shape: shape, kind: "event-notification", since: firstEvent + documents.count - 1, events: events,
            subscription: subscription)
    }

    private static func notification(
        shape: Shape, kind: String, since: Int, events: [(Int, String, FHIRElement?)], subscription: String
    ) -> FHIRElement {
        let status: FHIRElement
        switch shape {
        case .backport:
            var parameters = FHIRElement.resource("Parameters", [
                parameter("subscription", .complex("valueReference", [.string("reference", subscription)])),
                parameter("topic", .string("valueCanonical", "http://example.org/topic/docref")),
                parameter("status", .string("valueCode", "active")),
                parameter("type", .string("valueCode", kind)),
                parameter("events-since-subscription-start", .string("valueString", String(since))),
            ])
            for (number, focus, _) in events {
                parameters.append(.complex("parameter", [
                    .string("name", "notification-event"),
                    .complex("part", [.string("name", "event-number"), .string("valueString", String(number))]),
                    .complex("part", [
                        .string("name", "focus"), .complex("valueReference", [.string("reference", focus)]),
                    ]),
                ]))
            }
            status = parameters
        case .r4B, .r5:
            var resource = FHIRElement.resource("SubscriptionStatus", [
                .string("status", "active"), .string("type", kind),
                shape == .r5 ? .integer("eventsSinceSubscriptionStart", since)
                    : .string("eventsSinceSubscriptionStart", String(since)),
                .complex("subscription", [.string("reference", subscription)]),
            ])
            for (number, focus, _) in events {
                resource.append(.complex("notificationEvent", [
                    shape == .r5 ? .integer("eventNumber", number) : .string("eventNumber", String(number)),
                    .complex("focus", [.string("reference", focus)]),
                ]))
            }
            status = resource
        }
        var bundle = FHIRElement.resource("Bundle", [.string("type", shape == .r5 ? "subscription-notification" : "history")])
        bundle.append(.complex("entry", [
            .string("fullUrl", "urn:uuid:\(UUID().uuidString.lowercased())"), .nested("resource", resource: status),
        ]))
        for (_, focus, document) in events {
            var entry = FHIRElement.complex("entry", [.string("fullUrl", "http://127.0.0.1/fhir/\(focus)")])
            if let document { entry.append(.nested("resource", resource: document)) }
            entry.append(.complex("request", [.string("method", "POST"), .string("url", "DocumentReference")]))
            bundle.append(entry)
        }
        return bundle
    }

    private static func parameter(_ name: String, _ value: FHIRElement) -> FHIRElement {
        .complex("parameter", [.string("name", name), value])
    }

    /// JSON bytes; SubscriptionStatus is not an R4 resource, so it is written through a `Basic` and renamed (the
    /// R4 writer orders elements by the R4 definitions and would not know it).
    static func json(_ bundle: FHIRElement) -> Data {
        var copy = bundle
        var renamed = false
        if let entry = copy.children.firstIndex(where: { $0.name == "entry" }),
           let resource = copy.children[entry].children.firstIndex(where: { $0.name == "resource" }),
           copy.children[entry].children[resource].resourceType == "SubscriptionStatus" {
            copy.children[entry].children[resource].resourceType = "Basic"
            renamed = true
        }
        var text = FHIRJSON.serializeString(copy)
        if renamed {
            text = text.replacingOccurrences(of: "\"resourceType\":\"Basic\"", with: "\"resourceType\":\"SubscriptionStatus\"")
        }
        return Data(text.utf8)
    }
}
