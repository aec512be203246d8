import Foundation

/// How often and how patiently a job is retried before it goes to the dead letters.
public struct DeliveryPolicy: Sendable, Equatable {
    /// Attempts in total (the first one included); the job is dead-lettered after the last.
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maximumDelay: Duration

    public init(maxAttempts: Int = 8, baseDelay: Duration = .seconds(2), maximumDelay: Duration = .seconds(300)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
    }

    /// Exponential backoff with ±20 % jitter (so jobs that failed together do not retry together).
    public func delay(afterAttempt attempt: Int) -> TimeInterval {
        let base = Double(baseDelay.components.seconds) + Double(baseDelay.components.attoseconds) / 1e18
        let cap = Double(maximumDelay.components.seconds) + Double(maximumDelay.components.attoseconds) / 1e18
        let raw = min(cap, base * pow(2, Double(max(0, attempt - 1))))
        return raw * Double.random(in: 0.8...1.2)
    }
}
