/// One node of an order-preserving FHIR element tree: a resource, a complex element or a primitive.
///
/// The tree is format-neutral: the JSON and XML readers both produce it and both writers consume it.
/// - `name` is the element name as written in JSON/XML (`"code"`, `"valueQuantity"`); for a root resource it is
///   the resource type.
/// - `resourceType` is set when the node is a resource (the root, `contained`, `Bundle.entry.resource`,
///   `Parameters.parameter.resource`, ...). A resource's logical id is a child element named `"id"`.
/// - `value` holds a primitive's exact lexical value; `id` is the element id (JSON `id` of a complex element or
///   `_name.id` of a primitive, XML `id` attribute).
/// - `children` are in document order; a repeating element is a run of consecutive siblings with one name.
///   Extensions of a primitive are its children named `"extension"`. `Extension.url` is a child primitive
///   named `"url"` (an attribute in XML, a member in JSON).
/// - `xhtml` holds the markup of a `Narrative.div` as text (the element is named `"div"` and has no `value`).
public struct FHIRElement: Sendable, Equatable {
    public var name: String
    public var value: FHIRPrimitive?
    public var children: [FHIRElement]
    /// `resourceType`, `id` and `xhtml` are rare: they live in one shared box so the common node stays small
    /// (a tree holds hundreds of thousands of nodes; this keeps a parsed document near 3× its JSON size).
    private var extras: Extras?

    private final class Extras: Sendable {
        let resourceType: String?
        let id: String?
        let xhtml: String?

        init(resourceType: String?, id: String?, xhtml: String?) {
            self.resourceType = resourceType
            self.id = id
            self.xhtml = xhtml
        }
    }

    public init(
        name: String,
        resourceType: String? = nil,
        value: FHIRPrimitive? = nil,
        id: String? = nil,
        children: [FHIRElement] = [],
        xhtml: String? = nil
    ) {
        self.name = name
        self.value = value
        self.children = children
        if resourceType != nil || id != nil || xhtml != nil {
            self.extras = Extras(resourceType: resourceType, id: id, xhtml: xhtml)
        }
    }

    /// A primitive without id or extras (the readers' most common node; skips the extras checks).
    init(name: String, primitive: FHIRPrimitive) {
        self.name = name
        self.value = primitive
        self.children = []
    }

    public var resourceType: String? {
        get { extras?.resourceType }
        set { setExtras(resourceType: newValue, id: id, xhtml: xhtml) }
    }

    public var id: String? {
        get { extras?.id }
        set { setExtras(resourceType: resourceType, id: newValue, xhtml: xhtml) }
    }

    public var xhtml: String? {
        get { extras?.xhtml }
        set { setExtras(resourceType: resourceType, id: id, xhtml: newValue) }
    }

    private mutating func setExtras(resourceType: String?, id: String?, xhtml: String?) {
        extras = resourceType == nil && id == nil && xhtml == nil
            ? nil : Extras(resourceType: resourceType, id: id, xhtml: xhtml)
    }

    public static func == (lhs: FHIRElement, rhs: FHIRElement) -> Bool {
        lhs.name == rhs.name && lhs.value == rhs.value && lhs.resourceType == rhs.resourceType && lhs.id == rhs.id
            && lhs.xhtml == rhs.xhtml && lhs.children == rhs.children
    }

    /// True when this node is a resource (root or nested).
    public var isResource: Bool { resourceType != nil }

    /// True when this node carries nothing: no value, id, children or markup.
    public var isEmpty: Bool { value == nil && extras == nil && children.isEmpty }

    /// True when the node has a resource type, id or markup: lets hot loops skip those three reads (each a
    /// reference-counted load of the shared box) for the ordinary node.
    var hasExtras: Bool { extras != nil }
}
