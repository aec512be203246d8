import FHIR
import Foundation
import Synchronization

/// A `TerminologyService` backed by a remote FHIR terminology server (`$lookup`, `$translate`, `$expand`).
///
/// The server's FHIR version is read once from its CapabilityStatement: 5.x servers get the R5 parameter names
/// (`sourceCode`, `system`, `targetSystem`) and answer with `match.relationship`; others get the R4 names
/// (`code`, `system`, `targetsystem`) and `match.equivalence`. Answers of both shapes are read either way.
/// Requests carry only codes, systems and search strings: never note text.
public final class FHIRTerminologyClient: TerminologyService {
    public enum ParameterStyle: Sendable, Equatable {
        case r4, r5
    }

    public let baseURL: String
    private let http: any HTTPClient
    private let bearerToken: String?
    private let fixedStyle: ParameterStyle?
    private let detected = Mutex<(style: ParameterStyle?, release: String?)>((nil, nil))

    /// - Parameter style: force R4 or R5 names; nil reads the server's CapabilityStatement once.
    public init(baseURL: String, http: any HTTPClient, bearerToken: String? = nil, style: ParameterStyle? = nil) {
        self.baseURL = baseURL
        self.http = http
        self.bearerToken = bearerToken
        self.fixedStyle = style
    }

    public func vocabularyRelease() async throws -> String {
        if let release = detected.withLock({ $0.release }) { return release }
        let release: String
        do {
            let bundle = try await get("CodeSystem", [("url", VocabularySystems.omopSystemURI)])
            release = bundle.all(path: "entry.resource").compactMap { $0.string("version") }.first ?? "unknown"
        } catch let error as TerminologyError where error.code == .notFound || error.code == .invalidRequest {
            release = "unknown"
        }
        detected.withLock { $0.release = release }
        return release
    }

    public func parameterStyle() async throws -> ParameterStyle {
        if let fixedStyle { return fixedStyle }
        if let style = detected.withLock({ $0.style }) { return style }
        let capability = try await get("metadata", [])
        let version = capability.string("fhirVersion") ?? FHIRVersion.r4
        let style: ParameterStyle = version.hasPrefix("5.") ? .r5 : .r4
        detected.withLock { $0.style = style }
        return style
    }

    public func lookup(_ request: LookupRequest) async throws -> LookupResult {
        var query = [("system", request.system), ("code", request.code)]
        if let version = request.version { query.append(("version", version)) }
        query += request.properties.map { ("property", $0) }
        return try Self.lookupResult(from: try await get("CodeSystem/$lookup", query), request: request)
    }

    public func translate(_ request: TranslateRequest) async throws -> TranslateResult {
        let target = request.targetSystem ?? VocabularySystems.omopSystemURI
        var query: [(String, String)]
        switch try await parameterStyle() {
        case .r4:
            query = [("system", request.system), ("code", request.code), ("targetsystem", target)]
        case .r5:
            query = [("sourceCode", request.code), ("system", request.system), ("targetSystem", target)]
        }
        if let version = request.version { query.append(("version", version)) }
        return try Self.translateResult(from: try await get("ConceptMap/$translate", query))
    }

    public func search(_ request: SearchRequest) async throws -> SearchResult {
        // The implicit value set of the whole OMOP code system; domain filtering is the server's business.
        var query = [("url", VocabularySystems.omopSystemURI + "?fhir_vs"), ("filter", request.text),
                     ("count", String(request.count))]
        if request.offset > 0 { query.append(("offset", String(request.offset))) }
        return Self.searchResult(from: try await get("ValueSet/$expand", query))
    }

    private func get(_ path: String, _ query: [(String, String)]) async throws -> FHIRElement {
        var url = URLQuery.join(baseURL, path)
        if !query.isEmpty { url += "?" + URLQuery.encode(query) }
        var headers = [(name: "Accept", value: "application/fhir+json")]
        if let bearerToken { headers.append(("Authorization", "Bearer \(bearerToken)")) }
        let response: HTTPClientResponse
        do {
            response = try await http.send(HTTPClientRequest(method: "GET", url: url, headers: headers))
        } catch {
            throw TerminologyError(.remoteFailure, "terminology server \(baseURL) unreachable: \(error)", cause: error)
        }
        let body: FHIRElement?
        do {
            body = response.body.isEmpty ? nil : try FHIRJSON.parse(response.body)
        } catch {
            throw TerminologyError(
                .remoteFailure, "terminology server answered \(response.status) with a body that is not FHIR JSON",
                cause: error)
        }
        guard response.isSuccess, let body else {
            throw Self.error(status: response.status, outcome: body, path: path)
        }
        return body
    }

    static func error(status: Int, outcome: FHIRElement?, path: String) -> TerminologyError {
        let diagnostics = outcome?.all("issue").compactMap { $0.string("diagnostics") }.joined(separator: "; ")
        let detail = (diagnostics?.isEmpty == false ? diagnostics! : "no diagnostics")
        switch status {
        case 404: return TerminologyError(.notFound, "\(path): not found (\(detail))")
        case 400, 422: return TerminologyError(.invalidRequest, "\(path): rejected with \(status) (\(detail))")
        default: return TerminologyError(.remoteFailure, "\(path): HTTP \(status) (\(detail))")
        }
    }
}
