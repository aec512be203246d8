import FHIR
import Foundation
import Terminology

/// Fetches attachment content named by `Attachment.url` from a configured FHIR server (libcurl through
/// Terminology's `HTTPClient`), with a bearer token when one is configured.
///
/// Only URLs on the configured base (or relative `Binary/id` references, resolved against it) are fetched:
/// the gateway never follows arbitrary URLs found in documents (SSRF). The request carries no note text.
public struct RemoteBinarySource: AttachmentFetcher {
    public let baseURL: String
    public let bearerToken: String?
    public let client: any HTTPClient
    public let maximumBytes: Int

    public init(baseURL: String, bearerToken: String? = nil, client: any HTTPClient, maximumBytes: Int) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.bearerToken = bearerToken
        self.client = client
        self.maximumBytes = maximumBytes
    }

    /// The absolute URL this source would fetch for `reference`, or nil when it is not on the configured server.
    public func url(for reference: String) -> String? {
        if reference.hasPrefix("http://") || reference.hasPrefix("https://") {
            return reference.hasPrefix(baseURL + "/") ? reference : nil
        }
        if reference.hasPrefix("urn:") || reference.hasPrefix("#") { return nil }
        let relative = reference.hasPrefix("/") ? String(reference.dropFirst()) : reference
        return baseURL + "/" + relative
    }

    /// Content and media type of the resource at `url`. A FHIR `Binary` answer is unwrapped (its `contentType`
    /// and base64 `data`); any other answer is taken as the raw content with the response's Content-Type.
    public func fetch(url: String, expression: String) async throws(GatewayError) -> (bytes: [UInt8], mediaType: MediaType?) {
        var headers: [(name: String, value: String)] = [("Accept", "application/fhir+json, application/fhir+xml;q=0.9, */*;q=0.1")]
        if let bearerToken { headers.append(("Authorization", "Bearer \(bearerToken)")) }
        let response: HTTPClientResponse
        do {
            response = try await client.send(HTTPClientRequest(method: "GET", url: url, headers: headers))
        } catch {
            throw GatewayError(.fetchFailed, "could not fetch \(url): \(error)", expression: expression)
        }
        guard response.isSuccess else {
            let code: GatewayError.Code = response.status == 404 || response.status == 410 ? .unresolvedReference : .fetchFailed
            throw GatewayError(code, "GET \(url) answered HTTP \(response.status)", expression: expression)
        }
        guard response.body.count <= maximumBytes else {
            throw GatewayError(.attachmentTooLarge, "\(url) is \(response.body.count) bytes, limit \(maximumBytes)", expression: expression)
        }
        let bytes = [UInt8](response.body)
        let declared = response.header("Content-Type").flatMap(MediaType.init(parsing:))
        guard let declared, let format = FHIRFormat(mediaType: declared.essence), declared.textKind == nil else {
            return (bytes, declared)
        }
        let resource: FHIRElement
        do {
            resource = format == .json ? try FHIRJSON.parse(bytes) : try FHIRXML.parse(bytes)
        } catch {
            throw GatewayError(.fetchFailed, "\(url) did not return readable FHIR: \(error)", expression: expression)
        }
        guard resource.resourceType == "Binary", let data = resource.string("data") else {
            throw GatewayError(.unresolvedReference, "\(url) is a \(resource.resourceType ?? "?") without data, not a Binary",
                               expression: expression)
        }
        let decoded: [UInt8]
        do { decoded = try StrictBase64.decode(data) } catch {
            throw GatewayError(.invalidBase64, "Binary.data from \(url): \(error)", expression: expression)
        }
        return (decoded, resource.string("contentType").flatMap(MediaType.init(parsing:)))
    }
}
