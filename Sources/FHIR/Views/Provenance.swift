/// `Provenance`: who and what produced the emitted resources.
public struct Provenance: FHIRResourceView {
    public static let resourceType = "Provenance"
    public var element: FHIRElement
    public init(element: FHIRElement) { self.element = element }

    /// `Provenance.agent`.
    public struct Agent: FHIRView {
        public var element: FHIRElement
        public init(element: FHIRElement) { self.element = element }

        public init(who: Reference, type: CodeableConcept? = nil) {
            self.element = .complex("agent", [])
            self.type = type
            self.who = who
        }

        public var type: CodeableConcept? { get { view("type") } set { setView("type", newValue) } }
        public var who: Reference? { get { view("who") } set { setView("who", newValue) } }
        public var onBehalfOf: Reference? { get { view("onBehalfOf") } set { setView("onBehalfOf", newValue) } }
    }

    /// `Provenance.entity`.
    public struct Entity: FHIRView {
        public var element: FHIRElement
        public init(element: FHIRElement) { self.element = element }

        /// `role`: `derivation | revision | quotation | source | removal`.
        public init(role: String, what: Reference) {
            self.element = .complex("entity", [])
            self.role = role
            self.what = what
        }

        public var role: String? { get { primitive("role") } set { setPrimitive("role", newValue) } }
        public var what: Reference? { get { view("what") } set { setView("what", newValue) } }
    }

    public var targets: [Reference] { get { views("target") } set { setViews("target", newValue) } }
    public var occurredDateTime: String? {
        get { primitive("occurredDateTime") } set { setPrimitive("occurredDateTime", newValue) }
    }
    /// `recorded` (instant, required).
    public var recorded: String? { get { primitive("recorded") } set { setPrimitive("recorded", newValue) } }
    public var policies: [String] {
        get { element.strings("policy") }
        set { element.set("policy", to: newValue.map { .string("policy", $0) }) }
    }
    public var activity: CodeableConcept? { get { view("activity") } set { setView("activity", newValue) } }
    public var agents: [Agent] { get { views("agent") } set { setViews("agent", newValue) } }
    public var entities: [Entity] { get { views("entity") } set { setViews("entity", newValue) } }
    public var extensions: [FHIRElement] { get { element.all("extension") } set { element.set("extension", to: newValue) } }
}
