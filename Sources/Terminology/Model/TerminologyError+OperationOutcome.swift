import FHIR

extension TerminologyError: OperationOutcomeConvertible {
    /// The HTTP status a server answers with for this error.
    public var httpStatus: Int {
        switch code {
        case .notFound, .unknownSystem: 404
        case .invalidRequest: 400
        case .remoteFailure: 502
        case .storeUnavailable: 503
        default: 500
        }
    }

    public var operationOutcome: OperationOutcome {
        let issueCode: OperationOutcome.IssueType
        switch code {
        case .notFound, .unknownSystem: issueCode = .notFound
        case .invalidRequest: issueCode = .invalid
        case .remoteFailure, .storeUnavailable: issueCode = .transient
        default: issueCode = .exception
        }
        return OperationOutcome(OperationOutcome.Issue(
            severity: .error, code: issueCode, diagnostics: message, expression: expression))
    }
}
