import FHIR
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
@testable import Terminology

/// The remote clients against real servers on 127.0.0.1: NoteGate's own terminology operations over the embedded
/// vocabulary (announcing R4 or R5), and an OMOPHub-shaped server. Every request is recorded so the tests can
/// check parameter names and that nothing but codes and search strings leaves the process.
@Suite struct RemoteTerminologyTests {
    final class Recorder: Sendable {
        let requests = Mutex<[String]>([])
        func record(_ line: String) { requests.withLock { $0.append(line) } }
        var all: [String] { requests.withLock { $0 } }
    }

    static let store: VocabularyStore? = try? VocabularyStore.openEmbedded()

    private static func fhirResponse(_ element: FHIRElement, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/fhir+json"],
                 body: .init(byteBuffer: ByteBuffer(bytes: FHIRJSON.serializeBytes(element))))
    }

    private static func operation(_ request: Request, _ recorder: Recorder,
                                  _ run: ([(name: String, value: String)]) async throws -> FHIRElement) async -> Response {
        recorder.record(request.uri.description)
        let items = request.uri.queryParameters.map { (name: String($0.key), value: String($0.value)) }
        do {
            return fhirResponse(try await run(items))
        } catch let error as TerminologyError {
            return fhirResponse(error.operationOutcome.element, status: .init(code: error.httpStatus))
        } catch {
            return Response(status: .internalServerError)
        }
    }

    /// NoteGate's terminology operations mounted on a loopback server that announces `fhirVersion`.
    private func withTerminologyServer(fhirVersion: String, recorder: Recorder,
                                       _ body: @Sendable (String) async throws -> Void) async throws {
        let store = try #require(Self.store, "embedded vocabulary must open")
        let operations = TerminologyOperations(service: LocalTerminologyService(store: store))
        let router = Router()
        router.get("fhir/metadata") { request, _ -> Response in
            recorder.record(request.uri.description)
            return Self.fhirResponse(.resource("CapabilityStatement", [
                .string("status", "active"), .string("fhirVersion", fhirVersion)]))
        }
        router.get("fhir/CodeSystem/$lookup") { request, _ in
            await Self.operation(request, recorder) { try await operations.lookup(queryItems: $0) }
        }
        router.get("fhir/ConceptMap/$translate") { request, _ in
            await Self.operation(request, recorder) { try await operations.translate(queryItems: $0) }
        }
        router.get("fhir/ValueSet/$expand") { request, _ in
            await Self.operation(request, recorder) { try await operations.expand(queryItems: $0) }
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(try #require(client.port))/fhir")
        }
    }

    private let http = CurlHTTPClient(configuration: .init(requestTimeout: .seconds(10), workerCount: 2))

    @Test func lookupOverR4() async throws {
        let recorder = Recorder()
        try await withTerminologyServer(fhirVersion: "4.0.1", recorder: recorder) { base in
            let client = FHIRTerminologyClient(baseURL: base, http: http)
            let result = try await client.lookup(LookupRequest(system: "http://snomed.info/sct", code: "44054006"))
            #expect(result.display == "Type 2 diabetes mellitus")
            #expect(result.concept?.conceptId == 201826)
            #expect(result.concept?.domainId == "Condition")
        }
    }

    @Test func translateUsesR4NamesForAnR4Server() async throws {
        let recorder = Recorder()
        try await withTerminologyServer(fhirVersion: "4.0.1", recorder: recorder) { base in
            let client = FHIRTerminologyClient(baseURL: base, http: http)
            let result = try await client.translate(
                TranslateRequest(system: "http://hl7.org/fhir/sid/icd-10-cm", code: "K92.2"))
            #expect(result.result)
            #expect(result.matches.first?.concept.code == "192671")
            #expect(result.matches.first?.relationship == .equivalent)
        }
        let translate = try #require(recorder.all.first { $0.contains("$translate") })
        #expect(translate.contains("targetsystem=") && translate.contains("code=K92.2"))
        #expect(!translate.contains("sourceCode"))
    }

    @Test func translateUsesR5NamesForAnR5Server() async throws {
        let recorder = Recorder()
        try await withTerminologyServer(fhirVersion: "5.0.0", recorder: recorder) { base in
            let client = FHIRTerminologyClient(baseURL: base, http: http)
            let result = try await client.translate(
                TranslateRequest(system: "http://hl7.org/fhir/sid/icd-10-cm", code: "K92.2"))
            #expect(result.matches.first?.concept.code == "192671")
            #expect(result.matches.first?.relationship == .equivalent)
        }
        let translate = try #require(recorder.all.first { $0.contains("$translate") })
        #expect(translate.contains("sourceCode=K92.2") && translate.contains("targetSystem="))
    }

    @Test func unknownCodeIsNotFound() async throws {
        try await withTerminologyServer(fhirVersion: "4.0.1", recorder: Recorder()) { base in
            let client = FHIRTerminologyClient(baseURL: base, http: http)
            do {
                _ = try await client.lookup(LookupRequest(system: "http://snomed.info/sct", code: "999999999999"))
                Issue.record("expected not-found")
            } catch let error as TerminologyError {
                #expect(error.code == .notFound)
            }
        }
    }

    @Test func expandSearchesByText() async throws {
        try await withTerminologyServer(fhirVersion: "4.0.1", recorder: Recorder()) { base in
            let client = FHIRTerminologyClient(baseURL: base, http: http)
            let result = try await client.search(SearchRequest(text: "type 2 diabetes", count: 5))
            #expect(!result.hits.isEmpty)
            #expect(result.hits.count <= 5)
        }
    }

    @Test func cacheAnswersRepeatedLookupsWithoutTheNetwork() async throws {
        let recorder = Recorder()
        try await withTerminologyServer(fhirVersion: "4.0.1", recorder: recorder) { base in
            let cached = CachedTerminologyService(FHIRTerminologyClient(baseURL: base, http: http))
            let request = LookupRequest(system: "http://snomed.info/sct", code: "44054006")
            for _ in 0..<5 { _ = try await cached.lookup(request) }
            for _ in 0..<3 {
                await #expect(throws: TerminologyError.self) {
                    try await cached.lookup(LookupRequest(system: "http://snomed.info/sct", code: "1"))
                }
            }
            #expect(cached.statistics.hits == 6)
        }
        #expect(recorder.all.filter { $0.contains("$lookup") }.count == 2)
    }

    @Test func omophubClientSendsBearerKeyAndReadsEnvelopes() async throws {
        let recorder = Recorder()
        let router = Router()
        router.get("v1/concepts/by-code/SNOMED/44054006") { request, _ -> Response in
            recorder.record("\(request.uri.description) auth=\(request.headers[.authorization] ?? "-")")
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(
                string: #"{"success":true,"data":{"concept_id":201826,"concept_name":"Type 2 diabetes mellitus","domain_id":"Condition","vocabulary_id":"SNOMED","concept_class_id":"Clinical Finding","standard_concept":"S","concept_code":"44054006"},"meta":{"vocab_release":"v20250827"}}"#)))
        }
        router.post("v1/fhir/resolve") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 16)
            recorder.record("resolve \(String(buffer: body))")
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(
                string: #"{"success":true,"data":{"resolution":{"mapping_type":"mapped","standard_concept":{"concept_id":201826,"concept_name":"Type 2 diabetes mellitus","domain_id":"Condition","vocabulary_id":"SNOMED","concept_class_id":"Clinical Finding","standard_concept":"S","concept_code":"44054006"}}},"meta":{"vocab_release":"v20250827"}}"#)))
        }
        router.get("v1/concepts/by-code/SNOMED/1") { _, _ -> Response in
            Response(status: .notFound, body: .init(byteBuffer: ByteBuffer(
                string: #"{"success":false,"error":{"message":"concept not found","code":"not_found"}}"#)))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))/v1"
            let hub = try OMOPHubClient(baseURL: base, http: http, environment: ["OMOPHUB_API_KEY": "oh_test"])
            let lookup = try await hub.lookup(LookupRequest(system: "http://snomed.info/sct", code: "44054006"))
            #expect(lookup.concept?.conceptId == 201826)
            let translated = try await hub.translate(
                TranslateRequest(system: "http://hl7.org/fhir/sid/icd-10-cm", code: "E11.9"))
            #expect(translated.matches.first?.concept.code == "201826")
            #expect(translated.matches.first?.concept.version == "v20250827")
            do {
                _ = try await hub.lookup(LookupRequest(system: "http://snomed.info/sct", code: "1"))
                Issue.record("expected not-found")
            } catch let error as TerminologyError {
                #expect(error.code == .notFound)
            }
        }
        #expect(recorder.all.first?.hasSuffix("auth=Bearer oh_test") == true)
        #expect(recorder.all.contains { $0.contains(#""code":"E11.9""#) })
    }

    @Test func omophubNeedsAKey() {
        #expect(throws: TerminologyError.self) {
            try OMOPHubClient(http: http, environment: [:])
        }
    }
}
