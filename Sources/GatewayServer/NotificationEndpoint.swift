import FHIR
import Gateway
import Hummingbird
import Logging

/// `POST /fhir/notifications`: reads a notification in any accepted shape, answers handshakes and heartbeats at
/// once, and commits the jobs of an event notification to the durable queue BEFORE answering 200, so an
/// acknowledged event survives a crash of the gateway.
struct NotificationEndpoint: Sendable {
    let queue: JobQueue
    let worker: NotificationWorker?
    let sources: [SubscriptionSource]
    let metrics: GatewayMetrics
    let maxBodySize: Int

    func handle(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let (bytes, format) = try await FHIRExchange.readBytes(request, limit: maxBodySize)
        let bundle = try NotificationBundleReader.parse(bytes, format: format, maxBytes: maxBodySize)
        let exchange = try FHIRExchange(request: request, requestFormat: format)
        let notification = try SubscriptionNotification(bundle: bundle)
        metrics.recordNotification(kind: notification.kind.rawValue, shape: notification.shape.rawValue)
        var logMetadata: Logger.Metadata = [
            "subscription": .string(notification.subscription), "type": .string(notification.kind.rawValue),
            "shape": .string(notification.shape.rawValue),
        ]
        guard notification.kind.carriesEvents else {
            // No work, but the counter of a heartbeat still reveals missed events.
            let gap = try queue.observe(notification.eventObservation)
            report(gap, context: context, metadata: logMetadata)
            context.logger.info("notification acknowledged", metadata: logMetadata)
            return exchange.respond(OperationOutcome.allOK("\(notification.kind.rawValue) acknowledged").element)
        }
        let plan = try notification.plan(sources: sources)
        let receipt = try queue.enqueue(plan.jobs, events: notification.eventObservation)
        metrics.recordEnqueued(jobs: receipt.insertedJobIDs.count, duplicates: receipt.duplicateCount)
        report(receipt.gap, context: context, metadata: logMetadata)
        worker?.wake()
        logMetadata["queued"] = "\(receipt.insertedJobIDs.count)"
        logMetadata["duplicates"] = "\(receipt.duplicateCount)"
        logMetadata["skipped"] = "\(plan.skipped.count)"
        context.logger.info("notification queued", metadata: logMetadata)
        var issues = [OperationOutcome.Issue(
            severity: .information, code: .informational,
            diagnostics: "queued \(receipt.insertedJobIDs.count) job(s)"
                + (receipt.duplicateCount > 0 ? ", \(receipt.duplicateCount) already queued" : ""))]
        issues += plan.skipped.map { OperationOutcome.Issue(severity: .warning, code: .notSupported, diagnostics: $0) }
        if let gap = receipt.gap {
            issues.append(.init(severity: .warning, code: .incomplete, diagnostics: gap.description))
        }
        return exchange.respond(OperationOutcome(issues: issues).element)
    }

    private func report(_ gap: SubscriptionEventGap?, context: BasicRequestContext, metadata: Logger.Metadata) {
        guard let gap else { return }
        metrics.recordMissedEvents(gap.missedCount)
        context.logger.warning(
            "subscription events missed",
            metadata: metadata.merging([
                "last_seen": "\(gap.lastSeen)", "received": "\(gap.received)", "missed": "\(gap.missedCount)",
            ]) { $1 })
    }
}
