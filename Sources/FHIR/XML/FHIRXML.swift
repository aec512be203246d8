import Foundation

/// FHIR R4 XML: reading into and writing from the format-neutral `FHIRElement` tree.
///
/// The reader runs on libxml2's streaming `xmlTextReader` with network access, DTD loading and entity
/// substitution off, and refuses any DOCTYPE, so XXE and entity-expansion attacks never reach the parser's
/// expansion code. Errors are `FHIRParseError`s with line, column and FHIRPath.
public enum FHIRXML {
    /// Reads a FHIR XML document (a resource at the root) into an element tree.
    public static func parse(_ data: Data, options: FHIRXMLParseOptions = .default) throws(FHIRParseError)
        -> FHIRElement
    {
        try data.withUnsafeBytes { buffer in parseBuffer(buffer, options: options) }.get()
    }

    /// Reads a FHIR XML document from any byte collection (copied once when it is not contiguous).
    public static func parse<Bytes: Collection>(
        _ bytes: Bytes, options: FHIRXMLParseOptions = .default
    ) throws(FHIRParseError) -> FHIRElement where Bytes.Element == UInt8 {
        let result = bytes.withContiguousStorageIfAvailable { buffer in
            parseBuffer(UnsafeRawBufferPointer(buffer), options: options)
        }
        if let result { return try result.get() }
        return try Array(bytes).withUnsafeBytes { parseBuffer($0, options: options) }.get()
    }

    /// Reads a FHIR XML document held in a string.
    public static func parse(
        _ text: String, options: FHIRXMLParseOptions = .default
    ) throws(FHIRParseError) -> FHIRElement {
        try parse(Array(text.utf8), options: options)
    }

    /// Writes the tree as FHIR XML (UTF-8, with an XML declaration); `pretty` indents by two spaces.
    public static func serialize(
        _ element: FHIRElement, pretty: Bool = false
    ) -> Data {
        var writer = FHIRXMLWriter(definitions: .r4, pretty: pretty)
        writer.writeDocument(element)
        return Data(writer.out)
    }

    private static func parseBuffer(
        _ buffer: UnsafeRawBufferPointer, options: FHIRXMLParseOptions
    ) -> Result<FHIRElement, FHIRParseError> {
        guard buffer.count <= options.maxInputBytes else {
            return .failure(FHIRParseError(
                .inputTooLarge,
                "XML: input of \(buffer.count) bytes exceeds the limit of \(options.maxInputBytes) bytes"))
        }
        do {
            return .success(try FHIRXMLTreeReader(buffer: buffer, options: options).read())
        } catch {
            return .failure(error)
        }
    }
}
