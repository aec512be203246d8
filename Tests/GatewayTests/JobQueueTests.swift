import FHIR
import Foundation
import Testing
@testable import Gateway

@Suite struct JobQueueTests {
    @Test func enqueueIsIdempotentPerEvent() throws {
        let temporary = try TemporaryQueue()
        defer { temporary.cleanUp() }
        let queue = try temporary.open()
        let first = try queue.enqueue([.fullResource("a", event: 1), .fullResource("b", event: 2)])
        #expect(first.insertedJobIDs.count == 2)
        #expect(first.duplicateCount == 0)
        let again = try queue.enqueue([.fullResource("b", event: 2), .fullResource("c", event: 3)])
        #expect(again.insertedJobIDs.count == 1)
        #expect(again.duplicateCount == 1)
        #expect(try queue.counts()[.pending] == 3)
    }

    @Test func jobsSurviveReopeningTheFile() throws {
        let temporary = try TemporaryQueue()
        defer { temporary.cleanUp() }
        do {
            let queue = try temporary.open()
            try queue.enqueue([.fullResource("a", event: 1)])
            _ = try queue.claimNext()
        }
        let reopened = try temporary.open()
        let jobs = try reopened.jobs()
        #expect(jobs.count == 1)
        #expect(jobs[0].state == .processing)
        #expect(try reopened.recoverInterrupted() == 1)
        let claimed = try #require(try reopened.claimNext())
        #expect(claimed.focus == "DocumentReference/a")
        #expect(claimed.payload != nil)
    }

    @Test func claimTakesTheOldestReadyJobOnce() throws {
        let temporary = try TemporaryQueue()
        defer { temporary.cleanUp() }
        let queue = try temporary.open()
        try queue.enqueue([.fullResource("a", event: 1), .fullResource("b", event: 2)])
        let first = try #require(try queue.claimNext())
        let second = try #require(try queue.claimNext())
        #expect(first.focus == "DocumentReference/a")
        #expect(second.focus == "DocumentReference/b")
        #expect(try queue.claimNext() == nil)
    }

    @Test func retryWaitsUntilNotBeforeAndCountsAttempts() throws {
        let temporary = try TemporaryQueue()
        defer { temporary.cleanUp() }
        let queue = try temporary.open()
        try queue.enqueue([.fullResource("a", event: 1)])
        let job = try #require(try queue.claimNext())
        let now = Date()
        try queue.retry(jobID: job.id, error: "{}", notBefore: now.addingTimeInterval(60), now: now)
        #expect(try queue.claimNext(now: now) == nil)
        #expect(try queue.nextReadyDate().map { abs($0.timeIntervalSince(now) - 60) < 1 } == true)
        let later = try #require(try queue.claimNext(now: now.addingTimeInterval(61)))
        #expect(later.attempts == 1)
        #expect(later.lastError == "{}")
    }

    @Test func resultsDeliveriesAndTerminalStatesAreRecorded() throws {
        let temporary = try TemporaryQueue()
        defer { temporary.cleanUp() }
        let queue = try temporary.open()
        try queue.enqueue([.fullResource("a", event: 1), .fullResource("b", event: 2)])
        let a = try #require(try queue.claimNext())
        try queue.storeResult(jobID: a.id, result: Data("{}\n".utf8))
        try queue.markDelivered(jobID: a.id, sink: "fhir:x")
        try queue.markDelivered(jobID: a.id, sink: "fhir:x")
        try queue.complete(jobID: a.id)
        let b = try #require(try queue.claimNext())
        try queue.deadLetter(jobID: b.id, error: "gone")
        let stored = try #require(try queue.job(id: a.id))
        #expect(stored.state == .done)
        #expect(stored.deliveredSinks == ["fhir:x"])
        #expect(stored.result == Data("{}\n".utf8))
        #expect(try queue.job(id: b.id)?.state == .dead)
        #expect(try queue.job(id: b.id)?.lastError == "gone")
        let counts = try queue.counts()
        #expect(counts[.done] == 1 && counts[.dead] == 1 && counts[.pending] == 0 && counts[.processing] == 0)
    }

    @Test func detectsGapsInEventNumbers() throws {
        let temporary = try TemporaryQueue()
        defer { temporary.cleanUp() }
        let queue = try temporary.open()
        let subscription = "Subscription/s1"
        func observe(_ since: Int64?, _ numbers: [Int64]) throws -> SubscriptionEventGap? {
            try queue.observe(SubscriptionEventObservation(
                subscription: subscription, eventsSinceSubscriptionStart: since, eventNumbers: numbers))
        }
        #expect(try observe(0, []) == nil)  // handshake: baseline
        #expect(try observe(2, [1, 2]) == nil)
        let gap = try #require(try observe(5, [5]))
        #expect(gap.lastSeen == 2 && gap.received == 5 && gap.missedCount == 2)
        #expect(try observe(5, [5]) == nil)  // re-sent: no new gap
        let heartbeatGap = try #require(try observe(8, []))  // a heartbeat saying 8 after 5: 6, 7, 8 missed
        #expect(heartbeatGap.missedCount == 3)
        #expect(try observe(8, []) == nil)
        #expect(try queue.missedEvents()[subscription] == 5)
    }

    @Test func reportsAnUnwritableQueuePath() {
        #expect(throws: JobQueueError.self) { try JobQueue(path: "/proc/notegate/queue.sqlite") }
    }
}
