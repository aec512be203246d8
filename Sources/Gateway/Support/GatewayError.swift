/// An error of the gateway pipeline, SwiftNIO style: a stable code, a message for people, an optional cause.
///
/// `expression` is the FHIRPath of the offending element when one is known (for example
/// `Bundle.entry[2].resource.content[0].attachment.data`), so the OperationOutcome can point at it.
/// Messages never contain note text (PHI boundary): they name elements, offsets and sizes only.
public struct GatewayError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Base: String, Sendable {
            case invalidBase64, attachmentTooLarge, unsupportedCharset, invalidEncoding
            case unsupportedContentType, missingContent, unresolvedReference, fetchFailed
            case invalidInput, noDocuments, vocabularyUnavailable, modelUnavailable
        }
        fileprivate let base: Base
        private init(_ base: Base) { self.base = base }

        /// `attachment.data` is not strict base64.
        public static let invalidBase64 = Code(.invalidBase64)
        /// The attachment is larger than the configured limit.
        public static let attachmentTooLarge = Code(.attachmentTooLarge)
        /// The `charset` parameter names an encoding NoteGate does not decode.
        public static let unsupportedCharset = Code(.unsupportedCharset)
        /// The bytes are not valid in the declared (or default) encoding.
        public static let invalidEncoding = Code(.invalidEncoding)
        /// No content entry has a media type NoteGate can read (PDF, images, C-CDA, ...).
        public static let unsupportedContentType = Code(.unsupportedContentType)
        /// The attachment has neither `data` nor `url`, or the DocumentReference has no content.
        public static let missingContent = Code(.missingContent)
        /// `attachment.url` names a Binary that is neither in the Bundle nor reachable on a configured server.
        public static let unresolvedReference = Code(.unresolvedReference)
        /// A configured FHIR server could not deliver the Binary.
        public static let fetchFailed = Code(.fetchFailed)
        /// The input is not a DocumentReference or a Bundle holding some.
        public static let invalidInput = Code(.invalidInput)
        /// The input holds no DocumentReference at all.
        public static let noDocuments = Code(.noDocuments)
        /// The vocabulary database cannot be opened.
        public static let vocabularyUnavailable = Code(.vocabularyUnavailable)
        /// The tagger model file cannot be read (missing, corrupt, another format version).
        public static let modelUnavailable = Code(.modelUnavailable)

        public var description: String { base.rawValue }
    }

    public var code: Code
    public var message: String
    public var expression: String?
    public var cause: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, expression: String? = nil, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.expression = expression
        self.cause = cause
    }

    public var description: String {
        var text = "\(code): \(message)"
        if let expression { text += " (at \(expression))" }
        if let cause { text += " — caused by: \(cause)" }
        return text
    }
}
