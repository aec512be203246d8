import Foundation

/// The production `HTTPClient` on libcurl: dedicated transfer threads with reused handles (connection reuse),
/// connect and total timeouts, bounded response size, and retries with backoff on 429/5xx and connection
/// failures honouring `Retry-After`. Timeouts are not retried: a hanging server should cost one timeout, not many.
public final class CurlHTTPClient: HTTPClient, Sendable {
    public struct Configuration: Sendable, Equatable {
        public var connectTimeout: Duration
        public var requestTimeout: Duration
        public var maximumResponseSize: Int
        public var retry: RetryPolicy
        /// Transfers that can run at once.
        public var workerCount: Int

        public init(connectTimeout: Duration = .seconds(5), requestTimeout: Duration = .seconds(30),
                    maximumResponseSize: Int = 64 << 20, retry: RetryPolicy = RetryPolicy(), workerCount: Int = 4) {
            self.connectTimeout = connectTimeout
            self.requestTimeout = requestTimeout
            self.maximumResponseSize = maximumResponseSize
            self.retry = retry
            self.workerCount = workerCount
        }
    }

    public let configuration: Configuration
    private let queue: CurlWorkQueue

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        queue = CurlWorkQueue(configuration: configuration)
    }

    deinit {
        queue.shutdown()
    }

    /// Stops the transfer threads; pending requests fail with `.shutdown`.
    public func shutdown() {
        queue.shutdown()
    }

    public func send(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        let policy = configuration.retry
        var attempt = 1
        while true {
            do {
                let response = try await queue.perform(request)
                guard policy.retryableStatuses.contains(response.status), attempt < policy.maxAttempts else {
                    return response
                }
                try await Task.sleep(for: policy.delay(afterAttempt: attempt, retryAfter: response.header("Retry-After")))
            } catch let error as HTTPClientError where error.code == .connectionFailed && attempt < policy.maxAttempts {
                try await Task.sleep(for: policy.delay(afterAttempt: attempt, retryAfter: nil))
            }
            attempt += 1
        }
    }
}
