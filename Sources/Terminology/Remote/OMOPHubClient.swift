import Foundation
import Synchronization

/// A `TerminologyService` over OMOPHub's REST API (`/concepts`, `/search/concepts`, `/fhir/resolve`), with a bearer
/// key read from the environment (`OMOPHUB_API_KEY` by default) so it never lands in configuration files or logs.
/// Only codes and search strings are sent.
public final class OMOPHubClient: TerminologyService {
    public static let defaultBaseURL = "https://api.omophub.com/v1"
    public static let apiKeyVariable = "OMOPHUB_API_KEY"

    public let baseURL: String
    private let http: any HTTPClient
    private let apiKey: String
    private let release = Mutex<String?>(nil)

    public init(baseURL: String = OMOPHubClient.defaultBaseURL, http: any HTTPClient, apiKey: String) {
        self.baseURL = baseURL
        self.http = http
        self.apiKey = apiKey
    }

    /// Reads the key from the environment; fails with a clear message when it is missing.
    public convenience init(baseURL: String = OMOPHubClient.defaultBaseURL, http: any HTTPClient,
                            environment: [String: String] = ProcessInfo.processInfo.environment,
                            keyVariable: String = OMOPHubClient.apiKeyVariable) throws {
        guard let key = environment[keyVariable], !key.isEmpty else {
            throw TerminologyError(.invalidRequest, "OMOPHub needs an API key in the environment variable \(keyVariable)")
        }
        self.init(baseURL: baseURL, http: http, apiKey: key)
    }

    public func vocabularyRelease() async throws -> String {
        if let known = release.withLock({ $0 }) { return known }
        // Any answer's envelope names the release; a one-row search is the cheapest call.
        _ = try await call("GET", "search/concepts", query: [("query", "aspirin"), ("page_size", "1")])
        return release.withLock { $0 } ?? "unknown"
    }

    public func lookup(_ request: LookupRequest) async throws -> LookupResult {
        let data: Any
        if VocabularySystems.isOMOP(request.system) {
            guard Int(request.code) != nil else {
                throw TerminologyError(.invalidRequest, "code \(request.code) is not an OMOP concept_id")
            }
            data = try await call("GET", "concepts/\(URLQuery.escape(request.code))")
        } else {
            guard let vocabulary = VocabularySystems.vocabularyId(forSystem: request.system) else {
                throw TerminologyError(.unknownSystem, "code system \(request.system) maps to no OMOP vocabulary")
            }
            data = try await call("GET", "concepts/by-code/\(URLQuery.escape(vocabulary))/\(URLQuery.escape(request.code))")
        }
        guard let concept = Self.concept(from: data) else {
            throw TerminologyError(.remoteFailure, "OMOPHub concept answer lacks concept fields")
        }
        let releaseName = release.withLock { $0 }
        var properties: [ConceptProperty] = [
            ConceptProperty(code: "concept-id", value: .integer(concept.conceptId)),
            ConceptProperty(code: "domain-id", value: .code(concept.domainId)),
            ConceptProperty(code: "vocabulary-id", value: .code(concept.vocabularyId)),
            ConceptProperty(code: "concept-class-id", value: .code(concept.conceptClassId)),
            ConceptProperty(code: "inactive", value: .boolean(!concept.isValid)),
        ]
        if let standard = concept.standardConcept {
            properties.append(ConceptProperty(code: "standard-concept", value: .code(standard)))
        }
        if !request.properties.isEmpty {
            properties = properties.filter { request.properties.contains($0.code) }
        }
        return LookupResult(name: concept.vocabularyId, version: releaseName, display: concept.name,
                            properties: properties, concept: concept)
    }

