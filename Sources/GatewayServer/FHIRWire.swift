import FHIR
import Foundation

/// Reading and writing FHIR resources in either wire format (the FHIR module's JSON and XML codecs).
enum FHIRWire {
    static func parse(_ bytes: some Collection<UInt8>, format: FHIRFormat, maxBytes: Int) throws -> FHIRElement {
        switch format {
        case .json:
            return try FHIRJSON.parse(bytes, options: .init(maxInputBytes: maxBytes))
        case .xml:
            return try FHIRXML.parse(bytes, options: .init(maxInputBytes: maxBytes))
        }
    }

    static func serialize(_ element: FHIRElement, format: FHIRFormat, pretty: Bool) -> Data {
        switch format {
        case .json: return FHIRJSON.serialize(element, pretty: pretty)
        case .xml: return FHIRXML.serialize(element, pretty: pretty)
        }
    }
}
