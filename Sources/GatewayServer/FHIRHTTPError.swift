import FHIR
import Hummingbird

/// An HTTP failure that renders itself as a FHIR `OperationOutcome` in the format the client negotiated
/// (JSON when negotiation itself failed), with the status and any extra headers (`Allow`, `WWW-Authenticate`).
public struct FHIRHTTPError: Error, HTTPResponseError, Sendable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var outcome: OperationOutcome
    public var headers: HTTPFields

    public init(status: HTTPResponse.Status, outcome: OperationOutcome, headers: HTTPFields = [:]) {
        self.status = status
        self.outcome = outcome
        self.headers = headers
    }

    public init(
        status: HTTPResponse.Status, code: OperationOutcome.IssueType, diagnostics: String,
        expression: String? = nil, headers: HTTPFields = [:]
    ) {
        self.init(
            status: status,
            outcome: OperationOutcome(.init(
                severity: .error, code: code, diagnostics: diagnostics, expression: expression.map { [$0] } ?? [])),
            headers: headers)
    }

    public var description: String {
        "\(status.code) " + outcome.issues.map { "\($0.code.rawValue): \($0.diagnostics ?? "")" }.joined(separator: "; ")
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        // Answer in the client's format: `_format`/`Accept` first, then the format it sent, else JSON.
        let sent = request.headers[.contentType].flatMap(FHIRFormat.init(mediaType:))
        let type = (try? FHIRContentNegotiation.responseType(
            accept: request.headers[.accept], formatParameter: request.uri.queryParameters["_format"].map(String.init),
            requestFormat: sent))
            ?? .init(format: .json)
        var response = FHIRResponse.make(outcome.element, type: type, status: status, pretty: false)
        for field in headers { response.headers.append(field) }
        return response
    }

    // MARK: The statuses the gateway answers with

    static func unsupportedMediaType(_ contentType: String) -> FHIRHTTPError {
        FHIRHTTPError(
            status: .unsupportedMediaType, code: .notSupported,
            diagnostics: "Content-Type '\(contentType)' is not supported; send application/fhir+json or "
                + "application/fhir+xml (application/json and application/xml are accepted too)")
    }

    static func notFound(path: String) -> FHIRHTTPError {
        FHIRHTTPError(status: .notFound, code: .notFound, diagnostics: "no FHIR endpoint at \(path)")
    }

    static func methodNotAllowed(_ method: HTTPRequest.Method, path: String, allowed: [HTTPRequest.Method])
        -> FHIRHTTPError
    {
        FHIRHTTPError(
            status: .methodNotAllowed, code: .notSupported,
            diagnostics: "\(method.rawValue) is not allowed on \(path); allowed: "
                + allowed.map(\.rawValue).joined(separator: ", "),
            headers: [.allow: allowed.map(\.rawValue).joined(separator: ", ")])
    }

    static func payloadTooLarge(limit: Int?) -> FHIRHTTPError {
        FHIRHTTPError(
            status: .contentTooLarge, code: .tooLong,
            diagnostics: "the request body exceeds the limit" + (limit.map { " of \($0) bytes" } ?? ""))
    }

    static func unauthorized(_ reason: String) -> FHIRHTTPError {
        FHIRHTTPError(
            status: .unauthorized, code: .login, diagnostics: reason,
            headers: [.wwwAuthenticate: "Bearer realm=\"notegate\""])
    }

    static func internalError(reference: String) -> FHIRHTTPError {
        FHIRHTTPError(
            status: .internalServerError, code: .exception,
            diagnostics: "internal error while processing the request (see the server log, request \(reference))")
    }
}
