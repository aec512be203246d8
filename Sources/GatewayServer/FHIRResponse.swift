import FHIR
import Foundation
import Hummingbird

/// Builds HTTP responses carrying one FHIR resource in the negotiated format.
enum FHIRResponse {
    static func make(
        _ resource: FHIRElement, type: FHIRContentNegotiation.ResponseType, status: HTTPResponse.Status = .ok,
        pretty: Bool
    ) -> Response {
        let data = FHIRWire.serialize(resource, format: type.format, pretty: pretty)
        return Response(
            status: status,
            headers: [.contentType: type.contentTypeHeader],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
