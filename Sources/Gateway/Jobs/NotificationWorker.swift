import FHIR
import Foundation
import Logging
import Synchronization

/// Works through the durable queue: loads each job's document (from the notification, or fetched from the
/// notifying server for `id-only`), runs the pipeline once, stores the result, delivers it to every sink that has
/// not acknowledged it yet, and retries with backoff or dead-letters on failure.
///
/// Crash safety: the result and each sink's acknowledgement are recorded in the queue as soon as they happen, and
/// jobs left `processing` are handed back at start-up, so a killed gateway resumes exactly where it stopped; the
/// only repeated step is a delivery that happened but was not yet recorded, which the sinks make idempotent.
public final class NotificationWorker: Sendable {
    public let queue: JobQueue
    let service: any NoteExtractionService
    let fetcher: FocusResourceFetcher?
    let sinks: [any DeliverySink]
    let policy: DeliveryPolicy
    let concurrency: Int
    let pollInterval: Duration
    let observer: (any NotificationWorkerObserver)?
    let logger: Logger
    private let wakeStream: AsyncStream<Void>
    private let wakeContinuation: AsyncStream<Void>.Continuation

    public init(
        queue: JobQueue, service: any NoteExtractionService, fetcher: FocusResourceFetcher?,
        sinks: [any DeliverySink], policy: DeliveryPolicy = DeliveryPolicy(), concurrency: Int = 2,
        pollInterval: Duration = .milliseconds(500), observer: (any NotificationWorkerObserver)? = nil,
        logger: Logger = Logger(label: "notegate.jobs")
    ) {
        self.queue = queue
        self.service = service
        self.fetcher = fetcher
        self.sinks = sinks
        self.policy = policy
        self.concurrency = max(1, concurrency)
        self.pollInterval = pollInterval
        self.observer = observer
        self.logger = logger
        (wakeStream, wakeContinuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks the worker to look at the queue now (after an enqueue) instead of at the next poll.
    public func wake() {
        wakeContinuation.yield()
    }

    /// Runs until the task is cancelled. Jobs interrupted by an earlier crash are picked up first.
    public func run() async {
        do {
            let recovered = try queue.recoverInterrupted()
            if recovered > 0 { logger.warning("resuming interrupted jobs", metadata: ["count": "\(recovered)"]) }
        } catch {
            logger.error("cannot recover interrupted jobs", metadata: ["error": "\(error)"])
        }
        let interval = pollInterval
        let continuation = wakeContinuation
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                continuation.yield()
            }
        }
        defer { ticker.cancel() }
        wake()
        for await _ in wakeStream {
            if Task.isCancelled { break }
            await drain()
        }
    }

    /// Processes every job that is ready now, `concurrency` at a time. Returns how many were processed.
    @discardableResult
    public func drain() async -> Int {
        await withTaskGroup(of: Void.self) { group in
            var running = 0, processed = 0
            while !Task.isCancelled {
                let job: NotificationJob?
                do { job = try queue.claimNext() } catch {
                    logger.error("cannot claim a job", metadata: ["error": "\(error)"])
                    break
                }
                guard let job else { break }
                if running == concurrency {
                    await group.next()
                    running -= 1
                }
                group.addTask { await self.process(job) }
                running += 1
                processed += 1
            }
            await group.waitForAll()
            if processed > 0, let observer, let counts = try? queue.counts() { observer.queueDepth(counts) }
            return processed
        }
    }

    /// One attempt at one claimed job.
    func process(_ job: NotificationJob) async {
        var metadata: Logger.Metadata = [
            "job": "\(job.id)", "subscription": .string(job.subscription), "attempt": "\(job.attempts + 1)",
        ]
        if let focus = job.focus { metadata["focus"] = .string(focus) }
        do {
            let resources = try await resultResources(for: job)
            var failures: [JobFailure] = []
            for sink in sinks where !job.deliveredSinks.contains(sink.name) {
                do {
                    try await sink.deliver(resources, job: job)
                    try queue.markDelivered(jobID: job.id, sink: sink.name)
                    observer?.delivery(sink: sink.name, outcome: "delivered")
                } catch {
                    let failure = JobFailure.from(error)
                    observer?.delivery(sink: sink.name, outcome: failure.retryable ? "retry" : "dead")
                    logger.warning(
                        "delivery failed",
                        metadata: metadata.merging(["sink": .string(sink.name), "error": "\(failure)"]) { $1 })
                    failures.append(failure)
                }
            }
            if let failure = failures.first(where: { !$0.retryable }) ?? failures.first {
                fail(job, failure, metadata: metadata)
            } else {
                try queue.complete(jobID: job.id)
                logger.info("job delivered", metadata: metadata.merging(["resources": "\(resources.count)"]) { $1 })
            }
        } catch {
            fail(job, JobFailure.from(error), metadata: metadata)
        }
    }

    /// The stored result, or a fresh extraction (stored before any delivery).
    private func resultResources(for job: NotificationJob) async throws -> [FHIRElement] {
        if let stored = job.result { return try Self.decodeNDJSON(stored) }
        let input = try await loadInput(job)
        let output = try await service.extractResources(from: input)
        observer?.jobExtracted(output.statistics)
        if !output.issues.isEmpty {
            logger.notice(
                "document issues",
                metadata: ["job": "\(job.id)", "issues": .string(output.issues.map(\.code.rawValue).joined(separator: ","))])
        }
        try queue.storeResult(jobID: job.id, result: Self.encodeNDJSON(output.resources))
        return output.resources
    }

    private func loadInput(_ job: NotificationJob) async throws -> FHIRElement {
        if let payload = job.payload {
            return try FHIRJSON.parse(payload)
        }
        guard let focus = job.focus, let base = job.sourceBaseURL else {
            throw JobFailure(.required, "job \(job.id) has neither a payload nor a focus to fetch", retryable: false)
        }
        guard let fetcher else {
            throw JobFailure(.notSupported, "no HTTP client configured to fetch \(focus)", retryable: false)
        }
        return try await fetcher.fetch(focus: focus, baseURL: base, subscription: job.subscription)
    }

    private func fail(_ job: NotificationJob, _ failure: JobFailure, metadata: Logger.Metadata) {
        let attempt = job.attempts + 1
        do {
            if failure.retryable && attempt < policy.maxAttempts {
                let delay = policy.delay(afterAttempt: attempt)
                try queue.retry(jobID: job.id, error: failure.json, notBefore: Date().addingTimeInterval(delay))
                logger.warning(
                    "job failed, will retry",
                    metadata: metadata.merging(["error": "\(failure)", "retry_in_s": "\(Int(delay.rounded()))"]) { $1 })
            } else {
                try queue.deadLetter(jobID: job.id, error: failure.json)
                logger.error("job dead-lettered", metadata: metadata.merging(["error": "\(failure)"]) { $1 })
            }
        } catch {
            logger.error("cannot record a job failure", metadata: metadata.merging(["error": "\(error)"]) { $1 })
        }
    }

    static func encodeNDJSON(_ resources: [FHIRElement]) -> Data {
        var data = Data()
        for resource in resources {
            data.append(FHIRJSON.serialize(resource))
            data.append(0x0A)
        }
        return data
    }

    static func decodeNDJSON(_ data: Data) throws -> [FHIRElement] {
        try data.split(separator: 0x0A).map { try FHIRJSON.parse($0) }
    }
}
