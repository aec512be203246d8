/// Writes a `FHIRElement` tree as FHIR XML that validates against the official R4 schema: children in
/// definition order (from the generated R4 table), primitives as `value` attributes, element ids as `id`
/// attributes, `Extension.url` as the `url` attribute, resources nested in their wrapper element, the narrative
/// `div` as XHTML markup. The output is deterministic: the same tree always gives the same bytes.
struct FHIRXMLWriter {
    let definitions: FHIRDefinitions
    let pretty: Bool
    private(set) var out: [UInt8] = []
    private let extensionType: TypeDefinition?
    private let elementType: TypeDefinition?

    init(definitions: FHIRDefinitions, pretty: Bool, capacity: Int = 4096) {
        self.definitions = definitions
        self.pretty = pretty
        self.extensionType = definitions.type("Extension")
        self.elementType = definitions.type("Element")
        out.reserveCapacity(capacity)
    }

    /// Writes a whole document: the XML declaration and the root resource in the FHIR namespace.
    mutating func writeDocument(_ root: FHIRElement) {
        out += Self.declaration
        if pretty { out.append(0x0A) }
        let typeName = root.resourceType ?? root.name
        writeResource(root, typeName: typeName, depth: 0, isRoot: true)
        if pretty { out.append(0x0A) }
    }

    /// `<Patient>…</Patient>`; the root also declares the FHIR namespace.
    private mutating func writeResource(_ resource: FHIRElement, typeName: String, depth: Int, isRoot: Bool) {
        out.append(UInt8(ascii: "<"))
        appendRaw(typeName)
        if isRoot { out += Self.fhirNamespaceAttribute }
        let type = definitions.type(typeName)
        if resource.children.isEmpty {
            out += Self.emptyClose
            return
        }
        out.append(UInt8(ascii: ">"))
        writeChildren(resource.children, of: type, depth: depth + 1)
        newline(depth)
        out += Self.endOpen
        appendRaw(typeName)
        out.append(UInt8(ascii: ">"))
    }

    private mutating func writeChildren(_ children: [FHIRElement], of type: TypeDefinition?, depth: Int) {
        // Children of a primitive (its extensions) and of an unknown type are typed by `Element`.
        let lookup = (type == nil || type?.kind == .primitive) ? elementType : type
        let isExtension = type?.name == "Extension"
        for child in Self.definitionOrder(children, in: lookup) {
            if isExtension, child.name == "url", child.value != nil { continue }  // written as an attribute
            writeElement(child, match: lookup?.element(named: child.name), depth: depth)
        }
    }

    private mutating func writeElement(_ element: FHIRElement, match: ElementMatch?, depth: Int) {
        newline(depth)
        if let markup = element.xhtml {
            appendNarrative(markup)
            return
        }
        if let resourceType = element.resourceType {
            out.append(UInt8(ascii: "<"))
            appendRaw(element.name)
            out.append(UInt8(ascii: ">"))
            newline(depth + 1)
            writeResource(element, typeName: resourceType, depth: depth + 1, isRoot: false)
            newline(depth)
            closeTag(element.name)
            return
        }
        let type = match.flatMap { definitions.type($0.typeName) }
        out.append(UInt8(ascii: "<"))
        appendRaw(element.name)
        if let id = element.id { appendAttribute(Self.idAttribute, id) }
        if type?.name == "Extension", let url = element.children.first(where: { $0.name == "url" })?.value {
            appendAttribute(Self.urlAttribute, url.text)
        }
        if let value = element.value { appendAttribute(Self.valueAttribute, value.text) }
        let hasContent = element.children.contains { !(type?.name == "Extension" && $0.name == "url") }
        guard hasContent else {
            out += Self.emptyClose
            return
        }
        out.append(UInt8(ascii: ">"))
        writeChildren(element.children, of: type, depth: depth + 1)
        newline(depth)
        closeTag(element.name)
    }

    /// The children sorted by their element's position in the definition; repeats and unknown elements keep
    /// their relative order (unknown ones go last). Most trees are already in order and are returned as is.
    static func definitionOrder(_ children: [FHIRElement], in type: TypeDefinition?) -> [FHIRElement] {
        guard let type, children.count > 1 else { return children }
        var keys: [Int] = []
        keys.reserveCapacity(children.count)
        var sorted = true
        for child in children {
            let key = type.element(named: child.name)?.index ?? Int.max
            if let last = keys.last, key < last { sorted = false }
            keys.append(key)
        }
        if sorted { return children }
        return children.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }.map { children[$0] }
    }

    // MARK: - Output helpers

    /// Writes narrative markup as is, adding the XHTML namespace when the text lacks a declaration.
    private mutating func appendNarrative(_ markup: String) {
        let bytes = Array(markup.utf8)
        let open = Array("<div".utf8)
        if bytes.starts(with: open), !markup.prefix(200).contains("xmlns=") {
            out += open
            out += Self.xhtmlNamespaceAttribute
            out += bytes[open.count...]
        } else {
            out += bytes
        }
    }

    private mutating func closeTag(_ name: String) {
        out += Self.endOpen
        appendRaw(name)
        out.append(UInt8(ascii: ">"))
    }

    private mutating func appendAttribute(_ prefix: [UInt8], _ value: String) {
        out += prefix
        let clean = value.utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.contains(where: XMLEscaping.needsEscape)
        }
        if clean == true {
            out += value.utf8
        } else {
            for byte in value.utf8 { XMLEscaping.append(byte, attribute: true, into: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    private mutating func appendRaw(_ text: String) {
        out += text.utf8
    }

    private mutating func newline(_ depth: Int) {
        guard pretty else { return }
        out.append(0x0A)
        for _ in 0..<depth {
            out.append(0x20)
            out.append(0x20)
        }
    }

    private static let declaration = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>".utf8)
    private static let fhirNamespaceAttribute = Array(" xmlns=\"\(XMLNames.fhirNamespace)\"".utf8)
    private static let xhtmlNamespaceAttribute = Array(" xmlns=\"\(XMLNames.xhtmlNamespace)\"".utf8)
    private static let idAttribute = Array(" id=\"".utf8)
    private static let urlAttribute = Array(" url=\"".utf8)
    private static let valueAttribute = Array(" value=\"".utf8)
    private static let emptyClose = Array("/>".utf8)
    private static let endOpen = Array("</".utf8)
}
