import CLibXML2

/// Process-wide libxml2 set-up, done exactly once before the first parse.
///
/// libxml2 keeps its external-entity loader in a global. NoteGate never wants libxml2 to open a file or a URL on
/// behalf of a document (XXE, external DTDs), so the loader is replaced by one that refuses everything. The
/// replacement must be a real function: passing nil to `xmlSetExternalEntityLoader` crashes libxml2.
enum LibXML2Environment {
    /// Swift runs a global/static initializer once, thread-safely; touching it guarantees the set-up happened.
    private static let installed: Bool = {
        xmlInitParser()
        xmlSetExternalEntityLoader(refuseExternalEntity)
        return true
    }()

    static func ensureInitialized() {
        _ = installed
    }

    /// Parser options for every FHIR document: no network, no entity substitution, no DTD loading, no huge-input
    /// mode (so libxml2 keeps its size and amplification limits), no XInclude. COMPACT and NOCDATA are harmless.
    static let safeParseOptions: Int32 = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)
}

/// The external-entity loader: a non-capturing C callback that never loads anything.
private func refuseExternalEntity(
    _ url: UnsafePointer<CChar>?, _ id: UnsafePointer<CChar>?, _ context: xmlParserCtxtPtr?
) -> xmlParserInputPtr? {
    nil
}
