/// `DocumentReference`: the note carrier NoteGate reads.
public struct DocumentReference: FHIRResourceView {
    public static let resourceType = "DocumentReference"
    public var element: FHIRElement
    public init(element: FHIRElement) { self.element = element }

    /// `DocumentReference.content`.
    public struct Content: FHIRView {
        public var element: FHIRElement
        public init(element: FHIRElement) { self.element = element }

        public init(attachment: Attachment, format: Coding? = nil) {
            self.element = .complex("content", [])
            self.attachment = attachment
            self.format = format
        }

        public var attachment: Attachment? { get { view("attachment") } set { setView("attachment", newValue) } }
        public var format: Coding? { get { view("format") } set { setView("format", newValue) } }
    }

    public var masterIdentifier: Identifier? {
        get { view("masterIdentifier") } set { setView("masterIdentifier", newValue) }
    }
    public var identifiers: [Identifier] { get { views("identifier") } set { setViews("identifier", newValue) } }
    public var status: String? { get { primitive("status") } set { setPrimitive("status", newValue) } }
    public var docStatus: String? { get { primitive("docStatus") } set { setPrimitive("docStatus", newValue) } }
    public var type: CodeableConcept? { get { view("type") } set { setView("type", newValue) } }
    public var categories: [CodeableConcept] { get { views("category") } set { setViews("category", newValue) } }
    public var subject: Reference? { get { view("subject") } set { setView("subject", newValue) } }
    /// `DocumentReference.date` (instant).
    public var date: String? { get { primitive("date") } set { setPrimitive("date", newValue) } }
    public var authors: [Reference] { get { views("author") } set { setViews("author", newValue) } }
    public var description: String? { get { primitive("description") } set { setPrimitive("description", newValue) } }
    public var contents: [Content] { get { views("content") } set { setViews("content", newValue) } }

    /// `context.encounter` references.
    public var encounters: [Reference] {
        (element.first("context")?.all("encounter") ?? []).map { Reference(element: $0) }
    }

    /// `context.period.start`, the clinical time of the note when present.
    public var periodStart: String? { element.string(path: "context.period.start") }
}