    public func translate(_ request: TranslateRequest) async throws -> TranslateResult {
        let target = request.targetSystem ?? VocabularySystems.omopSystemURI
        guard VocabularySystems.isOMOP(target) else {
            throw TerminologyError(.invalidRequest, "OMOPHub translates only to \(VocabularySystems.omopSystemURI)")
        }
        let body: [String: Any] = ["system": request.system, "code": request.code, "on_unmapped": "error"]
        let data = try await call("POST", "fhir/resolve", body: body)
        guard let resolution = (data as? [String: Any])?["resolution"] as? [String: Any],
              let standard = Self.concept(from: resolution["standard_concept"] as Any) else {
            return TranslateResult(result: false, message: "OMOPHub found no standard concept", matches: [])
        }
        let releaseName = release.withLock { $0 }
        return TranslateResult(result: true, matches: [
            TranslationMatch(relationship: .equivalent, concept: .omop(standard, release: releaseName),
                             omopConcept: standard),
        ])
    }

    public func search(_ request: SearchRequest) async throws -> SearchResult {
        var query = [("query", request.text), ("page_size", String(request.count)),
                     ("page", String(request.offset / max(1, request.count) + 1))]
        if !request.domains.isEmpty { query.append(("domain_ids", request.domains.sorted().joined(separator: ","))) }
        if !request.vocabularies.isEmpty {
            query.append(("vocabulary_ids", request.vocabularies.sorted().joined(separator: ",")))
        }
        if request.standardOnly { query.append(("standard_concept", "S")) }
        let data = try await call("GET", "search/concepts", query: query)
        let rows = (data as? [[String: Any]]) ?? ((data as? [String: Any])?["concepts"] as? [[String: Any]]) ?? []
        let releaseName = release.withLock { $0 }
        let hits = rows.enumerated().compactMap { index, row -> SearchHit? in
            guard let concept = Self.concept(from: row) else { return nil }
            let score = (row["score"] as? Double) ?? (row["relevance_score"] as? Double) ?? 1.0 / Double(index + 1)
            return SearchHit(coding: .omop(concept, release: releaseName), concept: concept, score: score)
        }
        return SearchResult(hits: hits)
    }

    /// One call; unwraps the `{"success", "data", "meta"}` envelope and maps error statuses.
    private func call(_ method: String, _ path: String, query: [(String, String)] = [],
                      body: [String: Any]? = nil) async throws -> Any {
        var url = URLQuery.join(baseURL, path)
        if !query.isEmpty { url += "?" + URLQuery.encode(query) }
        var headers = [(name: "Authorization", value: "Bearer \(apiKey)"), (name: "Accept", value: "application/json")]
        var payload: Data?
        if let body {
            payload = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
            headers.append(("Content-Type", "application/json"))
        }
        let response: HTTPClientResponse
        do {
            response = try await http.send(HTTPClientRequest(method: method, url: url, headers: headers, body: payload))
        } catch {
            throw TerminologyError(.remoteFailure, "OMOPHub unreachable: \(error)", cause: error)
        }
        let envelope = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        if let meta = envelope?["meta"] as? [String: Any], let vocab = meta["vocab_release"] as? String {
            release.withLock { $0 = vocab }
        }
        guard response.isSuccess, let envelope, (envelope["success"] as? Bool) != false else {
            let message = ((envelope?["error"] as? [String: Any])?["message"] as? String) ?? "no error message"
            switch response.status {
            case 404: throw TerminologyError(.notFound, "OMOPHub \(path): \(message)")
            case 400, 422: throw TerminologyError(.invalidRequest, "OMOPHub \(path): \(message)")
            default: throw TerminologyError(.remoteFailure, "OMOPHub \(path): HTTP \(response.status): \(message)")
            }
        }
        return envelope["data"] ?? NSNull()
    }

    static func concept(from value: Any) -> Concept? {
        guard let row = value as? [String: Any] else { return nil }
        let id = (row["concept_id"] as? Int) ?? (row["concept_id"] as? String).flatMap(Int.init)
        guard let id, let name = row["concept_name"] as? String, let domain = row["domain_id"] as? String,
              let vocabulary = row["vocabulary_id"] as? String else { return nil }
        let standard = (row["standard_concept"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        let invalid = (row["invalid_reason"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        return Concept(conceptId: id, name: name, domainId: domain, vocabularyId: vocabulary,
                       conceptClassId: row["concept_class_id"] as? String ?? "", standardConcept: standard,
                       conceptCode: row["concept_code"] as? String ?? String(id), invalidReason: invalid)
    }
}
