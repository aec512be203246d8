import FHIR
import Foundation
import Synchronization
import Testing
@testable import Gateway
@testable import Terminology

/// DESIGN.md's PHI boundary: note text never leaves the process; a remote terminology call carries only a mention
/// string or a code. Every outbound request the gateway makes while processing a note is recorded at the HTTP
/// layer and searched for sentinel strings that occur in the note but are not clinical mentions.
@Suite struct PHIBoundaryTests {
    /// Records every request and answers like a terminology server that knows nothing.
    final class RecordingHTTPClient: HTTPClient {
        let requests = Mutex<[HTTPClientRequest]>([])

        func send(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
            requests.withLock { $0.append(request) }
            let body: String
            if request.url.contains("/metadata") {
                body = #"{"resourceType":"CapabilityStatement","status":"active","fhirVersion":"4.0.1"}"#
            } else if request.url.contains("$expand") {
                body = #"{"resourceType":"ValueSet","status":"active","expansion":{"timestamp":"2026-01-01T00:00:00Z","total":0}}"#
            } else {
                return HTTPClientResponse(status: 404)
            }
            return HTTPClientResponse(status: 200, headers: [("Content-Type", "application/fhir+json")],
                                      body: Data(body.utf8))
        }
    }

    static let sentinels = ["Zebulon", "Quixfarnsworth", "99887766", "Elmhurst"]

    static let note = """
        Patient: Zebulon Quixfarnsworth  MRN 99887766
        Address: 14 Elmhurst Lane
        HISTORY OF PRESENT ILLNESS: 58 yo with T2DM, HTN and CAD, here for follow-up. Hx of COPD.
        Denies chest pain. Mother had breast cancer.
        MEDICATIONS: metformin 500 mg PO BID.
        ASSESSMENT AND PLAN: Type 2 diabetes mellitus, continue metformin. Zebulon to return in 3 months.
        """

    @Test func noOutboundRequestCarriesNoteText() async throws {
        let http = RecordingHTTPClient()
        var configuration = GatewayConfiguration()
        // No local match is good enough, so every mention goes to the remote service: the worst case for leaks.
        configuration.emission.minimumScore = 1.01
        let remote = FHIRTerminologyClient(baseURL: "http://127.0.0.1:9/fhir", http: http)
        let engine = try GatewayEngine(configuration: configuration, remoteTerminology: remote)
        let documentReference = FHIRElement.resource("DocumentReference", id: "phi-1", [
            .string("status", "current"),
            .complex("content", [.complex("attachment", [
                .string("contentType", "text/plain; charset=utf-8"),
                .string("data", Data(Self.note.utf8).base64EncodedString()),
            ])]),
        ])
        let result = try await ExtractionPipeline(engine: engine).run(documentReference)
        #expect(!result.documents.flatMap(\.findings).isEmpty, "the note must yield mentions")

        let sent = http.requests.withLock { $0 }
        let searches = sent.filter { $0.url.contains("$expand") }
        #expect(!searches.isEmpty, "mentions must have gone to the remote service, or this test proves nothing")
        let mentions = result.documents.flatMap(\.findings).map(\.entity.mention)
        let mentionTexts = Set(mentions.flatMap { [$0.text, $0.preferredText].compactMap { $0?.lowercased() } })
        for request in sent {
            let wire = [request.url, request.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n"),
                        String(decoding: request.body ?? Data(), as: UTF8.self)].joined(separator: "\n")
            let decoded = wire.removingPercentEncoding ?? wire
            for sentinel in Self.sentinels {
                #expect(!decoded.contains(sentinel), "request \(request.url) carries note text")
            }
        }
        for search in searches {
            let filter = URLComponents(string: search.url)?.queryItems?.first { $0.name == "filter" }?.value
            #expect(filter.map { mentionTexts.contains($0.lowercased()) } == true,
                    "a remote search may carry only a mention string, got \(filter ?? "nil")")
        }
    }
}
