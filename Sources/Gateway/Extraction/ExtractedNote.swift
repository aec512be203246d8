/// The text of one note, ready for the NLP pipeline, and where it came from.
public struct ExtractedNote: Sendable {
    public enum Origin: Sendable, Equatable {
        case inlineData
        /// A `Binary` of the same input (its FHIRPath).
        case bundleBinary(path: String)
        /// A resource fetched from a configured FHIR server (its URL).
        case remote(url: String)
    }

    /// The note text. Offsets NoteGate reports are Unicode-scalar offsets into this string; for HTML/XHTML
    /// attachments that is the text after markup stripping (see `HTMLTextStripper`).
    public var text: String
    public var mediaType: MediaType
    public var origin: Origin
    /// FHIRPath of the attachment used, e.g. `DocumentReference.content[1].attachment`.
    public var attachmentPath: String
    /// Warnings met on the way (another content entry that could not be read, hash mismatch, ...).
    public var warnings: [GatewayError]

    public init(text: String, mediaType: MediaType, origin: Origin, attachmentPath: String, warnings: [GatewayError] = []) {
        self.text = text
        self.mediaType = mediaType
        self.origin = origin
        self.attachmentPath = attachmentPath
        self.warnings = warnings
    }
}
