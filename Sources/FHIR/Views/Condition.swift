/// `Condition`: emitted for PROBLEM mentions.
public struct Condition: FHIRResourceView {
    public static let resourceType = "Condition"
    public var element: FHIRElement
    public init(element: FHIRElement) { self.element = element }

    public var extensions: [FHIRElement] { get { element.all("extension") } set { element.set("extension", to: newValue) } }
    public var identifiers: [Identifier] { get { views("identifier") } set { setViews("identifier", newValue) } }
    public var clinicalStatus: CodeableConcept? {
        get { view("clinicalStatus") } set { setView("clinicalStatus", newValue) }
    }
    public var verificationStatus: CodeableConcept? {
        get { view("verificationStatus") } set { setView("verificationStatus", newValue) }
    }
    public var categories: [CodeableConcept] { get { views("category") } set { setViews("category", newValue) } }
    public var severity: CodeableConcept? { get { view("severity") } set { setView("severity", newValue) } }
    public var code: CodeableConcept? { get { view("code") } set { setView("code", newValue) } }
    public var bodySites: [CodeableConcept] { get { views("bodySite") } set { setViews("bodySite", newValue) } }
    public var subject: Reference? { get { view("subject") } set { setView("subject", newValue) } }
    public var encounter: Reference? { get { view("encounter") } set { setView("encounter", newValue) } }
    public var onsetDateTime: String? { get { primitive("onsetDateTime") } set { setPrimitive("onsetDateTime", newValue) } }
    public var abatementDateTime: String? {
        get { primitive("abatementDateTime") } set { setPrimitive("abatementDateTime", newValue) }
    }
    public var recordedDate: String? { get { primitive("recordedDate") } set { setPrimitive("recordedDate", newValue) } }
    public var notes: [Annotation] { get { views("note") } set { setViews("note", newValue) } }
}
