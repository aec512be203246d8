import FHIR
import Foundation
import Terminology

/// Reads the focus of an `id-only` notification from the notifying server (the base URL configured for the
/// subscription). Only URLs under that base are fetched: an absolute focus on another host is refused.
public struct FocusResourceFetcher: Sendable {
    public let client: any HTTPClient
    public let sources: [SubscriptionSource]
    public let timeout: Duration
    public let maximumBytes: Int

    public init(client: any HTTPClient, sources: [SubscriptionSource], timeout: Duration = .seconds(30),
                maximumBytes: Int = 64 << 20) {
        self.client = client
        self.sources = sources
        self.timeout = timeout
        self.maximumBytes = maximumBytes
    }

    public func fetch(focus: String, baseURL: String, subscription: String) async throws -> FHIRElement {
        let url = try Self.url(for: focus, baseURL: baseURL)
        var headers: [(name: String, value: String)] = [("Accept", "application/fhir+json, application/fhir+xml;q=0.9")]
        if let token = sources.source(for: subscription)?.bearerToken {
            headers.append(("Authorization", "Bearer \(token)"))
        }
        let response: HTTPClientResponse
        do {
            response = try await client.send(HTTPClientRequest(method: "GET", url: url, headers: headers, timeout: timeout))
        } catch {
            throw JobFailure.from(error, url: url)
        }
        guard response.isSuccess else {
            throw JobFailure.httpStatus(response.status, url: url, body: Array(response.body), action: "GET")
        }
        let format = response.header("Content-Type").flatMap(FHIRFormat.init(mediaType:))
            ?? FHIRFormat.detect(response.body)
        do {
            switch format {
            case .json:
                return try FHIRJSON.parse(response.body, options: .init(maxInputBytes: maximumBytes))
            case .xml:
                return try FHIRXML.parse(response.body)
            case nil:
                throw JobFailure(
                    .notSupported, "GET \(url) answered \(response.header("Content-Type") ?? "no Content-Type"), "
                        + "not FHIR JSON or XML", retryable: false)
            }
        } catch let error as FHIRParseError {
            throw JobFailure(
                outcome: OperationOutcome(.init(
                    severity: .error, code: error.code.issueType,
                    diagnostics: "the resource at \(url) is not valid FHIR: \(error)")),
                retryable: false)
        }
    }

    /// Relative focus → `<base>/<focus>`; absolute focus → itself if it lies under the base, else refused.
    static func url(for focus: String, baseURL: String) throws -> String {
        if focus.hasPrefix("http://") || focus.hasPrefix("https://") {
            guard focus.hasPrefix(baseURL + "/") else {
                throw JobFailure(
                    .security,
                    "focus \(focus) is not under the configured source \(baseURL); refusing to fetch it",
                    retryable: false)
            }
            return focus
        }
        let relative = focus.hasPrefix("/") ? String(focus.dropFirst()) : focus
        guard relative.split(separator: "/").count >= 2, !relative.contains("..") else {
            throw JobFailure(.invalid, "focus '\(focus)' is not a resource reference (Type/id)", retryable: false)
        }
        return baseURL + "/" + relative
    }
}
