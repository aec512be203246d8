/// Sends HTTP requests. `CurlHTTPClient` is the production implementation; tests may substitute recorders.
public protocol HTTPClient: Sendable {
    func send(_ request: HTTPClientRequest) async throws -> HTTPClientResponse
}
