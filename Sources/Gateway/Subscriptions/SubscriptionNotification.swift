import FHIR

/// A rest-hook subscription notification, read from any of the three shapes NoteGate accepts:
/// R4 Subscriptions Backport (`Bundle.type` history, a `Parameters` status first), R4B (history with a
/// `SubscriptionStatus` first) and R5 (`Bundle.type` subscription-notification with a `SubscriptionStatus` first).
public struct SubscriptionNotification: Sendable, Equatable {
    public enum Shape: String, Sendable, Equatable {
        case r4Backport = "R4 backport"
        case r4B = "R4B"
        case r5 = "R5"
    }

    /// `type` of the status (http://hl7.org/fhir/subscription-notification-type).
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case handshake
        case heartbeat
        case eventNotification = "event-notification"
        case queryStatus = "query-status"
        case queryEvent = "query-event"

        /// Handshakes, heartbeats and status answers carry no work.
        public var carriesEvents: Bool { self == .eventNotification || self == .queryEvent }
    }

    public struct Event: Sendable, Equatable {
        public var eventNumber: String?
        public var timestamp: String?
        /// `focus.reference`, e.g. `DocumentReference/123` or an absolute URL.
        public var focus: String?
    }

    /// A Bundle entry after the status: `resource` is nil for `id-only` payloads.
    public struct Entry: Sendable, Equatable {
        public var fullUrl: String?
        public var requestURL: String?
        public var resource: FHIRElement?
        /// FHIRPath of the entry, for error messages.
        public var expression: String
    }

    public var shape: Shape
    public var subscription: String
    public var topic: String?
    public var status: String?
    public var kind: Kind
    public var eventsSinceSubscriptionStart: Int64?
    public var events: [Event]
    public var entries: [Entry]

    /// The event counter for gap detection.
    public var eventObservation: SubscriptionEventObservation {
        SubscriptionEventObservation(
            subscription: subscription, eventsSinceSubscriptionStart: eventsSinceSubscriptionStart,
            eventNumbers: events.compactMap { $0.eventNumber.flatMap { Int64($0) } },
            eventCount: kind.carriesEvents ? (events.isEmpty ? entries.count : events.count) : 0)
    }

    /// The entry holding (or naming) the resource a reference points at: same `fullUrl`, a `fullUrl` ending in
    /// `/<reference>`, or a resource whose `type/id` is the reference.
    public func entry(for reference: String) -> Entry? {
        entries.first { entry in
            if let fullUrl = entry.fullUrl {
                if fullUrl == reference || fullUrl.hasSuffix("/" + reference) || reference.hasSuffix("/" + fullUrl) {
                    return true
                }
            }
            if let resource = entry.resource, let type = resource.resourceType, let id = resource.logicalID {
                let relative = "\(type)/\(id)"
                return reference == relative || reference.hasSuffix("/" + relative)
            }
            return false
        }
    }
}
