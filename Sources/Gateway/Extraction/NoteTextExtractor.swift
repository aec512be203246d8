import FHIR

/// Pulls the note text out of a `DocumentReference` (`content[].attachment`) or a `DiagnosticReport`
/// (`presentedForm[]`).
///
/// Choice among several attachments: readable types in order text/plain, then HTML/XHTML, each in document order;
/// if the preferred one fails (bad base64, bad bytes, unresolvable url) the next readable one is tried and the
/// failure is kept as a warning; if every readable one fails, the first failure is the error. When no attachment
/// has a readable type the error is `unsupportedContentType` (PDF, images, C-CDA, FHIR payloads).
/// An attachment without `contentType` is read as text/plain, since the FHIR default is unspecified and plain
/// text is what producers that omit it send; the charset then defaults to UTF-8 (a UTF-16 BOM is honoured).
public struct NoteTextExtractor: Sendable {
    public struct Limits: Sendable {
        /// Largest decoded attachment accepted, in bytes.
        public var maximumAttachmentBytes: Int
        public init(maximumAttachmentBytes: Int = 4 * 1024 * 1024) {
            self.maximumAttachmentBytes = maximumAttachmentBytes
        }
    }

    public var limits: Limits
    public var fetcher: (any AttachmentFetcher)?

    public init(limits: Limits = Limits(), fetcher: (any AttachmentFetcher)? = nil) {
        self.limits = limits
        self.fetcher = fetcher
    }

    /// The attachments of a document resource with their FHIRPaths.
    static func attachments(of document: FHIRElement, path: String) -> [(attachment: FHIRElement, path: String)] {
        if document.resourceType == "DiagnosticReport" {
            return document.all("presentedForm").enumerated().map { ($1, "\(path).presentedForm[\($0)]") }
        }
        return document.all("content").enumerated().compactMap { index, content in
            content.first("attachment").map { ($0, "\(path).content[\(index)].attachment") }
        }
    }

    public func extract(from document: FHIRElement, path: String, index: BundleIndex) async throws(GatewayError) -> ExtractedNote {
        let all = Self.attachments(of: document, path: path)
        guard !all.isEmpty else {
            throw GatewayError(.missingContent, "the document has no attachment",
                               expression: document.resourceType == "DiagnosticReport" ? "\(path).presentedForm" : "\(path).content")
        }
        let candidates = all.compactMap { item -> (rank: Int, position: Int, item: (attachment: FHIRElement, path: String), type: MediaType)? in
            let type = item.attachment.string("contentType").map { MediaType(parsing: $0) ?? MediaType(type: "invalid", subtype: $0) }
                ?? MediaType(type: "text", subtype: "plain")
            guard let kind = type.textKind else { return nil }
            return (kind == .plain ? 0 : 1, 0, item, type)
        }.enumerated().map { ($1.rank, $0, $1.item, $1.type) }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        guard !candidates.isEmpty else {
            let types = all.map { $0.attachment.string("contentType") ?? "(none)" }
            throw GatewayError(.unsupportedContentType,
                               "no attachment NoteGate can read as text (content types: \(types.joined(separator: ", "))); "
                               + "supported: text/plain, text/html, application/xhtml+xml",
                               expression: all[0].path + ".contentType")
        }
        var failures: [GatewayError] = []
        for candidate in candidates {
            do {
                var note = try await read(candidate.2.attachment, path: candidate.2.path, declared: candidate.3, index: index)
                note.warnings = failures + note.warnings
                return note
            } catch {
                failures.append(error)
            }
        }
        throw failures[0]
    }

    func read(_ attachment: FHIRElement, path: String, declared: MediaType, index: BundleIndex) async throws(GatewayError) -> ExtractedNote {
        var mediaType = declared
        let bytes: [UInt8]
        let origin: ExtractedNote.Origin
        var warnings: [GatewayError] = []
        if let data = attachment.string("data") {
            bytes = try decodeBase64(data, expression: "\(path).data")
            origin = .inlineData
        } else if let url = attachment.string("url") {
            (bytes, mediaType, origin) = try await resolve(url: url, declared: declared, path: path, index: index)
        } else {
            throw GatewayError(.missingContent, "the attachment has neither data nor url", expression: path)
        }
        guard let kind = mediaType.textKind else {
            throw GatewayError(.unsupportedContentType,
                               "the referenced content is \(mediaType.essence), which NoteGate cannot read as text",
                               expression: "\(path).url")
        }
        if bytes.starts(with: Array("%PDF-".utf8)) {
            throw GatewayError(.unsupportedContentType, "the content is declared \(mediaType.essence) but is a PDF file",
                               expression: "\(path).contentType")
        }
        if let warning = checkHash(attachment, bytes: bytes, path: path) { warnings.append(warning) }
        var charset: CharsetDecoder.Charset?
        if let label = mediaType.charset {
            guard let known = CharsetDecoder.Charset(label: label) else {
                throw GatewayError(.unsupportedCharset,
                                   "charset '\(label)' is not supported (UTF-8, ISO-8859-1, windows-1252, UTF-16 are)",
                                   expression: "\(path).contentType")
            }
            charset = known
        }
        let decoded: String
        do { decoded = try CharsetDecoder.decode(bytes, charset: charset) } catch {
            throw GatewayError(.invalidEncoding, error.description, expression: "\(path).data")
        }
        let text = kind == .plain ? decoded : HTMLTextStripper.plainText(fromMarkup: decoded)
        return ExtractedNote(text: text, mediaType: mediaType, origin: origin, attachmentPath: path, warnings: warnings)
    }

