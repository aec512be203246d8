import CLibXML2

/// Namespace URIs and byte-level name tests used by the XML reader and writer.
enum XMLNames {
    static let fhirNamespace = "http://hl7.org/fhir"
    static let xhtmlNamespace = "http://www.w3.org/1999/xhtml"
    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// Which namespace a libxml2 node is in.
    enum NamespaceKind {
        case none, fhir, xhtml, other
    }

    static func kind(of namespace: UnsafeMutablePointer<xmlNs>?) -> NamespaceKind {
        guard let href = namespace?.pointee.href else { return .none }
        if equals(href, fhirBytes) { return .fhir }
        if equals(href, xhtmlBytes) { return .xhtml }
        return .other
    }

    private static let fhirBytes: [UInt8] = Array(fhirNamespace.utf8)
    private static let xhtmlBytes: [UInt8] = Array(xhtmlNamespace.utf8)
    static let valueBytes: [UInt8] = Array("value".utf8)
    static let idBytes: [UInt8] = Array("id".utf8)
    static let urlBytes: [UInt8] = Array("url".utf8)

    /// True when the NUL-terminated C string equals `expected` exactly.
    @inline(__always)
    static func equals(_ string: UnsafePointer<xmlChar>, _ expected: [UInt8]) -> Bool {
        var index = 0
        while index < expected.count {
            if string[index] != expected[index] { return false }
            index += 1
        }
        return string[index] == 0
    }

    /// A Swift string from a NUL-terminated UTF-8 C string (libxml2 has already validated the UTF-8).
    @inline(__always)
    static func string(_ pointer: UnsafePointer<xmlChar>) -> String {
        String(cString: pointer)
    }
}
