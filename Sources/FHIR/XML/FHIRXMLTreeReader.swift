import CLibXML2

/// Turns the node stream of one libxml2 reader into a `FHIRElement` tree, checking FHIR XML's rules on the way:
/// the FHIR namespace, `value`/`id`/`url` attributes, no character data outside the narrative, resource wrappers
/// holding exactly one resource, and element names known to the R4 definitions (which also type the primitives,
/// so `<valueInteger value="3"/>` becomes a JSON number later).
///
/// One instance reads one document. It is a non-copyable struct: its state is mutated in place (no dynamic
/// exclusivity checks as on class properties) and the pending-element storage is freed exactly once.
struct FHIRXMLTreeReader: ~Copyable {
    private let reader: LibXMLStreamReader
    private let buffer: UnsafeRawBufferPointer
    private let options: FHIRXMLParseOptions
    private let table: XMLTypeTable
    private var frames: [Frame] = []
    private var pending = XMLPendingElements()
    private var result: FHIRElement?
    /// Element names by the address of libxml2's interned name (interned for the whole parse, so the address
    /// identifies the name; this cache never outlives the parse).
    private var names: [UnsafeRawPointer: String] = [:]
    private var childCache = XMLChildCache()

    /// An open element. Its finished children sit on `pending` from `childStart` up.
    struct Frame {
        var name: String
        var role: XMLChild.Role
        var type: XMLTypeNode?
        var isArray: Bool
        /// A resource inside a wrapper: on close its children stay on `pending` for the wrapper.
        var isWrapped: Bool
        var node: xmlNodePtr
        var childStart: Int
        var value: FHIRPrimitive?
        var id: String?
        /// For a wrapper, the type of the resource it holds (set when the resource closes).
        var resourceType: String?
    }

