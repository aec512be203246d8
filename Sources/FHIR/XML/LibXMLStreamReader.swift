import CLibXML2

/// A thin wrapper over one libxml2 `xmlTextReader` reading a memory buffer, with libxml2's own errors captured
/// (never printed) so they can be reported with line and column.
///
/// Not thread-safe and not `Sendable`: one instance lives inside one parse call. The buffer given to `init` must
/// stay valid until the reader is released.
final class LibXMLStreamReader {
    let reader: xmlTextReaderPtr
    private let errors: LibXMLErrorSink

    /// libxml2 node types as reported by `xmlTextReaderNodeType`.
    enum NodeType {
        static let element: Int32 = 1
        static let attribute: Int32 = 2
        static let text: Int32 = 3
        static let cdata: Int32 = 4
        static let entityReference: Int32 = 5
        static let entity: Int32 = 6
        static let processingInstruction: Int32 = 7
        static let comment: Int32 = 8
        static let document: Int32 = 9
        static let documentType: Int32 = 10
        static let documentFragment: Int32 = 11
        static let notation: Int32 = 12
        static let whitespace: Int32 = 13
        static let significantWhitespace: Int32 = 14
        static let endElement: Int32 = 15
        static let endEntity: Int32 = 16
        static let xmlDeclaration: Int32 = 17
    }

    init(buffer: UnsafeRawBufferPointer) throws(XMLSyntaxFailure) {
        LibXML2Environment.ensureInitialized()
        guard buffer.count <= Int(Int32.max) else {
            throw XMLSyntaxFailure(kind: .tooLarge, message: "XML input larger than 2 GiB", line: 0, column: 0)
        }
        let base = buffer.baseAddress?.assumingMemoryBound(to: CChar.self)
        // An empty buffer still needs a valid pointer for libxml2.
        let pointer = base ?? UnsafePointer<CChar>(bitPattern: 1)
        guard let created = xmlReaderForMemory(
            pointer, Int32(buffer.count), nil, "UTF-8", LibXML2Environment.safeParseOptions)
        else {
            throw XMLSyntaxFailure(kind: .malformed, message: "libxml2 could not create a reader", line: 0, column: 0)
        }
        reader = created
        errors = LibXMLErrorSink()
        xmlTextReaderSetStructuredErrorHandler(
            reader, recordLibXMLError, Unmanaged.passUnretained(errors).toOpaque())
    }

    deinit {
        xmlFreeTextReader(reader)
    }

    /// Moves to the next node. Returns false at the end of the document; throws on any libxml2 error.
    @inline(__always)
    func read() throws(XMLSyntaxFailure) -> Bool {
        let status = xmlTextReaderRead(reader)
        if status == 1, errors.first == nil { return true }
        if let failure = errors.first { throw failure }
        if status == 0 { return false }
        throw XMLSyntaxFailure(
            kind: .malformed, message: "XML is not well-formed", line: parserLine, column: parserColumn)
    }

    @inline(__always) var nodeType: Int32 { xmlTextReaderNodeType(reader) }
    @inline(__always) var depth: Int32 { xmlTextReaderDepth(reader) }
    @inline(__always) var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }
    @inline(__always) var currentNode: xmlNodePtr? { xmlTextReaderCurrentNode(reader) }

    /// The value of a text, CDATA, comment or whitespace node (borrowed; copy before the next `read`).
    @inline(__always) var constValue: UnsafePointer<xmlChar>? { xmlTextReaderConstValue(reader) }

    /// Where the parser stands: it may be ahead of the current node by up to one input chunk.
    var parserLine: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }
    var parserColumn: Int { Int(xmlTextReaderGetParserColumnNumber(reader)) }
}

/// Collects the first error libxml2 reports (warnings are ignored).
final class LibXMLErrorSink {
    var first: XMLSyntaxFailure?
}

/// Structured-error callback: non-capturing; state arrives through the user-data pointer.
private func recordLibXMLError(_ userData: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let userData, let error else { return }
    guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
    let sink = Unmanaged<LibXMLErrorSink>.fromOpaque(userData).takeUnretainedValue()
    guard sink.first == nil else { return }
    var message = error.pointee.message.map { String(cString: $0) } ?? "XML is not well-formed"
    while message.last?.isWhitespace == true { message.removeLast() }
    sink.first = XMLSyntaxFailure(
        kind: .malformed, message: message, line: Int(error.pointee.line), column: Int(error.pointee.int2),
        libxml2Code: Int(error.pointee.code))
}
