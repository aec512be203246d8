import FHIR

extension SubscriptionNotification {
    /// Reads a notification Bundle (already parsed from JSON or XML). Throws `SubscriptionNotificationError` with
    /// the FHIRPath of the offending element.
    public init(bundle: FHIRElement) throws {
        guard bundle.resourceType == "Bundle" else {
            throw SubscriptionNotificationError(
                .notABundle,
                "a subscription notification is a Bundle, got \(bundle.resourceType ?? bundle.name)",
                expression: bundle.resourceType ?? bundle.name)
        }
        let bundleType = bundle.string("type")
        guard bundleType == "history" || bundleType == "subscription-notification" else {
            throw SubscriptionNotificationError(
                .unsupportedBundleType,
                "Bundle.type must be 'history' (R4 backport, R4B) or 'subscription-notification' (R5), got "
                    + (bundleType.map { "'\($0)'" } ?? "nothing"),
                expression: "Bundle.type")
        }
        let entryNodes = bundle.all("entry")
        guard let statusResource = entryNodes.first?.first("resource") else {
            throw SubscriptionNotificationError(
                .missingStatus, "the notification Bundle has no entry[0].resource (the subscription status)",
                expression: "Bundle.entry[0].resource")
        }
        let statusType = statusResource.resourceType ?? statusResource.name
        switch (bundleType, statusType) {
        case ("history", "Parameters"):
            self = try Self.readBackportStatus(statusResource)
        case ("history", "SubscriptionStatus"):
            self = try Self.readSubscriptionStatus(statusResource, shape: .r4B)
        case ("subscription-notification", "SubscriptionStatus"):
            self = try Self.readSubscriptionStatus(statusResource, shape: .r5)
        case ("history", _), ("subscription-notification", _):
            throw SubscriptionNotificationError(
                .missingStatus,
                "entry[0] of a notification must be a Parameters (R4 backport) or SubscriptionStatus (R4B/R5), "
                    + "got \(statusType)",
                expression: "Bundle.entry[0].resource")
        default:
            throw SubscriptionNotificationError(
                .unsupportedBundleType,
                "Bundle.type must be 'history' (R4 backport, R4B) or 'subscription-notification' (R5), got "
                    + (bundleType.map { "'\($0)'" } ?? "nothing"),
                expression: "Bundle.type")
        }
        entries = entryNodes.enumerated().dropFirst().map { index, node in
            Entry(
                fullUrl: node.string("fullUrl"), requestURL: node.string(path: "request.url"),
                resource: node.first("resource"), expression: "Bundle.entry[\(index)]")
        }
    }

    // MARK: R4 backport: Parameters

    private static func readBackportStatus(_ parameters: FHIRElement) throws -> SubscriptionNotification {
        let base = "Bundle.entry[0].resource"
        let parameterNodes = parameters.all("parameter")
        func parameter(_ name: String) -> (FHIRElement, Int)? {
            parameterNodes.enumerated().first { $0.element.string("name") == name }.map { ($0.element, $0.offset) }
        }
        guard let (subscriptionNode, _) = parameter("subscription"),
              let subscription = subscriptionNode.string(path: "valueReference.reference")
        else {
            throw SubscriptionNotificationError(
                .invalidStatus, "the status Parameters lacks 'subscription' (valueReference.reference)",
                expression: "\(base).parameter")
        }
        let typeParameter = parameter("type")
        let kind = try readKind(
            typeParameter?.0.choice("value")?.value?.text,
            expression: typeParameter.map { "\(base).parameter[\($0.1)].valueCode" } ?? "\(base).parameter")
        var eventsSince: Int64?
        if let (node, index) = parameter("events-since-subscription-start") {
            eventsSince = try readCounter(
                node.choice("value")?.value?.text, expression: "\(base).parameter[\(index)].valueString")
        }
        var events: [Event] = []
        for (index, node) in parameterNodes.enumerated() where node.string("name") == "notification-event" {
            let parts = node.all("part")
            func part(_ name: String) -> FHIRElement? { parts.first { $0.string("name") == name } }
            let eventNumber = part("event-number")?.choice("value")?.value?.text
            if let eventNumber, Int64(eventNumber) == nil {
                throw SubscriptionNotificationError(
                    .invalidEvent, "event-number must be an integer, got '\(eventNumber)'",
                    expression: "\(base).parameter[\(index)].part")
            }
            events.append(Event(
                eventNumber: eventNumber, timestamp: part("timestamp")?.choice("value")?.value?.text,
                focus: part("focus")?.string(path: "valueReference.reference")))
        }
        return SubscriptionNotification(
            shape: .r4Backport, subscription: subscription,
            topic: parameter("topic")?.0.choice("value")?.value?.text,
            status: parameter("status")?.0.choice("value")?.value?.text, kind: kind,
            eventsSinceSubscriptionStart: eventsSince, events: events, entries: [])
    }

    // MARK: R4B / R5: SubscriptionStatus

    private static func readSubscriptionStatus(_ status: FHIRElement, shape: Shape) throws -> SubscriptionNotification {
        let base = "Bundle.entry[0].resource"
        guard let subscription = status.string(path: "subscription.reference") else {
            throw SubscriptionNotificationError(
                .invalidStatus, "SubscriptionStatus.subscription.reference is required",
                expression: "\(base).subscription")
        }
        let kind = try readKind(status.string("type"), expression: "\(base).type")
        let eventsSince = try readCounter(
            status.string("eventsSinceSubscriptionStart"), expression: "\(base).eventsSinceSubscriptionStart")
        var events: [Event] = []
        for (index, node) in status.all("notificationEvent").enumerated() {
            let eventNumber = node.string("eventNumber")
            if let eventNumber, Int64(eventNumber) == nil {
                throw SubscriptionNotificationError(
                    .invalidEvent, "eventNumber must be an integer, got '\(eventNumber)'",
                    expression: "\(base).notificationEvent[\(index)].eventNumber")
            }
            events.append(Event(
                eventNumber: eventNumber, timestamp: node.string("timestamp"),
                focus: node.string(path: "focus.reference")))
        }
        return SubscriptionNotification(
            shape: shape, subscription: subscription, topic: status.string("topic"),
            status: status.string("status"), kind: kind, eventsSinceSubscriptionStart: eventsSince,
            events: events, entries: [])
    }

    // MARK: Shared

    private static func readKind(_ text: String?, expression: String) throws -> Kind {
        guard let text else {
            throw SubscriptionNotificationError(
                .invalidStatus, "the notification status has no 'type' (handshake, heartbeat, event-notification, ...)",
                expression: expression)
        }
        guard let kind = Kind(rawValue: text) else {
            throw SubscriptionNotificationError(
                .invalidStatus,
                "unknown notification type '\(text)' (expected one of "
                    + Kind.allCases.map(\.rawValue).joined(separator: ", ") + ")",
                expression: expression)
        }
        return kind
    }

    private static func readCounter(_ text: String?, expression: String) throws -> Int64? {
        guard let text else { return nil }
        guard let value = Int64(text), value >= 0 else {
            throw SubscriptionNotificationError(
                .invalidStatus, "events-since-subscription-start must be a non-negative integer, got '\(text)'",
                expression: expression)
        }
        return value
    }
}
