import FHIR

extension GatewayError: OperationOutcomeConvertible {
    /// The FHIR issue type each error code is reported with.
    public var issueType: OperationOutcome.IssueType {
        switch code {
        case .invalidBase64, .invalidEncoding, .invalidInput: .invalid
        case .attachmentTooLarge: .tooLong
        case .unsupportedCharset, .unsupportedContentType: .notSupported
        case .missingContent: .required
        case .unresolvedReference, .noDocuments: .notFound
        case .fetchFailed: .transient
        case .vocabularyUnavailable, .modelUnavailable: .exception
        default: .processing
        }
    }

    public func issue(severity: OperationOutcome.Severity = .error) -> OperationOutcome.Issue {
        OperationOutcome.Issue(severity: severity, code: issueType, diagnostics: "\(code): \(message)",
                               expression: expression.map { [$0] } ?? [])
    }

    public var operationOutcome: OperationOutcome { OperationOutcome(issue()) }
}
