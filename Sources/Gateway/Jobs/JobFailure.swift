import FHIR
import Terminology

/// Why one attempt at a job failed, as the OperationOutcome stored on the job, and whether trying again can help
/// (network trouble, 429/5xx) or not (the document or the sink refused the content: dead letter at once).
public struct JobFailure: Error, Sendable, CustomStringConvertible, OperationOutcomeConvertible {
    public var outcome: OperationOutcome
    public var retryable: Bool

    public init(_ code: OperationOutcome.IssueType, _ diagnostics: String, retryable: Bool,
                expression: String? = nil) {
        outcome = OperationOutcome(.init(
            severity: .error, code: code, diagnostics: diagnostics, expression: expression.map { [$0] } ?? []))
        self.retryable = retryable
    }

    public init(outcome: OperationOutcome, retryable: Bool) {
        self.outcome = outcome
        self.retryable = retryable
    }

    public var operationOutcome: OperationOutcome { outcome }

    public var description: String {
        (retryable ? "transient: " : "permanent: ")
            + outcome.issues.map { "\($0.code.rawValue): \($0.diagnostics ?? "")" }.joined(separator: "; ")
    }

    /// The stored form (OperationOutcome JSON).
    public var json: String { FHIRJSON.serializeString(outcome.element) }

    /// Classifies any error thrown while processing a job.
    public static func from(_ error: any Error, url: String? = nil) -> JobFailure {
        switch error {
        case let failure as JobFailure:
            return failure
        case let error as HTTPClientError:
            let target = url.map { " \($0)" } ?? ""
            switch error.code {
            case .timeout:
                return JobFailure(.timeout, "timed out calling\(target): \(error.message)", retryable: true)
            case .connectionFailed, .transport, .retriesExhausted, .shutdown:
                return JobFailure(.transient, "cannot reach\(target): \(error.message)", retryable: true)
            case .invalidRequest:
                return JobFailure(.invalid, "invalid request to\(target): \(error.message)", retryable: false)
            }
        case let error as JobQueueError:
            return JobFailure(.noStore, "job queue: \(error)", retryable: true)
        case let error as any OperationOutcomeConvertible:
            return JobFailure(outcome: error.operationOutcome, retryable: false)
        default:
            return JobFailure(.exception, "\(error)", retryable: true)
        }
    }

    /// Classifies a non-2xx answer of a FHIR server: 408/429/5xx are worth retrying, other 4xx are not.
    static func httpStatus(_ status: Int, url: String, body: [UInt8], action: String) -> JobFailure {
        var detail = "\(action) \(url) answered HTTP \(status)"
        if let outcome = try? FHIRJSON.parse(body), outcome.resourceType == "OperationOutcome",
           let diagnostics = OperationOutcome(element: outcome).issues.first?.diagnostics {
            detail += ": \(diagnostics)"
        }
        let retryable = status == 408 || status == 429 || status >= 500
        let code: OperationOutcome.IssueType =
            switch status {
            case 401, 403: .security
            case 404, 410: .notFound
            case 408: .timeout
            case 429: .throttled
            case 500...: .transient
            default: .processing
            }
        return JobFailure(code, detail, retryable: retryable)
    }
}