    init(buffer: UnsafeRawBufferPointer, options: FHIRXMLParseOptions) throws(FHIRParseError) {
        self.buffer = buffer
        self.options = options
        self.table = XMLTypeTable.r4
        if !buffer.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) {
            throw FHIRParseError(.truncated, "XML: the document is empty", line: 1, column: 1)
        }
        if let position = XMLPrologScanner.doctypePosition(in: buffer) {
            throw FHIRParseError(
                .forbiddenConstruct,
                "XML: DOCTYPE declarations are not allowed in FHIR XML (no DTDs, no entity declarations)",
                line: position.line, column: position.column)
        }
        self.reader = try LibXMLStreamReader(buffer: buffer)
    }

    consuming func read() throws(FHIRParseError) -> FHIRElement {
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

    private mutating func openElement() throws(FHIRParseError) {
        guard let node = reader.currentNode, let namePointer = node.pointee.name else { return }
        if frames.count >= options.maxDepth {
            throw failure(.nestingTooDeep, "XML: elements nest deeper than \(options.maxDepth) levels", node: node)
        }
        let namespace = XMLNames.kind(of: node.pointee.ns)
        let top = frames.count - 1
        if top < 0 {
            guard result == nil else { return }  // libxml2 itself rejects a second root
            try requireFHIRNamespace(namespace, node: node)
            try openResource(namePointer, node: node, wrapped: false)
        } else if frames[top].role == .wrapper {
            guard frames[top].resourceType == nil, pending.count == frames[top].childStart else {
                throw failure(
                    .xmlResourceWrapper,
                    "XML: <\(frames[top].name)> must hold exactly one resource, found a second element "
                        + "<\(XMLNames.string(namePointer))>",
                    node: node)
            }
            try requireFHIRNamespace(namespace, node: node)
            try openResource(namePointer, node: node, wrapped: true)
        } else {
            if namespace != .fhir {
                guard namespace == .xhtml else { return try requireFHIRNamespace(namespace, node: node) }
                let child = try? resolveChild(namePointer, parent: top, node: node)
                guard let child, child.role == .narrative, child.name == "div" else {
                    let name = XMLNames.string(namePointer)
                    throw failure(
                        .xmlNamespace,
                        "XML: XHTML element <\(name)> is only allowed as the narrative div (Narrative.div)",
                        node: node, step: name)
                }
                let markup = try XHTMLMarkupReader(reader: reader).readDiv(node)
                pending.append(FHIRElement(name: "div", xhtml: markup))
                return
            }
            let child = try resolveChild(namePointer, parent: top, node: node)
            if child.role == .narrative {
                throw failure(
                    .xmlNamespace,
                    "XML: the narrative must be <div xmlns=\"\(XMLNames.xhtmlNamespace)\">, found <\(child.name)> "
                        + "in the FHIR namespace",
                    node: node, step: child.name)
            }
            let childType = child.typeIndex.map { table.nodes[$0] }
            if child.role == .primitive, reader.isEmptyElement, let type = childType {
                try appendEmptyPrimitive(child.name, type: type, isArray: child.isArray, node: node)
                return
            }
            frames.append(Frame(
                name: child.name, role: child.role, type: childType, isArray: child.isArray, isWrapped: false,
                node: node, childStart: pending.count))
        }
        try readAttributes(of: node)
        if reader.isEmptyElement { try closeElement() }
    }

    private mutating func openResource(
        _ namePointer: UnsafePointer<xmlChar>, node: xmlNodePtr, wrapped: Bool
    ) throws(FHIRParseError) {
        let name = cachedName(namePointer)
        guard let index = table.byName[name], table.nodes[index].isResource else {
            throw failure(.unknownResourceType, "XML: <\(name)> is not an R4 resource type", node: node)
        }
        frames.append(Frame(
            name: name, role: .resource, type: table.nodes[index], isArray: false, isWrapped: wrapped,
            node: node, childStart: pending.count))
    }

    /// The definition of a child element from the shared table.
    private mutating func resolveChild(
        _ namePointer: UnsafePointer<xmlChar>, parent: Int, node: xmlNodePtr
    ) throws(FHIRParseError) -> XMLChild {
        guard let parentType = frames[parent].type else {
            // Inside a kept unknown element everything is unknown too.
            return XMLChild(name: cachedName(namePointer), role: .unknown, typeIndex: nil, isArray: true)
        }
        let key = XMLChildCache.key(parent: parentType.index, name: UnsafeRawPointer(namePointer))
        if let child = childCache.lookup(key) { return child }
        let name = cachedName(namePointer)
        if let child = parentType.children[name] {
            childCache.insert(key, child)
            return child
        }
        if options.keepUnknownElements {
            return XMLChild(name: name, role: .unknown, typeIndex: nil, isArray: true)
        }
        throw failure(
            .unknownElement, "XML: unknown element <\(name)> in \(parentType.name)", node: node, step: name)
    }

    @inline(__always)
    private mutating func cachedName(_ pointer: UnsafePointer<xmlChar>) -> String {
        let key = UnsafeRawPointer(pointer)
        if let known = names[key] { return known }
        let name = XMLNames.string(pointer)
        names[key] = name
        return name
    }

    private mutating func closeElement() throws(FHIRParseError) {
        guard var frame = frames.popLast() else { return }
        let hasChildren = pending.count > frame.childStart
        switch frame.role {
        case .primitive:
            if frame.value == nil && !hasChildren {
                frames.append(frame)
                throw failure(
                    .emptyValue, "XML: <\(frame.name)> has neither a value attribute nor extensions", node: frame.node)
            }
        case .complex, .unknown:
            if !hasChildren && frame.value == nil {
                frames.append(frame)
                throw failure(.emptyValue, "XML: <\(frame.name)> is empty", node: frame.node)
            }
        case .wrapper:
            if frame.resourceType == nil {
                frames.append(frame)
                throw failure(
                    .xmlResourceWrapper, "XML: <\(frame.name)> must hold exactly one resource", node: frame.node)
            }
        case .resource:
            if frame.isWrapped {
                // The children stay on `pending`: they become the wrapper's.
                frames[frames.count - 1].resourceType = frame.name
                return
            }
            frame.resourceType = frame.name
        case .narrative:
            break
        }
        let element = FHIRElement(
            name: frame.name, resourceType: frame.resourceType, value: frame.value, id: frame.id,
            children: pending.removeAll(from: frame.childStart))
        if frames.isEmpty {
            result = element
        } else {
            pending.append(element)
        }
    }

    private func rejectText() throws(FHIRParseError) {
        guard let text = reader.constValue else { return }
        var index = 0
        while text[index] != 0 {
            switch text[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default:
                let owner = frames.last?.name ?? "the document"
                throw failure(
                    .xmlUnexpectedText,
                    "XML: text content is not allowed in <\(owner)>; FHIR XML puts values in value attributes",
                    node: frames.last?.node)
            }
        }
    }

    // MARK: - Attributes

    private mutating func readAttributes(of node: xmlNodePtr) throws(FHIRParseError) {
        var attribute = node.pointee.properties
        let top = frames.count - 1
        while let current = attribute {
            attribute = current.pointee.next
            // Namespaced attributes (xsi:schemaLocation, xml:lang) carry no FHIR content.
            if current.pointee.ns != nil { continue }
            guard let name = current.pointee.name else { continue }
            let role = frames[top].role
            if XMLNames.equals(name, XMLNames.valueBytes), role == .primitive || role == .unknown {
                let text = attributeValue(current)
                try checkPrimitive(text, frame: top)
                frames[top].value = FHIRPrimitive(text, kind: frames[top].type?.kind ?? .string)
            } else if XMLNames.equals(name, XMLNames.idBytes), role != .resource, role != .wrapper {
                frames[top].id = attributeValue(current)
            } else if XMLNames.equals(name, XMLNames.urlBytes), frames[top].type?.isExtension == true {
                pending.append(FHIRElement(name: "url", value: .string(attributeValue(current))))
            } else {
                throw failure(
                    .xmlUnknownAttribute,
                    "XML: attribute \(XMLNames.string(name))=\"…\" is not allowed on <\(frames[top].name)>",
                    node: node)
            }
        }
    }

    /// Fast path for the most common element, `<name value="…"/>` (optionally with `id`): no frame is pushed.
    private mutating func appendEmptyPrimitive(
        _ name: String, type: XMLTypeNode, isArray: Bool, node: xmlNodePtr
    ) throws(FHIRParseError) {
        var value: String?
        var id: String?
        var attribute = node.pointee.properties
        while let current = attribute {
            attribute = current.pointee.next
            if current.pointee.ns != nil { continue }
            guard let attributeName = current.pointee.name else { continue }
            if XMLNames.equals(attributeName, XMLNames.valueBytes) {
                value = attributeValue(current)
            } else if XMLNames.equals(attributeName, XMLNames.idBytes) {
                id = attributeValue(current)
            } else {
                // The general path reports the error with a frame on the stack (for the FHIRPath).
                return try openPrimitiveFrame(name, type: type, isArray: isArray, node: node)
            }
        }
        guard let value, type.kind == .string, !value.isEmpty else {
            return try openPrimitiveFrame(name, type: type, isArray: isArray, node: node)
        }
        pending.append(FHIRElement(name: name, value: FHIRPrimitive(value, kind: .string), id: id))
    }

    /// The general path for a primitive: push a frame, read and check its attributes, close it.
    private mutating func openPrimitiveFrame(
        _ name: String, type: XMLTypeNode, isArray: Bool, node: xmlNodePtr
    ) throws(FHIRParseError) {
        frames.append(Frame(
            name: name, role: .primitive, type: type, isArray: isArray, isWrapped: false, node: node,
            childStart: pending.count))
        try readAttributes(of: node)
        try closeElement()
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

    /// Refuses values the JSON side could not carry: empty values, and numbers/booleans that are not in JSON's
    /// lexical form (they are written unquoted in JSON).
    private func checkPrimitive(_ text: String, frame index: Int) throws(FHIRParseError) {
        let frame = frames[index]
        if text.isEmpty {
            throw failure(.emptyValue, "XML: <\(frame.name)> has an empty value attribute", node: frame.node)
        }
        guard let type = frame.type else { return }
        switch type.kind {
        case .boolean:
            if text != "true" && text != "false" {
                throw failure(
                    .invalidValue, "XML: <\(frame.name)> value \"\(text)\" is not a boolean (true or false)",
                    node: frame.node)
            }
        case .number:
            let typeName = type.name
            let valid = typeName == "decimal" ? XMLPrimitiveSyntax.isDecimal(text) : XMLPrimitiveSyntax.isInteger(text)
            if !valid {
                throw failure(
                    .invalidValue, "XML: <\(frame.name)> value \"\(text)\" is not a valid \(typeName)", node: frame.node)
            }
        case .string:
            break
        }
    }

    // MARK: - Errors

    private func requireFHIRNamespace(_ namespace: XMLNames.NamespaceKind, node: xmlNodePtr) throws(FHIRParseError) {
        guard namespace != .fhir else { return }
        let name = node.pointee.name.map { XMLNames.string($0) } ?? ""
        throw failure(
            .xmlNamespace,
            "XML: <\(name)> must be in the FHIR namespace \(XMLNames.fhirNamespace), found \(namespaceText(node))",
            node: node, step: frames.last?.role == .wrapper ? nil : name)
    }

    private func namespaceText(_ node: xmlNodePtr) -> String {
        guard let href = node.pointee.ns?.pointee.href else { return "no namespace" }
        return XMLNames.string(href)
    }

    /// An error located at `node` (line from libxml2, column found in the source) with the FHIRPath of the stack.
    /// `step` names an element that is not on the stack yet (an unknown or misplaced child).
    private func failure(
        _ code: FHIRParseError.Code, _ message: String, node: xmlNodePtr?, step: String? = nil
    ) -> FHIRParseError {
        var line = reader.parserLine
        var column = reader.parserColumn
        if let node {
            line = Int(xmlGetLineNo(node))
            column = XMLSourcePosition.column(ofElement: node, line: line, in: buffer) ?? 1
        }
        var path = fhirPath()
        if let step { path += path.isEmpty ? step : "." + step }
        return FHIRParseError(code, message, line: line, column: column, path: path)
    }

    /// `Patient.contact[0].name.given[1]` for the open elements (a wrapped resource adds no step).
    private func fhirPath() -> String {
        var parts: [String] = []
        for (depth, frame) in frames.enumerated() where !frame.isWrapped {
            var step = frame.name
            if depth > 0, frame.isArray {
                let siblings = pending.names(from: frames[depth - 1].childStart, upTo: frame.childStart)
                step += "[\(siblings.filter { $0 == frame.name }.count)]"
            }
            parts.append(step)
        }
        return parts.joined(separator: ".")
    }
}
