import FHIR
@testable import GatewayServer
import Testing

@Suite struct ContentNegotiationTests {
    typealias N = FHIRContentNegotiation

    @Test(arguments: [
        ("application/fhir+json", FHIRFormat.json), ("application/json; charset=utf-8", .json),
        ("application/fhir+xml", .xml), ("application/xml", .xml), ("text/xml", .xml),
        ("APPLICATION/FHIR+JSON;fhirVersion=4.0", .json),
    ])
    func requestFormatFromContentType(contentType: String, expected: FHIRFormat) throws {
        #expect(try N.requestFormat(contentType: contentType, body: Array("{}".utf8)) == expected)
    }

    @Test func requestWithoutContentTypeIsSniffed() throws {
        #expect(try N.requestFormat(contentType: nil, body: Array("  {\"a\":1}".utf8)) == .json)
        #expect(try N.requestFormat(contentType: nil, body: Array("<Bundle/>".utf8)) == .xml)
        let error = try #require(throws: FHIRHTTPError.self) {
            try N.requestFormat(contentType: nil, body: Array("hello".utf8))
        }
        #expect(error.status == .unsupportedMediaType)
    }

    @Test(arguments: ["text/plain", "application/pdf", "multipart/form-data; boundary=x", "application/fhir+turtle"])
    func unsupportedContentTypesAre415(contentType: String) throws {
        let error = try #require(throws: FHIRHTTPError.self) {
            try N.requestFormat(contentType: contentType, body: Array("{}".utf8))
        }
        #expect(error.status == .unsupportedMediaType)
        #expect(error.outcome.issues.first?.code == .notSupported)
    }

    @Test(arguments: [
        // accept, _format, request format, expected format, expected media type
        (nil, nil, nil, FHIRFormat.json, "application/fhir+json"),
        (nil, nil, FHIRFormat.xml, .xml, "application/fhir+xml"),
        ("*/*", nil, FHIRFormat.xml, .xml, "application/fhir+xml"),
        ("application/fhir+xml", nil, FHIRFormat.json, .xml, "application/fhir+xml"),
        ("application/json", nil, nil, .json, "application/json"),
        ("application/xml", nil, nil, .xml, "application/xml"),
        ("application/fhir+json;q=0.5, application/fhir+xml", nil, nil, .xml, "application/fhir+xml"),
        ("text/html, application/fhir+json;q=0.9", nil, nil, .json, "application/fhir+json"),
        ("application/fhir+xml", "json", nil, .json, "application/fhir+json"),
        (nil, "xml", FHIRFormat.json, .xml, "application/fhir+xml"),
        (nil, "application/fhir+json", FHIRFormat.xml, .json, "application/fhir+json"),
    ] as [(String?, String?, FHIRFormat?, FHIRFormat, String)])
    func responseFormat(accept: String?, format: String?, request: FHIRFormat?, expected: FHIRFormat, mediaType: String)
        throws
    {
        let type = try N.responseType(accept: accept, formatParameter: format, requestFormat: request)
        #expect(type.format == expected)
        #expect(type.mediaType == mediaType)
        #expect(type.contentTypeHeader == "\(mediaType); charset=utf-8")
    }

    @Test(arguments: [("text/html", nil), ("application/fhir+json;q=0", nil), (nil, "html"), (nil, "turtle")]
        as [(String?, String?)])
    func unacceptableAnswersAre406(accept: String?, format: String?) throws {
        let error = try #require(throws: FHIRHTTPError.self) {
            try N.responseType(accept: accept, formatParameter: format)
        }
        #expect(error.status == .notAcceptable)
        #expect(error.outcome.issues.first?.code == .notSupported)
    }
}
