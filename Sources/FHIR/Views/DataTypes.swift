/// `Coding`.
public struct Coding: FHIRView {
    public var element: FHIRElement
    public init(element: FHIRElement) { self.element = element }

    public init(system: String?, code: String?, display: String? = nil, version: String? = nil) {
        self.element = .complex("coding", [])
        self.system = system
        self.version = version
        self.code = code
        self.display = display
    }

    public var system: String? { get { primitive("system") } set { setPrimitive("system", newValue) } }
    public var version: String? { get { primitive("version") } set { setPrimitive("version", newValue) } }
    public var code: String? { get { primitive("code") } set { setPrimitive("code", newValue) } }
    public var display: String? { get { primitive("display") } set { setPrimitive("display", newValue) } }
}

/// `CodeableConcept`.
public struct CodeableConcept: FHIRView {
    public var element: FHIRElement
    public init(element: FHIRElement) { self.element = element }

    public init(codings: [Coding], text: String? = nil) {
        self.element = .complex("code", [])
        self.codings = codings
        self.text = text
    }

    /// A concept with one coding.
    public init(system: String, code: String, display: String? = nil) {
        self.init(codings: [Coding(system: system, code: code, display: display)])
    }

    public var codings: [Coding] { get { views("coding") } set { setViews("coding", newValue) } }
    public var text: String? { get { primitive("text") } set { setPrimitive("text", newValue) } }

    /// The code of the first coding in `system`.
    public func code(in system: String) -> String? {
        codings.first { $0.system == system }?.code
    }
}

/// `Reference`.
public struct Reference: FHIRView {
    public var element: FHIRElement
    public init(element: FHIRElement) { self.element = element }

    public init(_ reference: String, type: String? = nil, display: String? = nil) {
        self.element = .complex("reference", [])
        self.reference = reference
        self.type = type
        self.display = display
    }

    public var reference: String? { get { primitive("reference") } set { setPrimitive("reference", newValue) } }
    public var type: String? { get { primitive("type") } set { setPrimitive("type", newValue) } }
    public var display: String? { get { primitive("display") } set { setPrimitive("display", newValue) } }
    public var identifier: Identifier? { get { view("identifier") } set { setView("identifier", newValue) } }
}

/// `Identifier`.
public struct Identifier: FHIRView {
    public var element: FHIRElement
    public init(element: FHIRElement) { self.element = element }

    public init(system: String?, value: String) {
        self.element = .complex("identifier", [])
        self.system = system
        self.value = value
    }

    public var use: String? { get { primitive("use") } set { setPrimitive("use", newValue) } }
    public var system: String? { get { primitive("system") } set { setPrimitive("system", newValue) } }
    public var value: String? { get { primitive("value") } set { setPrimitive("value", newValue) } }
}

/// `Annotation` (only its text and time).
public struct Annotation: FHIRView {
    public var element: FHIRElement
    public init(element: FHIRElement) { self.element = element }

    public init(text: String) {
        self.element = .complex("note", [.string("text", text)])
    }

    public var text: String? { get { primitive("text") } set { setPrimitive("text", newValue) } }
    public var time: String? { get { primitive("time") } set { setPrimitive("time", newValue) } }
}
