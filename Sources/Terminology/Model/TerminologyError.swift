/// Errors of the Terminology module: a stable `code` to switch on, a human message, and the underlying cause.
public struct TerminologyError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        public var description: String { name }

        /// The code, concept or system asked for does not exist in the vocabulary.
        public static let notFound = Code(name: "notFound")
        /// A request was malformed (missing or conflicting parameters, bad values).
        public static let invalidRequest = Code(name: "invalidRequest")
        /// A code system URI that maps to no OMOP vocabulary.
        public static let unknownSystem = Code(name: "unknownSystem")
        /// The vocabulary database could not be opened or is not a NoteGate vocabulary.
        public static let storeUnavailable = Code(name: "storeUnavailable")
        /// An Athena import failed (missing file, missing column, bad row in strict mode, I/O).
        public static let importFailed = Code(name: "importFailed")
        /// A remote terminology service failed (transport, HTTP status, malformed answer).
        public static let remoteFailure = Code(name: "remoteFailure")
    }

    public var code: Code
    public var message: String
    public var cause: (any Error)?
    /// FHIRPath of the offending request element, when there is one (e.g. `Parameters.parameter[2]`).
    public var expression: [String]

    public init(_ code: Code, _ message: String, expression: [String] = [], cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.expression = expression
        self.cause = cause
    }

    public var description: String {
        if let cause { return "\(message) (\(cause))" }
        return message
    }
}
