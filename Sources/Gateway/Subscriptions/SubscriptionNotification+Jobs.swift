import FHIR
import Foundation

extension SubscriptionNotification {
    /// The work a notification asks for: one job per event focus that is a DocumentReference (or a Bundle).
    public struct Plan: Sendable {
        public var jobs: [NewNotificationJob]
        /// Events that carry nothing to process (no focus with `empty` payloads, other resource types), with why.
        public var skipped: [String]
    }

    /// Plans the jobs of an event notification. A `full-resource` focus travels in the job; an `id-only` focus
    /// needs a configured `SubscriptionSource` to be fetched from (else `unknownSubscription`, HTTP 422, so the
    /// server marks its subscription in error instead of losing events silently).
    public func plan(sources: [SubscriptionSource]) throws -> Plan {
        var jobs: [NewNotificationJob] = []
        var skipped: [String] = []
        var targets: [(eventNumber: String?, focus: String)] = []
        if events.isEmpty {
            // Some servers list no notification-event: every entry after the status is the event's focus.
            targets = entries.compactMap { entry in
                (entry.fullUrl ?? entry.resource.flatMap { r in r.logicalID.map { "\(r.resourceType ?? "")/\($0)" } })
                    .map { (nil, $0) }
            }
        } else {
            for (index, event) in events.enumerated() {
                guard let focus = event.focus else {
                    skipped.append("event \(event.eventNumber ?? String(index)) has no focus (empty payload)")
                    continue
                }
                targets.append((event.eventNumber, focus))
            }
        }
        for target in targets {
            let entry = entry(for: target.focus)
            let resource = entry?.resource
            let type = resource?.resourceType ?? Self.resourceType(of: target.focus)
            guard type == "DocumentReference" || type == "Bundle" else {
                skipped.append("focus \(target.focus) is a \(type ?? "resource of unknown type"), not a DocumentReference")
                continue
            }
            let key = [subscription, target.eventNumber ?? "-", target.focus].joined(separator: "|")
            if let resource {
                jobs.append(NewNotificationJob(
                    dedupeKey: key, subscription: subscription, eventNumber: target.eventNumber,
                    focus: target.focus, sourceBaseURL: nil, payload: FHIRJSON.serialize(resource)))
            } else {
                guard let source = sources.source(for: subscription) else {
                    throw SubscriptionNotificationError(
                        .unknownSubscription,
                        "the notification names \(target.focus) without its content (id-only) and no source server "
                            + "is configured for subscription \(subscription) (notegate serve --subscription-source)",
                        expression: "Bundle.entry[0].resource")
                }
                jobs.append(NewNotificationJob(
                    dedupeKey: key, subscription: subscription, eventNumber: target.eventNumber,
                    focus: target.focus, sourceBaseURL: source.baseURL, payload: nil))
            }
        }
        return Plan(jobs: jobs, skipped: skipped)
    }

    /// `DocumentReference/1`, `https://h/fhir/DocumentReference/1/_history/2` → `DocumentReference`.
    static func resourceType(of reference: String) -> String? {
        var parts = reference.split(separator: "/").map(String.init)
        if let history = parts.firstIndex(of: "_history") { parts = Array(parts[..<history]) }
        guard parts.count >= 2 else { return nil }
        return parts[parts.count - 2]
    }
}
