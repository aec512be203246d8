/// Receives what the worker does, for metrics (the server forwards it to Prometheus).
public protocol NotificationWorkerObserver: Sendable {
    func jobExtracted(_ statistics: ExtractionStatistics)
    /// `outcome` is `delivered`, `retry` or `dead`.
    func delivery(sink: String, outcome: String)
    func queueDepth(_ counts: [NotificationJob.State: Int])
}
