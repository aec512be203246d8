import FHIR
import Foundation
import Gateway
import Hummingbird
import Logging
import NIOCore

/// Wraps the router: it sees every request, including unmatched ones, so it can
/// - accept `%24` for `$` in operation paths (clients differ in escaping `$extract`),
/// - answer every failure as an `OperationOutcome` with the right status (404 vs 405 with `Allow`, 413, 500...),
/// - record the request metrics and one structured log line (method, route, status, latency; never a body).
struct GatewayResponder<Inner: HTTPResponder>: HTTPResponder where Inner.Context == BasicRequestContext {
    typealias Context = BasicRequestContext
    let inner: Inner
    let metrics: GatewayMetrics

    func respond(to request: Request, context: Context) async throws -> Response {
        let start = ContinuousClock.now
        let request = Self.normalizingOperationPath(request)
        let route = GatewayRoute(path: request.uri.path)
        var response: Response
        do {
            response = try await inner.respond(to: request, context: context)
            if response.status == .notFound, response.headers[.contentType] == nil {
                // The router's own "no route" answer (it renders HTTPError itself): 404, or 405 for a known path.
                throw HTTPError(.notFound)
            }
        } catch {
            let httpError = Self.httpError(for: error, request: request, route: route, logger: context.logger)
            response = (try? httpError.response(from: request, context: context))
                ?? Response(status: httpError.status)
        }
        let duration = ContinuousClock.now - start
        let routeLabel = route?.path ?? "unmatched"
        metrics.recordRequest(
            method: request.method.rawValue, route: routeLabel, status: response.status.code, duration: duration)
        context.logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue), "route": .string(routeLabel),
                "status": .stringConvertible(response.status.code),
                "duration_ms": .stringConvertible(Double(duration.components.attoseconds / 1_000_000_000_000) / 1000
                    + Double(duration.components.seconds) * 1000),
            ])
        return response
    }

    /// `/fhir/%24extract` → `/fhir/$extract` (only `%24`: other escapes are left for the router to refuse).
    static func normalizingOperationPath(_ request: Request) -> Request {
        guard let path = request.head.path, path.range(of: "%24", options: .caseInsensitive) != nil else {
            return request
        }
        let parts = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var pathPart = String(parts[0])
        pathPart = pathPart.replacingOccurrences(of: "%24", with: "$", options: .caseInsensitive)
        var head = request.head
        head.path = parts.count > 1 ? pathPart + "?" + parts[1] : pathPart
        return Request(head: head, body: request.body)
    }

    /// Maps any error to the FHIR error the client sees.
    static func httpError(for error: any Error, request: Request, route: GatewayRoute?, logger: Logger)
        -> FHIRHTTPError
    {
        switch error {
        case let error as FHIRHTTPError:
            return error
        case let error as FHIRParseError:
            let status: HTTPResponse.Status = error.code == .inputTooLarge ? .contentTooLarge : .badRequest
            return FHIRHTTPError(status: status, outcome: error.operationOutcome)
        case let error as SubscriptionNotificationError:
            let status: HTTPResponse.Status = error.code == .unknownSubscription ? .unprocessableContent : .badRequest
            return FHIRHTTPError(status: status, outcome: error.operationOutcome)
        case let error as any HTTPStatusCarrying:
            return FHIRHTTPError(status: .init(code: error.httpStatus), outcome: error.operationOutcome)
        case is NIOTooManyBytesError:
            return .payloadTooLarge(limit: nil)
        case let error as HTTPError where error.status == .notFound:
            if let route {
                return .methodNotAllowed(request.method, path: route.path, allowed: route.methods)
            }
            return .notFound(path: request.uri.path)
        case let error as HTTPError:
            return FHIRHTTPError(
                status: error.status, code: issueType(for: error.status),
                diagnostics: error.body ?? error.status.reasonPhrase)
        case let error as any OperationOutcomeConvertible:
            return FHIRHTTPError(status: .unprocessableContent, outcome: error.operationOutcome)
        default:
            let reference = String(UInt32.random(in: 0...UInt32.max), radix: 16)
            // The error's description may quote a value from the input but never note text: the pipeline's
            // errors name elements and sizes only.
            logger.error("unhandled error", metadata: ["error": "\(error)", "reference": .string(reference)])
            return .internalError(reference: reference)
        }
    }

    static func issueType(for status: HTTPResponse.Status) -> OperationOutcome.IssueType {
        switch status.code {
        case 401: .login
        case 403: .forbidden
        case 404: .notFound
        case 405, 406, 415: .notSupported
        case 408: .timeout
        case 413: .tooLong
        case 429: .throttled
        case 400..<500: .invalid
        default: .exception
        }
    }
}

/// An error that knows its HTTP status (terminology operations' errors, the pipeline's input errors).
public protocol HTTPStatusCarrying: OperationOutcomeConvertible {
    var httpStatus: Int { get }
}
