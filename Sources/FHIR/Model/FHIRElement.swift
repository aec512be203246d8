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
    public var resourceType: String?
    public var value: FHIRPrimitive?
    public var id: String?
    public var children: [FHIRElement]
    public var xhtml: String?

    public init(
        name: String,
        resourceType: String? = nil,
        value: FHIRPrimitive? = nil,
        id: String? = nil,
        children: [FHIRElement] = [],
        xhtml: String? = nil
    ) {
        self.name = name
        self.resourceType = resourceType
        self.value = value
        self.id = id
        self.children = children
        self.xhtml = xhtml
    }

    /// True when this node is a resource (root or nested).
    public var isResource: Bool { resourceType != nil }

    /// True when this node carries nothing: no value, id, children or markup.
    public var isEmpty: Bool { value == nil && id == nil && children.isEmpty && xhtml == nil }
}
