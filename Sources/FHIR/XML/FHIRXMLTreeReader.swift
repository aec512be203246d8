import CLibXML2

/// Turns the node stream of one libxml2 reader into a `FHIRElement` tree, checking FHIR XML's rules on the way:
/// the FHIR namespace, `value`/`id`/`url` attributes, no character data outside the narrative, resource wrappers
/// holding exactly one resource, and element names known to the R4 definitions (which also type the primitives,
/// so `<valueInteger value="3"/>` becomes a JSON number later).
///
/// One instance reads one document; it is a class because the element stack and name cache are mutated in place.
final class FHIRXMLTreeReader {
    private let reader: LibXMLStreamReader
    private let buffer: UnsafeRawBufferPointer
    private let definitions: FHIRDefinitions
    private let options: FHIRXMLParseOptions
    private let elementType: TypeDefinition?
    private var stack: [Frame] = []
    private var result: FHIRElement?
    /// Element names are interned in libxml2's dictionary for the whole parse: one Swift String per distinct name.
    private var names: [UnsafeRawPointer: String] = [:]

    /// What an open element is, which decides the attributes and content it may have.
    enum Role {
        case resource
        /// `contained`, `Bundle.entry.resource`, ...: holds one resource element.
        case wrapper
        case complex
        case primitive
        /// Unknown element kept because `keepUnknownElements` is set.
        case unknown
    }

    struct Frame {
        var element: FHIRElement
        var role: Role
        /// The element's type; for primitives the primitive type, for unknown elements nil.
        var type: TypeDefinition?
        /// Whether the element repeats (for `[n]` in error paths).
        var isArray: Bool
        /// A resource inside a wrapper: on close its content moves into the wrapper.
        var isWrapped: Bool
        var node: xmlNodePtr
    }

    init(
        buffer: UnsafeRawBufferPointer, definitions: FHIRDefinitions, options: FHIRXMLParseOptions
    ) throws(FHIRParseError) {
        self.buffer = buffer
        self.definitions = definitions
        self.options = options
        self.elementType = definitions.type("Element")
        self.reader = try LibXMLStreamReader(buffer: buffer)
    }

    func read() throws(FHIRParseError) -> FHIRElement {
        while try reader.read() {
            switch reader.nodeType {
            case LibXMLStreamReader.NodeType.element:
                try openElement()
            case LibXMLStreamReader.NodeType.endElement:
                try closeElement()
            case LibXMLStreamReader.NodeType.text, LibXMLStreamReader.NodeType.cdata:
                try rejectText()
            case LibXMLStreamReader.NodeType.documentType:
                throw failure(
                    .forbiddenConstruct,
                    "XML: DOCTYPE declarations are not allowed in FHIR XML (no DTDs, no entity declarations)",
                    node: reader.currentNode)
            case LibXMLStreamReader.NodeType.entityReference:
                throw failure(.forbiddenConstruct, "XML: entity references are not allowed", node: reader.currentNode)
            default:
                // Whitespace, comments and processing instructions carry no FHIR content.
                break
            }
        }
        guard let result else {
            throw FHIRParseError(.truncated, "XML: the document has no root element", line: 1, column: 1)
        }
        return result
    }

    // MARK: - Elements

    private func openElement() throws(FHIRParseError) {
        guard let node = reader.currentNode else { return }
        let name = cachedName(node.pointee.name)
        let namespace = XMLNames.kind(of: node.pointee.ns)
        if stack.count >= options.maxDepth {
            throw failure(.nestingTooDeep, "XML: elements nest deeper than \(options.maxDepth) levels", node: node)
        }

        let frame: Frame
        if let parent = stack.last {
            if parent.role == .wrapper {
                guard parent.element.resourceType == nil else {
                    throw failure(
                        .xmlResourceWrapper,
                        "XML: <\(parent.element.name)> must hold exactly one resource, found a second element <\(name)>",
                        node: node)
                }
                try requireFHIRNamespace(namespace, name: name, node: node)
                frame = try resourceFrame(name: name, node: node, wrapped: true)
            } else {
                guard let child = try childFrame(name: name, namespace: namespace, parent: parent, node: node) else {
                    return  // the narrative div was read whole
                }
                frame = child
            }
        } else {
            guard result == nil else { return }  // libxml2 itself rejects a second root
            try requireFHIRNamespace(namespace, name: name, node: node)
            frame = try resourceFrame(name: name, node: node, wrapped: false)
        }
        stack.append(frame)
        try readAttributes(of: node)
        if reader.isEmptyElement { try closeElement() }
    }

