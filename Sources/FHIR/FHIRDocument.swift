import Foundation

/// Format-independent reading and writing of whole FHIR documents: the entry point for the CLI and the server.
public enum FHIRDocument {
    /// Reads a resource from JSON or XML bytes. The format is detected from the first significant byte unless
    /// given. Throws `FHIRParseError` (an `OperationOutcomeConvertible`).
    public static func parse(
        _ data: Data, format: FHIRFormat? = nil, jsonOptions: FHIRJSON.ParseOptions = .init()
    ) throws(FHIRParseError) -> (resource: FHIRElement, format: FHIRFormat) {
        guard let format = format ?? FHIRFormat.detect(data) else {
            throw FHIRParseError(
                .unsupportedFormat, "Input is neither FHIR JSON (starting with '{') nor FHIR XML (starting with '<')",
                line: 1, column: 1)
        }
        switch format {
        case .json: return (try FHIRJSON.parse(data, options: jsonOptions), .json)
        case .xml: return (try FHIRXML.parse(data), .xml)
        }
    }

    /// Writes a resource in the given format.
    public static func serialize(_ resource: FHIRElement, as format: FHIRFormat, pretty: Bool = false) -> Data {
        switch format {
        case .json: return FHIRJSON.serialize(resource, pretty: pretty)
        case .xml: return FHIRXML.serialize(resource, pretty: pretty)
        }
    }
}
