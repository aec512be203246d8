/// The event counter a notification carries, for gap detection: `events-since-subscription-start` and the
/// `event-number`s of its events.
public struct SubscriptionEventObservation: Sendable, Equatable {
    public var subscription: String
    public var eventsSinceSubscriptionStart: Int64?
    public var eventNumbers: [Int64]
    /// Events the notification carries (0 for handshakes and heartbeats), for counters without event numbers.
    public var eventCount: Int

    public init(subscription: String, eventsSinceSubscriptionStart: Int64?, eventNumbers: [Int64], eventCount: Int? = nil) {
        self.subscription = subscription
        self.eventsSinceSubscriptionStart = eventsSinceSubscriptionStart
        self.eventNumbers = eventNumbers
        self.eventCount = eventCount ?? eventNumbers.count
    }

    /// The newest event this notification tells about (heartbeats tell it through the counter alone).
    var highestEventNumber: Int64? {
        let candidates = eventNumbers + (eventsSinceSubscriptionStart.map { [$0] } ?? [])
        return candidates.max()
    }

    /// The first event this notification carries; without event numbers, derived from the counter (the last
    /// `eventCount` events). For a heartbeat it is one past the counter: a heartbeat saying 12 after event 10
    /// means 11 and 12 were missed.
    var lowestEventNumber: Int64? {
        if let lowest = eventNumbers.min() { return lowest }
        return eventsSinceSubscriptionStart.map { $0 - Int64(eventCount) + 1 }
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