    private func resourceFrame(name: String, node: xmlNodePtr, wrapped: Bool) throws(FHIRParseError) -> Frame {
        guard definitions.isResourceType(name), let type = definitions.type(name) else {
            throw failure(.unknownResourceType, "XML: <\(name)> is not an R4 resource type", node: node)
        }
        return Frame(
            element: FHIRElement(name: name, resourceType: name), role: .resource, type: type, isArray: false,
            isWrapped: wrapped, node: node)
    }

    /// The frame of an element inside a resource or complex element; nil when it was the narrative and is done.
    private func childFrame(
        name: String, namespace: XMLNames.NamespaceKind, parent: Frame, node: xmlNodePtr
    ) throws(FHIRParseError) -> Frame? {
        let match = parent.role == .unknown ? nil : lookUp(name, in: parent)
        if let match, match.typeName == "xhtml" {
            guard namespace == .xhtml, name == "div" else {
                throw failure(
                    .xmlNamespace,
                    "XML: the narrative must be <div xmlns=\"\(XMLNames.xhtmlNamespace)\">, found <\(name)> in "
                        + "namespace \(namespaceText(node))",
                    node: node)
            }
            let markup = try XHTMLMarkupReader(reader: reader).readDiv(node)
            stack[stack.count - 1].element.children.append(FHIRElement(name: "div", xhtml: markup))
            return nil
        }
        try requireFHIRNamespace(namespace, name: name, node: node)
        guard let match else {
            if options.keepUnknownElements || parent.role == .unknown {
                return Frame(
                    element: FHIRElement(name: name), role: .unknown, type: nil, isArray: true, isWrapped: false,
                    node: node)
            }
            let where_ = parent.type?.name ?? parent.element.name
            throw failure(.unknownElement, "XML: unknown element <\(name)> in \(where_)", node: node)
        }
        let isArray = match.definition.isArray
        if match.typeName == "Resource" {
            return Frame(
                element: FHIRElement(name: name), role: .wrapper, type: nil, isArray: isArray, isWrapped: false,
                node: node)
        }
        guard let type = definitions.type(match.typeName) else {
            throw failure(.unknownElement, "XML: element <\(name)> has an unknown type \(match.typeName)", node: node)
        }
        let role: Role = type.kind == .primitive ? .primitive : .complex
        return Frame(
            element: FHIRElement(name: name), role: role, type: type, isArray: isArray, isWrapped: false,
            node: node)
    }

    /// The definition of a child element; a primitive's children (its extensions) come from `Element`.
    private func lookUp(_ name: String, in parent: Frame) -> ElementMatch? {
        guard let type = parent.type else { return nil }
        if type.kind == .primitive { return elementType?.element(named: name) }
        return type.element(named: name)
    }

    private func closeElement() throws(FHIRParseError) {
        guard let frame = stack.popLast() else { return }
        switch frame.role {
        case .primitive:
            if frame.element.value == nil && frame.element.children.isEmpty {
                stack.append(frame)
                throw failure(
                    .emptyValue, "XML: <\(frame.element.name)> has neither a value attribute nor extensions",
                    node: frame.node)
            }
        case .complex, .unknown:
            if frame.element.children.isEmpty && frame.element.value == nil {
                stack.append(frame)
                throw failure(.emptyValue, "XML: <\(frame.element.name)> is empty", node: frame.node)
            }
        case .wrapper:
            if frame.element.resourceType == nil {
                stack.append(frame)
                throw failure(
                    .xmlResourceWrapper, "XML: <\(frame.element.name)> must hold exactly one resource",
                    node: frame.node)
            }
        case .resource:
            if frame.isWrapped {
                let wrapper = stack.count - 1
                stack[wrapper].element.resourceType = frame.element.resourceType
                stack[wrapper].element.children = frame.element.children
                return
            }
        }
        if stack.isEmpty {
            result = frame.element
        } else {
            stack[stack.count - 1].element.children.append(frame.element)
        }
    }

    private func rejectText() throws(FHIRParseError) {
        guard let text = reader.constValue else { return }
        var index = 0
        while text[index] != 0 {
            switch text[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default:
                let owner = stack.last?.element.name ?? "the document"
                throw failure(
                    .xmlUnexpectedText,
                    "XML: text content is not allowed in <\(owner)>; FHIR XML puts values in value attributes",
                    node: stack.last?.node)
            }
        }
    }

    // MARK: - Attributes

