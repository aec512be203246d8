import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
@testable import Terminology

/// The libcurl client against real loopback servers: the network is the point here, so no mocks.
@Suite struct HTTPClientTests {
    private func withServer(_ configure: (Router<BasicRequestContext>) -> Void,
                            _ body: @Sendable (Int) async throws -> Void) async throws {
        let router = Router()
        configure(router)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body(try #require(client.port))
        }
    }

    private func client(timeout: Duration = .seconds(5), retry: RetryPolicy = RetryPolicy(
        maxAttempts: 3, baseDelay: .milliseconds(10), maximumDelay: .milliseconds(200))) -> CurlHTTPClient {
        CurlHTTPClient(configuration: .init(connectTimeout: .seconds(2), requestTimeout: timeout, retry: retry,
                                           workerCount: 2))
    }

    @Test func getReturnsStatusHeadersAndBody() async throws {
        try await withServer({ router in
            router.get("/fhir/metadata") { _, _ in
                Response(status: .ok, headers: [.contentType: "application/fhir+json"],
                         body: .init(byteBuffer: ByteBuffer(string: #"{"resourceType":"CapabilityStatement"}"#)))
            }
        }) { port in
            let response = try await client().send(HTTPClientRequest(url: "http://127.0.0.1:\(port)/fhir/metadata"))
            #expect(response.status == 200)
            #expect(response.header("content-type") == "application/fhir+json")
            #expect(String(decoding: response.body, as: UTF8.self) == #"{"resourceType":"CapabilityStatement"}"#)
        }
    }

    @Test func postSendsBodyAndHeaders() async throws {
        try await withServer({ router in
            router.post("/echo") { request, _ -> Response in
                let body = try await request.body.collect(upTo: 1 << 20)
                let auth = request.headers[.authorization] ?? "none"
                return Response(status: .created, headers: [.init("X-Auth")!: auth], body: .init(byteBuffer: body))
            }
        }) { port in
            let payload = Data(#"{"resourceType":"Parameters"}"#.utf8)
            let response = try await client().send(HTTPClientRequest(
                method: "POST", url: "http://127.0.0.1:\(port)/echo",
                headers: [("Authorization", "Bearer abc"), ("Content-Type", "application/fhir+json")], body: payload))
            #expect(response.status == 201)
            #expect(response.body == payload)
            #expect(response.header("X-Auth") == "Bearer abc")
        }
    }

    @Test func retriesAfter429HonouringRetryAfter() async throws {
        let calls = Mutex(0)
        try await withServer({ router in
            router.get("/busy") { _, _ -> Response in
                let n = calls.withLock { count -> Int in count += 1; return count }
                if n == 1 {
                    return Response(status: .tooManyRequests, headers: [.retryAfter: "0"])
                }
                return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ok")))
            }
        }) { port in
            let response = try await client().send(HTTPClientRequest(url: "http://127.0.0.1:\(port)/busy"))
            #expect(response.status == 200)
            #expect(calls.withLock { $0 } == 2)
        }
    }

    @Test func givesUpAfterMaxAttemptsOnServerErrors() async throws {
        let calls = Mutex(0)
        try await withServer({ router in
            router.get("/down") { _, _ -> Response in
                calls.withLock { $0 += 1 }
                return Response(status: .serviceUnavailable)
            }
        }) { port in
            let response = try await client().send(HTTPClientRequest(url: "http://127.0.0.1:\(port)/down"))
            #expect(response.status == 503)
            #expect(calls.withLock { $0 } == 3)
        }
    }

    @Test func hangingServerTimesOutOnce() async throws {
        let calls = Mutex(0)
        try await withServer({ router in
            router.get("/hang") { _, _ -> Response in
                calls.withLock { $0 += 1 }
                try await Task.sleep(for: .seconds(3))
                return Response(status: .ok)
            }
        }) { port in
            let started = ContinuousClock.now
            await #expect(throws: HTTPClientError.self) {
                try await client(timeout: .milliseconds(300)).send(HTTPClientRequest(url: "http://127.0.0.1:\(port)/hang"))
            }
            do {
                _ = try await client(timeout: .milliseconds(300)).send(HTTPClientRequest(url: "http://127.0.0.1:\(port)/hang"))
            } catch let error as HTTPClientError {
                #expect(error.code == .timeout)
            }
            #expect(ContinuousClock.now - started < .seconds(3))
            #expect(calls.withLock { $0 } == 2)
        }
    }

    @Test func refusedConnectionIsAConnectionFailure() async throws {
        // Bind a port, then close it so nothing listens there.
        let found = Mutex(0)
        try await withServer({ _ in }) { port in found.withLock { $0 = port } }
        let port = found.withLock { $0 }
        do {
            _ = try await client(retry: .none).send(HTTPClientRequest(url: "http://127.0.0.1:\(port)/gone"))
            Issue.record("expected a connection failure")
        } catch let error as HTTPClientError {
            #expect(error.code == .connectionFailed)
        }
    }

    @Test func rejectsNonHTTPSchemes() async throws {
        do {
            _ = try await client(retry: .none).send(HTTPClientRequest(url: "file:///etc/passwd"))
            Issue.record("expected the file scheme to be refused")
        } catch let error as HTTPClientError {
            #expect(error.code == .invalidRequest)
        }
    }

    @Test func retryAfterAcceptsSecondsAndHTTPDates() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(RetryPolicy.parseRetryAfter("2", now: now) == 2)
        #expect(RetryPolicy.parseRetryAfter("Mon, 12 Jan 1970 13:46:50 GMT", now: now) == 10)
        #expect(RetryPolicy.parseRetryAfter("soon", now: now) == nil)
    }
}
