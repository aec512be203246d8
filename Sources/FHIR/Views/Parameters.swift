/// `Parameters`: operation input and output (`$lookup`, `$translate`, `$expand`, `$extract`).
public struct Parameters: FHIRResourceView {
    public static let resourceType = "Parameters"
    public var element: FHIRElement
    public init(element: FHIRElement) { self.element = element }

    public init(_ parameters: [Parameter]) {
        self.element = .resource(Self.resourceType)
        self.parameters = parameters
    }

    /// `Parameters.parameter` (also used for `part`).
    public struct Parameter: FHIRView {
        public var element: FHIRElement
        public init(element: FHIRElement) { self.element = element }

        /// A parameter with a `value[x]`: pass the value element with its choice name, e.g.
        /// `.string("valueString", "x")` or `Coding(...).element.named("valueCoding")`.
        public init(name: String, value: FHIRElement) {
            self.element = .complex("parameter", [.string("name", name), value])
        }

        public init(name: String, resource: FHIRElement) {
            self.element = .complex("parameter", [.string("name", name), .nested("resource", resource: resource)])
        }

        public init(name: String, parts: [Parameter]) {
            self.element = .complex("parameter", [.string("name", name)] + parts.map { $0.element.named("part") })
        }

        public static func string(_ name: String, _ value: String) -> Parameter {
            Parameter(name: name, value: .string("valueString", value))
        }
        public static func code(_ name: String, _ value: String) -> Parameter {
            Parameter(name: name, value: .string("valueCode", value))
        }
        public static func uri(_ name: String, _ value: String) -> Parameter {
            Parameter(name: name, value: .string("valueUri", value))
        }
        public static func boolean(_ name: String, _ value: Bool) -> Parameter {
            Parameter(name: name, value: .boolean("valueBoolean", value))
        }
        public static func integer(_ name: String, _ value: Int) -> Parameter {
            Parameter(name: name, value: .integer("valueInteger", value))
        }
        public static func coding(_ name: String, _ value: Coding) -> Parameter {
            Parameter(name: name, value: value.element.named("valueCoding"))
        }

        public var name: String? { primitive("name") }
        /// The `value[x]` child (e.g. `valueString`), if any.
        public var value: FHIRElement? { element.choice("value") }
        /// The value's primitive text (for `valueString`, `valueCode`, `valueUri`, `valueBoolean`, ...).
        public var valueText: String? { value?.value?.text }
        public var resource: FHIRElement? { element.first("resource") }
        public var parts: [Parameter] { views("part") }

        /// The first part with this name.
        public func part(_ name: String) -> Parameter? { parts.first { $0.name == name } }
    }

    public var parameters: [Parameter] { get { views("parameter") } set { setViews("parameter", newValue) } }

    /// The first parameter with this name.
    public func parameter(_ name: String) -> Parameter? { parameters.first { $0.name == name } }

    /// All parameters with this name.
    public func parameters(named name: String) -> [Parameter] { parameters.filter { $0.name == name } }

    public mutating func append(_ parameter: Parameter) {
        element.append(parameter.element.named("parameter"))
    }
}
