import FHIR
import Foundation
import Terminology

/// Delivers a job's resources to a FHIR server as ONE `transaction` Bundle (all or nothing), POSTed to the base
/// URL. Each resource is a conditional create on its deterministic identifier (`ifNoneExist`), or, without an
/// identifier, an update by its deterministic id (`PUT Type/id`): sending the same results twice leaves one copy.
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

    /// The transaction Bundle: one entry per resource, `fullUrl` `urn:uuid:<id>` so references between the
    /// resources (Provenance.target) resolve inside the transaction.
    public static func transaction(for resources: [FHIRElement]) -> FHIRElement {
        var bundle = FHIRElement.resource("Bundle", [.string("type", "transaction")])
        for resource in resources {
            guard let type = resource.resourceType else { continue }
            var request = FHIRElement.complex("request", [])
            var entry = FHIRElement.complex("entry", [])
            if let id = resource.logicalID, isUUID(id) {
                entry.append(.string("fullUrl", "urn:uuid:\(id)"))
            }
            if let condition = conditionalCreateQuery(resource) {
                request.append(contentsOf: [
                    .string("method", "POST"), .string("url", type), .string("ifNoneExist", condition),
                ])
            } else if let id = resource.logicalID {
                request.append(contentsOf: [.string("method", "PUT"), .string("url", "\(type)/\(id)")])
            } else {
                request.append(contentsOf: [.string("method", "POST"), .string("url", type)])
            }
            entry.append(.nested("resource", resource: resource))
            entry.append(request)
            bundle.append(entry)
        }
        return bundle
    }

    /// `identifier=system|value` of the resource's first complete identifier.
    static func conditionalCreateQuery(_ resource: FHIRElement) -> String? {
        for identifier in resource.all("identifier") {
            if let system = identifier.string("system"), let value = identifier.string("value") {
                return "identifier=\(percentEncode(system))|\(percentEncode(value))"
            }
        }
        return nil
    }

    private static func percentEncode(_ text: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+|#")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    private static func isUUID(_ text: String) -> Bool {
        UUID(uuidString: text) != nil
    }
}
