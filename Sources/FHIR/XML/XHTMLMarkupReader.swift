import CLibXML2

/// Reads a narrative `<div>` subtree from the reader and writes it back as markup text — the form JSON carries
/// in `text.div` — so the narrative survives both formats.
///
/// The markup is written in one canonical style: the `div` declares `xmlns="http://www.w3.org/1999/xhtml"`,
/// prefixes are dropped in favour of default namespaces, empty elements are `<br/>`, and text escapes
/// `& < > "` (the style of the FHIR build tool's JSON). Comments are kept.
struct XHTMLMarkupReader {
    let reader: LibXMLStreamReader
    /// Attribute order carries no meaning in XML; sorting is for comparing two spellings (document order is kept
    /// when reading documents).
    var sortsAttributes = false

    /// Reads from the current `div` start node to its end node; returns its markup.
    func readDiv(_ div: xmlNodePtr) throws(FHIRParseError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        let startDepth = reader.depth
        // The default namespace in scope for each open element, outermost first.
        var namespaces: [String?] = [nil]
        let divNamespace = writeStartTag(div, inScope: nil, into: &out)
        if reader.isEmptyElement {
            out += Self.emptyClose
            return String(decoding: out, as: UTF8.self)
        }
        out.append(UInt8(ascii: ">"))
        namespaces.append(divNamespace)
        while try reader.read() {
            switch reader.nodeType {
            case LibXMLStreamReader.NodeType.element:
                guard let node = reader.currentNode else { continue }
                let namespace = writeStartTag(node, inScope: namespaces.last ?? nil, into: &out)
                if reader.isEmptyElement {
                    out += Self.emptyClose
                } else {
                    out.append(UInt8(ascii: ">"))
                    namespaces.append(namespace)
                }
            case LibXMLStreamReader.NodeType.endElement:
                guard let node = reader.currentNode else { continue }
                out += Self.endOpen
                appendName(node.pointee.name, into: &out)
                out.append(UInt8(ascii: ">"))
                namespaces.removeLast()
                if reader.depth == startDepth { return String(decoding: out, as: UTF8.self) }
            case LibXMLStreamReader.NodeType.text, LibXMLStreamReader.NodeType.cdata,
                LibXMLStreamReader.NodeType.whitespace, LibXMLStreamReader.NodeType.significantWhitespace:
                if let value = reader.constValue { appendEscaped(value, attribute: false, into: &out) }
            case LibXMLStreamReader.NodeType.comment:
                if let value = reader.constValue {
                    out += Self.commentOpen
                    appendRaw(value, into: &out)
                    out += Self.commentClose
                }
            case LibXMLStreamReader.NodeType.entityReference, LibXMLStreamReader.NodeType.documentType:
                throw FHIRParseError(
                    .forbiddenConstruct, "XML: entity references are not allowed in the narrative",
                    line: reader.parserLine, column: reader.parserColumn)
            default:
                break  // processing instructions
            }
        }
        throw FHIRParseError(
            .truncated, "XML: the narrative <div> is not closed", line: reader.parserLine,
            column: reader.parserColumn)
    }

    /// Writes `<name attr="…"` (without the closing `>`); returns the element's namespace URI.
    private func writeStartTag(_ node: xmlNodePtr, inScope: String?, into out: inout [UInt8]) -> String? {
        out.append(UInt8(ascii: "<"))
        appendName(node.pointee.name, into: &out)
        let namespace = node.pointee.ns?.pointee.href.map { XMLNames.string($0) }
        if namespace != inScope {
            out += Self.namespaceOpen
            if let namespace { appendEscapedString(namespace, into: &out) }
            out.append(UInt8(ascii: "\""))
        }
        var attribute = node.pointee.properties
        if !sortsAttributes {
            while let current = attribute {
                attribute = current.pointee.next
                appendAttribute(current, into: &out)
            }
            return namespace
        }
        var attributes: [[UInt8]] = []
        while let current = attribute {
            attribute = current.pointee.next
            var text: [UInt8] = []
            appendAttribute(current, into: &text)
            attributes.append(text)
        }
        for text in attributes.sorted(by: { $0.lexicographicallyPrecedes($1) }) { out += text }
        return namespace
    }

    /// Writes ` name="value"` (with a prefix and its declaration for namespaced attributes other than xml:).
    private func appendAttribute(_ attribute: xmlAttrPtr, into out: inout [UInt8]) {
        out.append(UInt8(ascii: " "))
        if let ns = attribute.pointee.ns, let href = ns.pointee.href {
            let uri = XMLNames.string(href)
            let prefix = ns.pointee.prefix.map { XMLNames.string($0) } ?? "ns"
            if uri != XMLNames.xmlNamespace {
                out += Array("xmlns:\(prefix)=\"".utf8)
                appendEscapedString(uri, into: &out)
                out += Array("\" ".utf8)
            }
            out += Array("\(prefix):".utf8)
        }
        appendName(attribute.pointee.name, into: &out)
        out += Self.attributeOpen
        appendAttributeValue(attribute, into: &out)
        out.append(UInt8(ascii: "\""))
    }

    private func appendAttributeValue(_ attribute: xmlAttrPtr, into out: inout [UInt8]) {
        guard let joined = xmlNodeListGetString(attribute.pointee.doc, attribute.pointee.children, 1) else { return }
        defer { notegate_xmlFree(joined) }
        appendEscaped(joined, attribute: true, into: &out)
    }

    private func appendName(_ name: UnsafePointer<xmlChar>?, into out: inout [UInt8]) {
        guard let name else { return }
        appendRaw(name, into: &out)
    }

    private func appendRaw(_ text: UnsafePointer<xmlChar>, into out: inout [UInt8]) {
        var index = 0
        while text[index] != 0 {
            out.append(text[index])
            index += 1
        }
    }

    private func appendEscapedString(_ text: String, into out: inout [UInt8]) {
        for byte in text.utf8 { XMLEscaping.append(byte, attribute: true, into: &out) }
    }

    private func appendEscaped(_ text: UnsafePointer<xmlChar>, attribute: Bool, into out: inout [UInt8]) {
        var index = 0
        while text[index] != 0 {
            XMLEscaping.append(text[index], attribute: attribute, into: &out)
            index += 1
        }
    }

    private static let emptyClose = Array("/>".utf8)
    private static let endOpen = Array("</".utf8)
    private static let commentOpen = Array("<!--".utf8)
    private static let commentClose = Array("-->".utf8)
    private static let namespaceOpen = Array(" xmlns=\"".utf8)
    private static let attributeOpen = Array("=\"".utf8)
}
