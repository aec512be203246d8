/// Builders. Child order does not matter for output: both writers order children by the R4 definitions.
extension FHIRElement {
    /// A resource node. `id` becomes the child element `"id"` (the logical id).
    public static func resource(_ type: String, id: String? = nil, _ children: [FHIRElement] = []) -> FHIRElement {
        var all: [FHIRElement] = []
        if let id { all.append(.string("id", id)) }
        all.append(contentsOf: children)
        return FHIRElement(name: type, resourceType: type, children: all)
    }

    /// A complex (non-primitive) element.
    public static func complex(_ name: String, id: String? = nil, _ children: [FHIRElement]) -> FHIRElement {
        FHIRElement(name: name, id: id, children: children)
    }

    /// A primitive written as a JSON string (string, code, uri, id, date, dateTime, base64Binary, ...).
    public static func string(_ name: String, _ text: String) -> FHIRElement {
        FHIRElement(name: name, value: .string(text))
    }

    public static func integer(_ name: String, _ value: Int) -> FHIRElement {
        FHIRElement(name: name, value: .integer(value))
    }

    /// A decimal from its exact text, so `"1.50"` keeps its precision.
    public static func decimal(_ name: String, _ text: String) -> FHIRElement {
        FHIRElement(name: name, value: .number(text))
    }

    public static func boolean(_ name: String, _ value: Bool) -> FHIRElement {
        FHIRElement(name: name, value: .boolean(value))
    }

    /// An `Extension` element (`name` is `"extension"` or `"modifierExtension"`).
    public static func `extension`(
        url: String, name: String = "extension", _ children: [FHIRElement]
    ) -> FHIRElement {
        FHIRElement(name: name, children: [.string("url", url)] + children)
    }

    /// A resource placed inside another one under `name` (`"resource"`, `"contained"`, `"outcome"`, ...).
    public static func nested(_ name: String, resource: FHIRElement) -> FHIRElement {
        var copy = resource
        copy.name = name
        if copy.resourceType == nil { copy.resourceType = resource.name }
        return copy
    }

    /// A copy with another element name.
    public func named(_ newName: String) -> FHIRElement {
        var copy = self
        copy.name = newName
        return copy
    }

    public mutating func append(_ child: FHIRElement) {
        children.append(child)
    }

    public mutating func append(contentsOf newChildren: [FHIRElement]) {
        children.append(contentsOf: newChildren)
    }

    /// Replaces every child named `name` with `replacements` (at the position of the first old one, else at the end).
    public mutating func set(_ name: String, to replacements: [FHIRElement]) {
        let position = children.firstIndex { $0.name == name } ?? children.endIndex
        let before = children[..<position].filter { $0.name != name }
        let after = children[position...].filter { $0.name != name }
        children = before + replacements.map { $0.named(name) } + after
    }

    /// Replaces every child named `name` with one element (or removes them when `nil`).
    public mutating func set(_ name: String, to replacement: FHIRElement?) {
        set(name, to: replacement.map { [$0] } ?? [])
    }

    public mutating func removeAll(named name: String) {
        children.removeAll { $0.name == name }
    }

    /// A copy with the children appended.
    public func appending(_ newChildren: [FHIRElement]) -> FHIRElement {
        var copy = self
        copy.children.append(contentsOf: newChildren)
        return copy
    }
}
