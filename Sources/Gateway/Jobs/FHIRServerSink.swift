import FHIR
import Foundation
import Terminology

/// Delivers a job's resources to a FHIR server as ONE `transaction` Bundle (all or nothing), POSTed to the base
/// URL. Each resource is a conditional create on its deterministic identifier (`ifNoneExist`): sending the same
/// results twice leaves one copy.
public struct FHIRServerSink: DeliverySink {
    public let baseURL: String
    public let bearerToken: String?
    public let client: any HTTPClient
    public let timeout: Duration

    public init(baseURL: String, bearerToken: String? = nil, client: any HTTPClient, timeout: Duration = .seconds(30)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.bearerToken = bearerToken
        self.client = client
        self.timeout = timeout
    }

    public var name: String { "fhir:\(baseURL)" }

    public func deliver(_ resources: [FHIRElement], job: NotificationJob) async throws {
        guard !resources.isEmpty else { return }
        let body = FHIRJSON.serialize(Self.transaction(for: resources))
        var headers: [(name: String, value: String)] = [
            ("Content-Type", "application/fhir+json"), ("Accept", "application/fhir+json"),
        ]
        if let bearerToken { headers.append(("Authorization", "Bearer \(bearerToken)")) }
        let response: HTTPClientResponse
        do {
            response = try await client.send(
                HTTPClientRequest(method: "POST", url: baseURL, headers: headers, body: body, timeout: timeout))
        } catch {
            throw JobFailure.from(error, url: baseURL)
        }
        guard response.isSuccess else {
            throw JobFailure.httpStatus(
                response.status, url: baseURL, body: Array(response.body), action: "transaction to")
        }
    }

    /// The transaction Bundle (`BundleWriter`'s transaction: conditional creates on NoteGate's deterministic
    /// identifier or id tag, `urn:uuid` fullUrls so Provenance.target resolves inside the transaction).
    public static func transaction(for resources: [FHIRElement]) -> FHIRElement {
        BundleWriter.bundle(resources: resources, kind: .transaction, timestamp: nil, outcome: nil)
    }
}
