import Gateway

extension GatewayMetrics: NotificationWorkerObserver {
    public func jobExtracted(_ statistics: ExtractionStatistics) {
        recordExtraction(statistics)
    }

    public func delivery(sink: String, outcome: String) {
        recordDelivery(sink: sink, outcome: outcome)
    }

    public func queueDepth(_ counts: [NotificationJob.State: Int]) {
        recordQueueDepth(Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) }))
    }
}
