/// `Procedure`: emitted for PROCEDURE mentions.
public struct Procedure: FHIRResourceView {
    public static let resourceType = "Procedure"
    public var element: FHIRElement
    public init(element: FHIRElement) { self.element = element }

    public var extensions: [FHIRElement] { get { element.all("extension") } set { element.set("extension", to: newValue) } }
    public var identifiers: [Identifier] { get { views("identifier") } set { setViews("identifier", newValue) } }
    /// `preparation | in-progress | not-done | on-hold | stopped | completed | entered-in-error | unknown`.
    public var status: String? { get { primitive("status") } set { setPrimitive("status", newValue) } }
    public var category: CodeableConcept? { get { view("category") } set { setView("category", newValue) } }
    public var code: CodeableConcept? { get { view("code") } set { setView("code", newValue) } }
    public var subject: Reference? { get { view("subject") } set { setView("subject", newValue) } }
    public var encounter: Reference? { get { view("encounter") } set { setView("encounter", newValue) } }
    public var performedDateTime: String? {
        get { primitive("performedDateTime") } set { setPrimitive("performedDateTime", newValue) }
    }
    public var reasonCodes: [CodeableConcept] { get { views("reasonCode") } set { setViews("reasonCode", newValue) } }
    public var bodySites: [CodeableConcept] { get { views("bodySite") } set { setViews("bodySite", newValue) } }
    public var notes: [Annotation] { get { views("note") } set { setViews("note", newValue) } }
}
