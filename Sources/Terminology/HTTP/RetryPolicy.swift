import Foundation

/// When and how long to wait before retrying: 429 and 5xx answers and transport failures are retried with
/// exponential backoff and jitter; a `Retry-After` header (seconds or HTTP date) overrides the computed delay,
/// capped by `maximumDelay` so a hostile server cannot park a worker.
public struct RetryPolicy: Sendable, Equatable {
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maximumDelay: Duration
    public var retryableStatuses: Set<Int>

    public init(maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(200), maximumDelay: Duration = .seconds(10),
                retryableStatuses: Set<Int> = [429, 500, 502, 503, 504]) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.retryableStatuses = retryableStatuses
    }

    public static let none = RetryPolicy(maxAttempts: 1)

    /// Delay before attempt `attempt + 1` (attempt counts from 1).
    public func delay(afterAttempt attempt: Int, retryAfter: String?, now: Date = Date()) -> Duration {
        if let retryAfter, let seconds = Self.parseRetryAfter(retryAfter, now: now) {
            return min(.milliseconds(Int64(seconds * 1000)), maximumDelay)
        }
        let exponent = min(attempt - 1, 16)
        let base = baseDelay * (1 << exponent)
        let jitter = Double.random(in: 0.8...1.2)
        return min(base * jitter, maximumDelay)
    }

    /// `Retry-After` is either delta-seconds or an HTTP-date (RFC 9110 §10.2.3).
    static func parseRetryAfter(_ value: String, now: Date) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed), seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}
