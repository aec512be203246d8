import FHIR
import Foundation
import Hummingbird
import NIOCore

/// One FHIR request/response pair: the negotiated answer format and the parsed body.
struct FHIRExchange: Sendable {
    var response: FHIRContentNegotiation.ResponseType
    var pretty: Bool

    /// Negotiates the answer format from `_format`, `Accept` and (when there is a body) the request format.
    init(request: Request, requestFormat: FHIRFormat? = nil) throws {
        response = try FHIRContentNegotiation.responseType(
            accept: request.headers[.accept],
            formatParameter: request.uri.queryParameters["_format"].map(String.init),
            requestFormat: requestFormat)
        pretty = request.uri.queryParameters["_pretty"] == "true"
    }

    func respond(_ resource: FHIRElement, status: HTTPResponse.Status = .ok) -> Response {
        FHIRResponse.make(resource, type: response, status: status, pretty: pretty)
    }

    /// Reads and parses a FHIR request body within the size limit. Content type problems are 415, a missing body
    /// 400, an oversized one 413, unparseable FHIR 400 with line/column.
    static func readBody(_ request: Request, limit: Int) async throws -> (FHIRElement, FHIRFormat) {
        let (bytes, format) = try await readBytes(request, limit: limit)
        return (try FHIRWire.parse(bytes, format: format, maxBytes: limit), format)
    }

    /// The raw body and its FHIR format (declared or sniffed), within the size limit.
    static func readBytes(_ request: Request, limit: Int) async throws -> ([UInt8], FHIRFormat) {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw FHIRHTTPError.payloadTooLarge(limit: limit)
        }
        let contentType = request.headers[.contentType]
        if let contentType, FHIRFormat(mediaType: contentType) == nil {
            throw FHIRHTTPError.unsupportedMediaType(contentType)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw FHIRHTTPError.payloadTooLarge(limit: limit)
        }
        guard buffer.readableBytes > 0 else {
            throw FHIRHTTPError(
                status: .badRequest, code: .required, diagnostics: "the request has no body; send a FHIR resource")
        }
        let bytes = Array(buffer.readableBytesView)
        let format = try FHIRContentNegotiation.requestFormat(contentType: contentType, body: bytes)
        return (bytes, format)
    }
}
