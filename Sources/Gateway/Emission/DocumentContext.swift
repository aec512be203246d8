import FHIR

/// What emitted resources take from the DocumentReference they were derived from.
public struct DocumentContext: Sendable, Equatable {
    /// Reference to the document, e.g. `DocumentReference/123` (or its fullUrl when it has no id).
    public var reference: String
    /// Stable identity used to derive ids (`DocumentReference/123`, `identifier system|value`, or fullUrl).
    public var identity: String
    /// Resource type of the document (DocumentReference or DiagnosticReport).
    public var resourceType: String
    public var subject: FHIRElement?
    public var encounter: FHIRElement?
    /// `DocumentReference.date` (or DiagnosticReport.issued / effective).
    public var date: String?
    /// `context.period` start and end.
    public var periodStart: String?
    public var periodEnd: String?
    /// FHIRPath of the document in the input, for OperationOutcome expressions.
    public var path: String
    /// FHIRPath (relative to the document) of the attachment the text came from, e.g. `DocumentReference.content[0].attachment`.
    public var attachmentPath: String?
    /// `documentReferenceElement()` built once per emission (every emitted resource carries it).
    var preparedReference: FHIRElement?

    public init(reference: String, identity: String, resourceType: String = "DocumentReference",
                subject: FHIRElement? = nil, encounter: FHIRElement? = nil, date: String? = nil,
                periodStart: String? = nil, periodEnd: String? = nil, path: String, attachmentPath: String? = nil) {
        self.reference = reference
        self.identity = identity
        self.resourceType = resourceType
        self.subject = subject
        self.encounter = encounter
        self.date = date
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.path = path
        self.attachmentPath = attachmentPath
    }

    /// The clinical date of the note: `context.period.start`, else `date`.
    public var clinicalDate: String? { periodStart ?? date ?? periodEnd }

    /// Reads the context of a DocumentReference (or DiagnosticReport) found at `path` in `index`.
    /// References to `urn:uuid:` entries of the same input are rewritten to `Type/id` when the entry has an id.
    public init(document: FHIRElement, fullUrl: String?, path: String, index: BundleIndex) {
        let type = document.resourceType ?? "DocumentReference"
        var identity: String
        var reference: String
        if let id = document.logicalID {
            reference = "\(type)/\(id)"
            identity = reference
        } else if let fullUrl {
            reference = fullUrl
            identity = fullUrl
        } else if let identifier = document.first("identifier"), let value = identifier.string("value") {
            identity = "\(identifier.string("system") ?? "")|\(value)"
            reference = identity
        } else if let masterIdentifier = document.first("masterIdentifier"), let value = masterIdentifier.string("value") {
            identity = "\(masterIdentifier.string("system") ?? "")|\(value)"
            reference = identity
        } else {
            identity = path
            reference = ""
        }
        func rewritten(_ element: FHIRElement?) -> FHIRElement? {
            guard var element, let literal = element.string("reference") else { return element }
            element.set("reference", to: .string("reference", index.canonicalReference(literal)))
            return element
        }
        let encounter = type == "DiagnosticReport" ? document.first("encounter") : document.first(path: "context.encounter")
        self.init(reference: reference, identity: identity, resourceType: type,
                  subject: rewritten(document.first("subject")),
                  encounter: rewritten(encounter),
                  date: document.string("date") ?? document.string("issued") ?? document.string("effectiveDateTime"),
                  periodStart: document.string(path: "context.period.start") ?? document.string(path: "effectivePeriod.start"),
                  periodEnd: document.string(path: "context.period.end") ?? document.string(path: "effectivePeriod.end"),
                  path: path)
    }

    /// The Reference element pointing at the document: literal when it has a reference, else by identifier.
    public func documentReferenceElement(name: String = "valueReference") -> FHIRElement {
        if var prepared = preparedReference {
            prepared.name = name
            return prepared
        }
        if !reference.isEmpty, !reference.contains("|") {
            return .complex(name, [.string("reference", reference)])
        }
        let parts = identity.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2 {
            var identifier = FHIRElement.complex("identifier", [])
            if !parts[0].isEmpty { identifier.append(.string("system", String(parts[0]))) }
            identifier.append(.string("value", String(parts[1])))
            return .complex(name, [.string("type", resourceType), identifier])
        }
        return .complex(name, [.string("type", resourceType), .string("display", "\(resourceType) at \(path)")])
    }
}
