/// A FHIR `OperationOutcome`: typed, and convertible to and from the element tree.
///
/// Syntax errors carry `line`/`column`; they are written with the R4 core extensions
/// `operationoutcome-issue-line` and `operationoutcome-issue-col`. Structural errors carry FHIRPath `expression`s.
public struct OperationOutcome: Sendable, Equatable, Error {
    public var issues: [Issue]

    public init(issues: [Issue]) {
        self.issues = issues
    }

    public init(_ issue: Issue) {
        self.issues = [issue]
    }

    /// True when any issue is `error` or `fatal`.
    public var hasErrors: Bool {
        issues.contains { $0.severity == .error || $0.severity == .fatal }
    }

    /// The outcome of a successful check: one `information` issue, as FHIR requires at least one issue.
    public static func allOK(_ diagnostics: String = "All OK") -> OperationOutcome {
        OperationOutcome(Issue(severity: .information, code: .informational, diagnostics: diagnostics))
    }

    public struct Issue: Sendable, Equatable {
        public var severity: Severity
        public var code: IssueType
        public var diagnostics: String?
        /// FHIRPath expressions of the offending elements, e.g. `Patient.contact[0].name`.
        public var expression: [String]
        /// Legacy locations (R4 `issue.location`); readers put line/column here too for older clients.
        public var location: [String]
        public var line: Int?
        public var column: Int?

        public init(
            severity: Severity = .error,
            code: IssueType,
            diagnostics: String? = nil,
            expression: [String] = [],
            location: [String] = [],
            line: Int? = nil,
            column: Int? = nil
        ) {
            self.severity = severity
            self.code = code
            self.diagnostics = diagnostics
            self.expression = expression
            self.location = location
            self.line = line
            self.column = column
        }
    }

    /// `OperationOutcome.issue.severity` (http://hl7.org/fhir/issue-severity).
    public enum Severity: String, Sendable, CaseIterable {
        case fatal, error, warning, information
    }

    /// `OperationOutcome.issue.code` (http://hl7.org/fhir/issue-type).
    public enum IssueType: String, Sendable, CaseIterable {
        case invalid, structure, required, value, invariant
        case security, login, unknown, expired, forbidden, suppressed
        case processing
        case notSupported = "not-supported"
        case duplicate
        case multipleMatches = "multiple-matches"
        case notFound = "not-found"
        case deleted
        case tooLong = "too-long"
        case codeInvalid = "code-invalid"
        case `extension`
        case tooCostly = "too-costly"
        case businessRule = "business-rule"
        case conflict, transient
        case lockError = "lock-error"
        case noStore = "no-store"
        case exception, timeout, incomplete, throttled, informational
    }
}

/// An error that can be reported as a FHIR `OperationOutcome` (over HTTP, on the CLI).
public protocol OperationOutcomeConvertible: Error {
    var operationOutcome: OperationOutcome { get }
}

extension OperationOutcome: OperationOutcomeConvertible {
    public var operationOutcome: OperationOutcome { self }
}
