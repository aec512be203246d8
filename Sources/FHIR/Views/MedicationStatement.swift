/// `MedicationStatement`: emitted for MEDICATION mentions.
public struct MedicationStatement: FHIRResourceView {
    public static let resourceType = "MedicationStatement"
    public var element: FHIRElement
    public init(element: FHIRElement) { self.element = element }

    public var extensions: [FHIRElement] { get { element.all("extension") } set { element.set("extension", to: newValue) } }
    public var identifiers: [Identifier] { get { views("identifier") } set { setViews("identifier", newValue) } }
    /// `active | completed | entered-in-error | intended | stopped | on-hold | unknown | not-taken`.
    public var status: String? { get { primitive("status") } set { setPrimitive("status", newValue) } }
    public var category: CodeableConcept? { get { view("category") } set { setView("category", newValue) } }
    public var medicationCodeableConcept: CodeableConcept? {
        get { view("medicationCodeableConcept") } set { setView("medicationCodeableConcept", newValue) }
    }
    public var medicationReference: Reference? {
        get { view("medicationReference") } set { setView("medicationReference", newValue) }
    }
    public var subject: Reference? { get { view("subject") } set { setView("subject", newValue) } }
    public var context: Reference? { get { view("context") } set { setView("context", newValue) } }
    public var effectiveDateTime: String? {
        get { primitive("effectiveDateTime") } set { setPrimitive("effectiveDateTime", newValue) }
    }
    public var dateAsserted: String? { get { primitive("dateAsserted") } set { setPrimitive("dateAsserted", newValue) } }
    public var informationSource: Reference? {
        get { view("informationSource") } set { setView("informationSource", newValue) }
    }
    public var derivedFrom: [Reference] { get { views("derivedFrom") } set { setViews("derivedFrom", newValue) } }
    public var notes: [Annotation] { get { views("note") } set { setViews("note", newValue) } }
    /// `dosage` elements (Dosage: `text`, `route`, `doseAndRate`, ...), kept as trees.
    public var dosages: [FHIRElement] { get { element.all("dosage") } set { element.set("dosage", to: newValue) } }
}
