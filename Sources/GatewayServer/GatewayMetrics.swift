import Gateway
import Prometheus
import Synchronization

/// The gateway's Prometheus metrics, on a registry of its own (so tests and several applications in one process
/// never share counters). `notegate serve` also bootstraps swift-metrics with this registry, so metrics other
/// modules record through swift-metrics appear on `/metrics` too.
///
/// Drift shows first in the mention counters: a rising share of `notegate_mentions_unresolved_total` or
/// `notegate_mentions_ambiguous_total` against `notegate_mentions_total` means notes now use words the vocabulary
/// or the NLP model does not know. The ratio gauges give the lifetime rates; use `rate()` over the counters for
/// recent ones.
public final class GatewayMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private let latencyBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(20),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .seconds(2.5), .seconds(5), .seconds(10),
    ]
    private let mentionTotals = MentionTotals()
    /// Metric handles by name and label values. The registry hands out one object per series, but finding it
    /// assembles a descriptor and takes the registry's lock; with a dozen series touched per request that showed
    /// in server profiles, so each series is looked up there once.
    private let counters = Mutex<[String: Counter]>([:])
    private let histograms = Mutex<[String: DurationHistogram]>([:])

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        // Registered up front so the series exist (at zero) before the first note.
        _ = counter("notegate_notes_total", help: "Notes (DocumentReferences) processed by the pipeline")
    }

    /// One HTTP exchange. `route` is the route pattern (never the raw path, to bound label cardinality).
    func recordRequest(method: String, route: String, status: Int, duration: Duration) {
        counter(
            "notegate_http_requests_total", labels: [("method", method), ("route", route), ("status", String(status))],
            help: "HTTP requests by method, route and status"
        ).increment()
        let histogram = histograms.withLock { $0[route] } ?? {
            let made = registry.makeDurationHistogram(
                descriptor: Self.descriptor("notegate_http_request_duration_seconds", "HTTP request latency by route"),
                labels: [("route", route)], buckets: latencyBuckets)
            histograms.withLock { $0[route] = made }
            return made
        }()
        histogram.record(duration)
    }

    /// The pipeline's output for one request or job: notes read, mentions emitted by label and how many of them
    /// were unresolved or ambiguous.
    public func recordExtraction(_ statistics: ExtractionStatistics) {
        counter("notegate_notes_total", help: "Notes (DocumentReferences) processed by the pipeline")
            .increment(by: Int64(statistics.notes))
        for (label, count) in statistics.mentions {
            counter("notegate_mentions_total", labels: [("label", label)], help: "Mentions emitted, by entity label")
                .increment(by: Int64(count))
        }
        for (label, count) in statistics.unresolved {
            counter(
                "notegate_mentions_unresolved_total", labels: [("label", label)],
                help: "Mentions emitted without a resolved concept, by entity label"
            ).increment(by: Int64(count))
        }
        for (label, count) in statistics.ambiguous {
            counter(
                "notegate_mentions_ambiguous_total", labels: [("label", label)],
                help: "Mentions whose resolution was ambiguous (tagged for review), by entity label"
            ).increment(by: Int64(count))
        }
        let (mentions, unresolved, ambiguous) = mentionTotals.add(statistics)
        guard mentions > 0 else { return }
        gauge("notegate_mentions_unresolved_ratio", help: "Share of emitted mentions left unresolved (lifetime)")
            .set(Double(unresolved) / Double(mentions))
        gauge("notegate_mentions_ambiguous_ratio", help: "Share of emitted mentions tagged ambiguous (lifetime)")
            .set(Double(ambiguous) / Double(mentions))
    }

    /// Subscription notifications by type and FHIR shape.
    func recordNotification(kind: String, shape: String) {
        counter(
            "notegate_subscription_notifications_total", labels: [("type", kind), ("shape", shape)],
            help: "Subscription notifications received, by type and shape"
        ).increment()
    }

    /// Events a subscription sent that never arrived (gap in events-since-subscription-start / event-number).
    func recordMissedEvents(_ count: Int64) {
        counter(
            "notegate_subscription_missed_events_total",
            help: "Subscription events detected as missed (gaps in the event numbers)"
        ).increment(by: count)
        counter("notegate_subscription_gaps_total", help: "Gaps detected in subscription event numbers").increment()
    }

    func recordEnqueued(jobs: Int, duplicates: Int) {
        counter("notegate_jobs_enqueued_total", help: "Jobs written to the durable queue").increment(by: Int64(jobs))
        counter("notegate_jobs_duplicate_total", help: "Notification events already queued (re-sent)")
            .increment(by: Int64(duplicates))
    }

    /// Outcome of one delivery attempt to a sink (`delivered`, `retry`, `dead`).
    public func recordDelivery(sink: String, outcome: String) {
        counter(
            "notegate_deliveries_total", labels: [("sink", sink), ("outcome", outcome)],
            help: "Delivery attempts of job results to sinks, by outcome"
        ).increment()
    }

    /// Current number of jobs per state.
    public func recordQueueDepth(_ counts: [String: Int]) {
        for (state, count) in counts {
            gauge("notegate_jobs", labels: [("state", state)], help: "Jobs in the durable queue, by state")
                .set(Double(count))
        }
    }

    /// The Prometheus text exposition of every metric.
    public func render() -> String {
        registry.emitToString()
    }

    private func counter(_ name: String, labels: [(String, String)] = [], help: String) -> Counter {
        var key = name
        for (label, value) in labels { key += "\u{1F}\(label)=\(value)" }
        if let known = counters.withLock({ $0[key] }) { return known }
        let made = registry.makeCounter(descriptor: Self.descriptor(name, help), labels: labels)
        counters.withLock { $0[key] = made }
        return made
    }

    private func gauge(_ name: String, labels: [(String, String)] = [], help: String) -> Gauge {
        registry.makeGauge(descriptor: Self.descriptor(name, help), labels: labels)
    }

    /// The full metric name is given as is (no namespace/unit assembly).
    private static func descriptor(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }
}
