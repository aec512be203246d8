import CLibXML2

/// A thin wrapper over one libxml2 `xmlTextReader` reading a memory buffer, with libxml2's own errors captured
/// (never printed) so they can be reported with line and column.
///
/// Not thread-safe and not `Sendable`: one instance lives inside one parse call. The buffer given to `init` must
/// stay valid until the reader is released.
final class LibXMLStreamReader {
    let reader: xmlTextReaderPtr
    private let errors: LibXMLErrorSink
    private let buffer: UnsafeRawBufferPointer

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

    init(buffer: UnsafeRawBufferPointer) throws(FHIRParseError) {
        LibXML2Environment.ensureInitialized()
        guard buffer.count <= Int(Int32.max) else {
            throw FHIRParseError(.inputTooLarge, "XML input is larger than 2 GiB")
        }
        let base = buffer.baseAddress?.assumingMemoryBound(to: CChar.self)
        // An empty buffer still needs a valid pointer for libxml2.
        let pointer = base ?? UnsafePointer<CChar>(bitPattern: 1)
        guard let created = xmlReaderForMemory(
            pointer, Int32(buffer.count), nil, "UTF-8", LibXML2Environment.safeParseOptions)
        else {
            throw FHIRParseError(.syntax, "libxml2 could not create an XML reader")
        }
        reader = created
        self.buffer = buffer
        errors = LibXMLErrorSink()
        xmlTextReaderSetStructuredErrorHandler(
            reader, recordLibXMLError, Unmanaged.passUnretained(errors).toOpaque())
    }

    deinit {
        xmlFreeTextReader(reader)
    }

    /// Moves to the next node. Returns false at the end of the document; throws on any libxml2 error.
    @inline(__always)
    func read() throws(FHIRParseError) -> Bool {
        let status = xmlTextReaderRead(reader)
        if status == 1, errors.first == nil { return true }
        if var failure = errors.first {
            if failure.code == .syntax || failure.code == .truncated, isAtEndOfInput(failure) {
                failure.code = .truncated
                failure.message = "XML: the document ends early: " + failure.message.dropFirst(5)
            }
            throw failure
        }
        if status == 0 { return false }
        throw FHIRParseError(.syntax, "XML is not well-formed", line: parserLine, column: parserColumn)
    }

    @inline(__always) var nodeType: Int32 { xmlTextReaderNodeType(reader) }
    @inline(__always) var depth: Int32 { xmlTextReaderDepth(reader) }
    @inline(__always) var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }
    @inline(__always) var currentNode: xmlNodePtr? { xmlTextReaderCurrentNode(reader) }

    /// The value of a text, CDATA, comment or whitespace node (borrowed; copy before the next `read`).
    @inline(__always) var constValue: UnsafePointer<xmlChar>? { xmlTextReaderConstValue(reader) }

    /// True when an error's position is the end of the input: the document was cut off (libxml2 reports this
    /// under many different codes, depending on where the cut falls).
    private func isAtEndOfInput(_ failure: FHIRParseError) -> Bool {
        guard let line = failure.line, let column = failure.column else { return false }
        var lastLine = 1
        var lastLineStart = 0
        for (index, byte) in buffer.enumerated() where byte == 0x0A {
            lastLine += 1
            lastLineStart = index + 1
        }
        let lastLineLength = buffer.count - lastLineStart
        return line > lastLine || (line == lastLine && column > lastLineLength)
    }

    /// Where the parser stands: it may be ahead of the current node by up to one input chunk.
    var parserLine: Int { Int(xmlTextReaderGetParserLineNumber(reader)) }
    var parserColumn: Int { Int(xmlTextReaderGetParserColumnNumber(reader)) }
}

/// Collects the first error libxml2 reports (warnings are ignored).
final class LibXMLErrorSink {
    var first: FHIRParseError?
}

/// Structured-error callback: non-capturing; state arrives through the user-data pointer.
private func recordLibXMLError(_ userData: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let userData, let error else { return }
    guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
    let sink = Unmanaged<LibXMLErrorSink>.fromOpaque(userData).takeUnretainedValue()
    guard sink.first == nil else { return }
    var message = error.pointee.message.map { String(cString: $0) } ?? "XML is not well-formed"
    while message.last?.isWhitespace == true { message.removeLast() }
    sink.first = FHIRParseError(
        libxml2Code(Int(error.pointee.code)), "XML: " + message, line: Int(error.pointee.line),
        column: Int(error.pointee.int2))
}

/// Sorts libxml2's parser error numbers (`xmlParserErrors`) into the FHIR module's codes.
private func libxml2Code(_ code: Int) -> FHIRParseError.Code {
    switch code {
    case Int(XML_ERR_INVALID_CHAR.rawValue), Int(XML_ERR_INVALID_ENCODING.rawValue): return .invalidUTF8
    case Int(XML_ERR_ENTITY_LOOP.rawValue), Int(XML_ERR_UNDECLARED_ENTITY.rawValue),
        Int(XML_WAR_UNDECLARED_ENTITY.rawValue), Int(XML_ERR_ENTITY_PE_INTERNAL.rawValue):
        return .forbiddenConstruct
    default: return .syntax
    }
}
