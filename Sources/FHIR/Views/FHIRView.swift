/// A typed view over an element tree node. Views are lossless: they read and write the wrapped `element`, so
/// elements a view does not model survive (`view.element` is always the complete node).
public protocol FHIRView: Sendable, Equatable {
    var element: FHIRElement { get set }
    /// Wraps a node without checking it.
    init(element: FHIRElement)
}

/// A typed view of a resource.
public protocol FHIRResourceView: FHIRView {
    static var resourceType: String { get }
}

extension FHIRResourceView {
    /// Wraps `element` when it is a resource of this view's type.
    public init?(_ element: FHIRElement) {
        guard (element.resourceType ?? element.name) == Self.resourceType else { return nil }
        self.init(element: element)
    }

    /// An empty resource of this type.
    public init() {
        self.init(element: .resource(Self.resourceType))
    }

    /// The logical id (`Resource.id`).
    public var id: String? {
        get { element.string("id") }
        set { element.set("id", to: newValue.map { .string("id", $0) }) }
    }

    /// The resource as the root node of a document (named after its type).
    public var resource: FHIRElement {
        element.named(Self.resourceType)
    }
}

/// Shared accessors for view implementations.
extension FHIRView {
    public func primitive(_ name: String) -> String? { element.string(name) }

    public mutating func setPrimitive(_ name: String, _ text: String?) {
        element.set(name, to: text.map { FHIRElement.string(name, $0) })
    }

    public func view<V: FHIRView>(_ name: String) -> V? { element.first(name).map { V(element: $0) } }

    public func views<V: FHIRView>(_ name: String) -> [V] { element.all(name).map { V(element: $0) } }

    public mutating func setView<V: FHIRView>(_ name: String, _ value: V?) {
        element.set(name, to: value.map { $0.element.named(name) })
    }

    public mutating func setViews<V: FHIRView>(_ name: String, _ values: [V]) {
        element.set(name, to: values.map { $0.element.named(name) })
    }
}
