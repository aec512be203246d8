import Foundation

/// Runs blocking libcurl transfers on dedicated threads. `curl_easy_perform` blocks its thread, and the
/// cooperative pool here has only as many threads as cores, so transfers never run on it.
final class CurlWorkQueue: @unchecked Sendable {
    private struct Job {
        let request: HTTPClientRequest
        let continuation: CheckedContinuation<HTTPClientResponse, any Error>
    }

    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var head = 0
    private var isShutdown = false
    private let configuration: CurlHTTPClient.Configuration

    init(configuration: CurlHTTPClient.Configuration) {
        self.configuration = configuration
        for index in 0..<max(1, configuration.workerCount) {
            let thread = Thread { [self] in runWorker() }
            thread.name = "notegate-curl-\(index)"
            thread.start()
        }
    }

    func perform(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            if isShutdown {
                condition.unlock()
                continuation.resume(throwing: HTTPClientError(.shutdown, "HTTP client is shut down"))
                return
            }
            jobs.append(Job(request: request, continuation: continuation))
            condition.signal()
            condition.unlock()
        }
    }

    func shutdown() {
        condition.lock()
        isShutdown = true
        let abandoned = jobs[head...]
        jobs.removeAll()
        head = 0
        condition.broadcast()
        condition.unlock()
        for job in abandoned {
            job.continuation.resume(throwing: HTTPClientError(.shutdown, "HTTP client is shut down"))
        }
    }

    private func nextJob() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while head == jobs.count && !isShutdown {
            condition.wait()
        }
        if isShutdown { return nil }
        let job = jobs[head]
        head += 1
        if head > 64 && head * 2 > jobs.count {
            jobs.removeFirst(head)
            head = 0
        }
        return job
    }

    private func runWorker() {
        let handle: CurlEasyHandle
        do {
            handle = try CurlEasyHandle()
        } catch {
            while let job = nextJob() { job.continuation.resume(throwing: error) }
            return
        }
        while let job = nextJob() {
            do {
                job.continuation.resume(returning: try handle.perform(job.request, defaults: configuration))
            } catch {
                job.continuation.resume(throwing: error)
            }
        }
    }
}