    private func readAttributes(of node: xmlNodePtr) throws(FHIRParseError) {
        var attribute = node.pointee.properties
        while let current = attribute {
            attribute = current.pointee.next
            // Namespaced attributes (xsi:schemaLocation, xml:lang) carry no FHIR content.
            if current.pointee.ns != nil { continue }
            guard let name = current.pointee.name else { continue }
            let top = stack.count - 1
            let role = stack[top].role
            if XMLNames.equals(name, XMLNames.valueBytes), role == .primitive || role == .unknown {
                let text = attributeValue(current)
                try checkPrimitive(text, frame: stack[top])
                stack[top].element.value = FHIRPrimitive(text, kind: primitiveKind(stack[top].type))
            } else if XMLNames.equals(name, XMLNames.idBytes), role != .resource, role != .wrapper {
                stack[top].element.id = attributeValue(current)
            } else if XMLNames.equals(name, XMLNames.urlBytes), stack[top].type?.name == "Extension" {
                stack[top].element.children.append(FHIRElement(name: "url", value: .string(attributeValue(current))))
            } else {
                throw failure(
                    .xmlUnknownAttribute,
                    "XML: attribute \(XMLNames.string(name))=\"…\" is not allowed on <\(stack[top].element.name)>",
                    node: node)
            }
        }
    }

    private func attributeValue(_ attribute: xmlAttrPtr) -> String {
        if let child = attribute.pointee.children, child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE,
            let content = child.pointee.content
        {
            return XMLNames.string(content)
        }
        guard let joined = xmlNodeListGetString(attribute.pointee.doc, attribute.pointee.children, 1) else {
            return ""
        }
        defer { notegate_xmlFree(joined) }
        return XMLNames.string(joined)
    }

    private func primitiveKind(_ type: TypeDefinition?) -> FHIRPrimitive.Kind {
        switch type?.jsonKind {
        case .number: return .number
        case .boolean: return .boolean
        default: return .string
        }
    }

    /// Refuses values the JSON side could not carry: empty values, and numbers/booleans that are not in JSON's
    /// lexical form (they are written unquoted in JSON).
    private func checkPrimitive(_ text: String, frame: Frame) throws(FHIRParseError) {
        if text.isEmpty {
            throw failure(.emptyValue, "XML: <\(frame.element.name)> has an empty value attribute", node: frame.node)
        }
        guard let type = frame.type else { return }
        switch type.jsonKind {
        case .boolean:
            if text != "true" && text != "false" {
                throw failure(
                    .invalidValue, "XML: <\(frame.element.name)> value \"\(text)\" is not a boolean (true or false)",
                    node: frame.node)
            }
        case .number:
            let valid = type.name == "decimal" ? XMLPrimitiveSyntax.isDecimal(text) : XMLPrimitiveSyntax.isInteger(text)
            if !valid {
                throw failure(
                    .invalidValue, "XML: <\(frame.element.name)> value \"\(text)\" is not a valid \(type.name)",
                    node: frame.node)
            }
        case .string:
            break
        }
    }

    // MARK: - Helpers

    @inline(__always)
    private func cachedName(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        let key = UnsafeRawPointer(pointer)
        if let known = names[key] { return known }
        let name = XMLNames.string(pointer)
        names[key] = name
        return name
    }

    private func requireFHIRNamespace(
        _ namespace: XMLNames.NamespaceKind, name: String, node: xmlNodePtr
    ) throws(FHIRParseError) {
        guard namespace != .fhir else { return }
        throw failure(
            .xmlNamespace,
            "XML: <\(name)> must be in the FHIR namespace \(XMLNames.fhirNamespace), found \(namespaceText(node))",
            node: node)
    }

    private func namespaceText(_ node: xmlNodePtr) -> String {
        guard let href = node.pointee.ns?.pointee.href else { return "no namespace" }
        return XMLNames.string(href)
    }

    /// An error located at `node` (line from libxml2, column found in the source) with the FHIRPath of the stack.
    private func failure(_ code: FHIRParseError.Code, _ message: String, node: xmlNodePtr?) -> FHIRParseError {
        var line = reader.parserLine
        var column = reader.parserColumn
        if let node {
            line = Int(xmlGetLineNo(node))
            column = XMLSourcePosition.column(ofElement: node, line: line, in: buffer) ?? 1
        }
        return FHIRParseError(code, message, line: line, column: column, path: fhirPath())
    }

    /// `Patient.contact[0].name.given[1]` for the open elements (a wrapped resource adds no step).
    private func fhirPath() -> String {
        var parts: [String] = []
        for (depth, frame) in stack.enumerated() {
            if frame.isWrapped { continue }
            var step = frame.element.name
            if depth > 0, frame.isArray {
                let index = stack[depth - 1].element.children.reduce(0) { $0 + ($1.name == step ? 1 : 0) }
                step += "[\(index)]"
            }
            parts.append(step)
        }
        return parts.joined(separator: ".")
    }
}
