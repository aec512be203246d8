/// The event counter a notification carries, for gap detection: `events-since-subscription-start` and the
/// `event-number`s of its events.
public struct SubscriptionEventObservation: Sendable, Equatable {
    public var subscription: String
    public var eventsSinceSubscriptionStart: Int64?
    public var eventNumbers: [Int64]

    public init(subscription: String, eventsSinceSubscriptionStart: Int64?, eventNumbers: [Int64]) {
        self.subscription = subscription
        self.eventsSinceSubscriptionStart = eventsSinceSubscriptionStart
        self.eventNumbers = eventNumbers
    }

    /// The newest event this notification tells about (heartbeats tell it through the counter alone).
    var highestEventNumber: Int64? {
        let candidates = eventNumbers + (eventsSinceSubscriptionStart.map { [$0] } ?? [])
        return candidates.max()
    }

    /// The first event this notification carries; without event numbers, the counter itself (a heartbeat saying
    /// 12 after event 10 means 11 and 12 were missed).
    var lowestEventNumber: Int64? {
        eventNumbers.min() ?? eventsSinceSubscriptionStart
    }
}

/// Events of a subscription that never reached the gateway.
public struct SubscriptionEventGap: Sendable, Equatable, CustomStringConvertible {
    public var subscription: String
    public var lastSeen: Int64
    public var received: Int64
    public var missedCount: Int64

    public var description: String {
        "subscription \(subscription): \(missedCount) event(s) missed between \(lastSeen) and \(received)"
    }
}

/// What `JobQueue.enqueue` did.
public struct EnqueueReceipt: Sendable, Equatable {
    public var insertedJobIDs: [Int64]
    /// Jobs already in the queue (a re-sent notification).
    public var duplicateCount: Int
    public var gap: SubscriptionEventGap?
}
