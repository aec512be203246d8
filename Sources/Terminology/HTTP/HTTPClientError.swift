/// Failure of an outbound HTTP exchange, shaped like SwiftNIO's errors: a code, a message and the cause.
public struct HTTPClientError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case invalidRequest = "invalid-request"
        case timeout
        case connectionFailed = "connection-failed"
        case transport
        case retriesExhausted = "retries-exhausted"
        case shutdown
    }

    public var code: Code
    public var message: String
    /// libcurl's code when the failure came from libcurl.
    public var curlCode: Int?
    /// The last response when retries were exhausted on an HTTP status (429/5xx).
    public var lastStatus: Int?

    public init(_ code: Code, _ message: String, curlCode: Int? = nil, lastStatus: Int? = nil) {
        self.code = code
        self.message = message
        self.curlCode = curlCode
        self.lastStatus = lastStatus
    }

    public var description: String { "HTTPClientError(\(code.rawValue)): \(message)" }
}
