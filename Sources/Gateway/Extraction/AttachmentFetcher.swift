/// Where attachment content named by an `Attachment.url` outside the input can be fetched from.
/// `RemoteBinarySource` (a configured FHIR server over libcurl) is the production implementation.
public protocol AttachmentFetcher: Sendable {
    /// The absolute URL to fetch for `reference`, or nil when this fetcher does not serve it.
    func url(for reference: String) -> String?
    /// The content at `url` and its media type when the server declares one.
    func fetch(url: String, expression: String) async throws(GatewayError) -> (bytes: [UInt8], mediaType: MediaType?)
}