    func decodeBase64(_ data: String, expression: String) throws(GatewayError) -> [UInt8] {
        let limit = limits.maximumAttachmentBytes
        if data.utf8.count / 4 * 3 > limit + 3 {
            throw GatewayError(.attachmentTooLarge, "the attachment is about \(data.utf8.count / 4 * 3) bytes, limit \(limit)",
                               expression: expression)
        }
        do {
            let bytes = try StrictBase64.decode(data)
            guard bytes.count <= limit else {
                throw GatewayError(.attachmentTooLarge, "the attachment is \(bytes.count) bytes, limit \(limit)", expression: expression)
            }
            return bytes
        } catch let error as StrictBase64.DecodingError {
            throw GatewayError(.invalidBase64, "not valid base64: \(error.description)", expression: expression, cause: error)
        } catch let error as GatewayError {
            throw error
        } catch {
            throw GatewayError(.invalidBase64, "\(error)", expression: expression)
        }
    }

    /// `Attachment.hash` is the base64 SHA-1 of the data. A mismatch is a warning: the text is still read,
    /// but the caller learns that the attachment may be corrupt.
    func checkHash(_ attachment: FHIRElement, bytes: [UInt8], path: String) -> GatewayError? {
        guard let hash = attachment.string("hash"), let expected = try? StrictBase64.decode(hash), expected.count == 20 else {
            return nil
        }
        guard SHA1.hash(bytes) != expected else { return nil }
        return GatewayError(.invalidInput, "attachment.hash does not match the SHA-1 of the content", expression: "\(path).hash")
    }

    /// Resolves `Attachment.url`: a Binary (or any resource with `data`) of the same input by fullUrl, `urn:uuid:`,
    /// relative `Binary/id` or `#id` (contained); otherwise the configured FHIR server.
    func resolve(url: String, declared: MediaType, path: String, index: BundleIndex)
        async throws(GatewayError) -> ([UInt8], MediaType, ExtractedNote.Origin) {
        let expression = "\(path).url"
        if let entry = index.resolve(url) {
            guard let data = entry.resource.string("data") else {
                throw GatewayError(.unresolvedReference, "\(url) resolves to \(entry.path), which has no data", expression: expression)
            }
            let bytes = try decodeBase64(data, expression: "\(entry.path).data")
            let type = entry.resource.string("contentType").flatMap(MediaType.init(parsing:)) ?? declared
            return (bytes, Self.merge(declared: declared, actual: type), .bundleBinary(path: entry.path))
        }
        if let fetcher, let absolute = fetcher.url(for: url) {
            let (bytes, type) = try await fetcher.fetch(url: absolute, expression: expression)
            guard bytes.count <= limits.maximumAttachmentBytes else {
                throw GatewayError(.attachmentTooLarge, "\(absolute) is \(bytes.count) bytes, limit \(limits.maximumAttachmentBytes)",
                                   expression: expression)
            }
            return (bytes, Self.merge(declared: declared, actual: type ?? declared), .remote(url: absolute))
        }
        let why = fetcher == nil ? "no FHIR server is configured to fetch it from" : "it is not on the configured FHIR server"
        throw GatewayError(.unresolvedReference, "\(url) is not in the input and \(why)", expression: expression)
    }

    /// The type of referenced content: the Binary's own type, but the attachment's charset when the Binary
    /// declares none (the attachment describes the content it points at).
    static func merge(declared: MediaType, actual: MediaType) -> MediaType {
        var merged = actual
        if merged.charset == nil, let charset = declared.charset { merged.parameters["charset"] = charset }
        return merged
    }
}
