/// Read helpers. Names are element names as in JSON (`"valueQuantity"`, not `"value[x]"`).
extension FHIRElement {
    /// The first child with this name.
    public func first(_ name: String) -> FHIRElement? {
        children.first { $0.name == name }
    }

    /// All children with this name, in order.
    public func all(_ name: String) -> [FHIRElement] {
        children.filter { $0.name == name }
    }

    /// The primitive text of the first child with this name.
    public func string(_ name: String) -> String? {
        first(name)?.value?.text
    }

    /// The primitive texts of all children with this name (children without a value are skipped).
    public func strings(_ name: String) -> [String] {
        children.compactMap { $0.name == name ? $0.value?.text : nil }
    }

    public func integer(_ name: String) -> Int? { first(name)?.value?.intValue }
    public func boolean(_ name: String) -> Bool? { first(name)?.value?.boolValue }

    /// The first element along a dotted path of element names, e.g. `"subject.reference"`.
    public func first(path: String) -> FHIRElement? {
        var node = self
        for name in path.split(separator: ".") {
            guard let next = node.first(String(name)) else { return nil }
            node = next
        }
        return node
    }

    /// Every element along a dotted path, following all repetitions, e.g. `"code.coding"`.
    public func all(path: String) -> [FHIRElement] {
        var nodes = [self]
        for name in path.split(separator: ".") {
            let key = String(name)
            nodes = nodes.flatMap { $0.all(key) }
            if nodes.isEmpty { break }
        }
        return nodes
    }

    /// The primitive text at a dotted path (first match).
    public func string(path: String) -> String? {
        first(path: path)?.value?.text
    }

    /// The child that fills a choice element, e.g. `choice("value")` finds `valueQuantity` or `valueString`.
    public func choice(_ baseName: String) -> FHIRElement? {
        children.first { child in
            guard child.name.count > baseName.count, child.name.hasPrefix(baseName) else { return false }
            let next = child.name[child.name.index(child.name.startIndex, offsetBy: baseName.count)]
            return next.isUppercase
        }
    }

    /// The resource's logical id (`Resource.id`), when this node is a resource.
    public var logicalID: String? {
        isResource ? string("id") : nil
    }

    /// The distinct child names in first-appearance order.
    public var childNames: [String] {
        var seen = Set<String>()
        return children.compactMap { seen.insert($0.name).inserted ? $0.name : nil }
    }

    /// Extensions of this element with the given url.
    public func extensions(url: String) -> [FHIRElement] {
        children.filter { $0.name == "extension" && $0.string("url") == url }
    }
}
