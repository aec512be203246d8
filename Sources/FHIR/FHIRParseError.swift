/// A document could not be read as FHIR (JSON or XML). Carries where: line/column (1-based, column in bytes of
/// the line) and the FHIRPath of the element being read.
public struct FHIRParseError: Error, Sendable, CustomStringConvertible, OperationOutcomeConvertible {
    /// What went wrong. Open set (SwiftNIO style): the XML reader adds its own codes in an extension.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        /// The `OperationOutcome.issue.code` reported for this error.
        public let issueType: OperationOutcome.IssueType

        public init(_ name: String, issueType: OperationOutcome.IssueType) {
            self.name = name
            self.issueType = issueType
        }

        public var description: String { name }

        public static let syntax = Code("syntax", issueType: .structure)
        public static let truncated = Code("truncated", issueType: .structure)
        public static let invalidUTF8 = Code("invalidUTF8", issueType: .structure)
        public static let byteOrderMark = Code("byteOrderMark", issueType: .structure)
        public static let duplicateKey = Code("duplicateKey", issueType: .structure)
        public static let nestingTooDeep = Code("nestingTooDeep", issueType: .tooCostly)
        public static let inputTooLarge = Code("inputTooLarge", issueType: .tooLong)
        public static let valueTooLong = Code("valueTooLong", issueType: .tooLong)
        public static let invalidNull = Code("invalidNull", issueType: .structure)
        public static let emptyValue = Code("emptyValue", issueType: .structure)
        public static let wrongType = Code("wrongType", issueType: .structure)
        public static let missingResourceType = Code("missingResourceType", issueType: .structure)
        public static let unknownResourceType = Code("unknownResourceType", issueType: .notSupported)
        public static let unknownElement = Code("unknownElement", issueType: .structure)
        public static let invalidValue = Code("invalidValue", issueType: .value)
        public static let forbiddenConstruct = Code("forbiddenConstruct", issueType: .security)
        public static let unsupportedFormat = Code("unsupportedFormat", issueType: .notSupported)
    }

    public var code: Code
    public var message: String
    public var line: Int?
    public var column: Int?
    /// FHIRPath of the element being read when the error occurred, e.g. `Patient.name[0].given[1]`.
    public var path: String?
    public var cause: (any Error & Sendable)?

    public init(
        _ code: Code, _ message: String, line: Int? = nil, column: Int? = nil, path: String? = nil,
        cause: (any Error & Sendable)? = nil
    ) {
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.path = path
        self.cause = cause
    }

    public var description: String {
        var text = message
        if let line, let column { text += " (line \(line), column \(column))" }
        if let path, !path.isEmpty { text += " at \(path)" }
        return text
    }

    public var operationOutcome: OperationOutcome {
        var location: [String] = []
        if let line, let column { location.append("line \(line), column \(column)") }
        let expression = (path?.isEmpty == false) ? [path!] : []
        return OperationOutcome(OperationOutcome.Issue(
            severity: .fatal, code: code.issueType, diagnostics: description,
            expression: expression, location: location, line: line, column: column))
    }
}
