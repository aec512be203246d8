import FHIR
import Foundation
import Hummingbird
import Synchronization

/// A small FHIR server for the delivery tests, on a real socket on 127.0.0.1: it serves DocumentReferences for
/// `id-only` fetches and processes transactions with conditional creates (`ifNoneExist`), recording how many times
/// each resource was created, so a duplicate delivery that bypassed the conditional create would show.
final class FakeFHIRServer: Sendable {
    enum Mode: Sendable { case normal, unavailable, commitFirstThenHang }

    struct State {
        var mode: Mode = .normal
        var documents: [String: FHIRElement] = [:]
        /// ifNoneExist key (or a unique key when absent) → creations.
        var creations: [String: Int] = [:]
        /// ifNoneExist key → "Type/id" as sent.
        var stored: [String: String] = [:]
        var transactions = 0
        var conditionalHits = 0
        var hangingCommitted = false
        var released = false
    }

    let state = Mutex(State())
    private let port = Mutex<Int?>(nil)
    private let task = Mutex<Task<Void, any Error>?>(nil)

    init(documents: [FHIRElement], mode: Mode) {
        state.withLock { state in
            state.mode = mode
            for document in documents { state.documents[document.logicalID ?? ""] = document }
        }
    }

    var baseURL: String { "http://127.0.0.1:\(port.withLock { $0 } ?? 0)/fhir" }

    func start() async throws {
        let router = Router()
        router.get("/fhir/DocumentReference/{id}") { [self] _, context -> Response in
            let id = context.parameters.get("id") ?? ""
            guard let document = state.withLock({ $0.documents[id] }) else { return Response(status: .notFound) }
            return Response(
                status: .ok, headers: [.contentType: "application/fhir+json"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: FHIRJSON.serialize(document))))
        }
        router.post("/fhir") { [self] request, _ -> Response in
            let body = try await request.body.collect(upTo: 64 << 20)
            return try await transaction(FHIRJSON.parse(Array(body.readableBytesView)))
        }
        let ready = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "fake-fhir"),
            onServerRunning: { channel in ready.continuation.yield(channel.localAddress?.port ?? 0) })
        let running = Task { try await app.runService(gracefulShutdownSignals: []) }
        task.withLock { $0 = running }
        var iterator = ready.stream.makeAsyncIterator()
        let bound = await iterator.next()
        port.withLock { $0 = bound }
    }

    func stop() {
        state.withLock { $0.released = true }
        task.withLock { $0?.cancel() }
    }

    func setMode(_ mode: Mode) {
        state.withLock { $0.mode = mode; $0.released = true }
    }

    private func transaction(_ bundle: FHIRElement) async throws -> Response {
        let (mode, first) = state.withLock { state -> (Mode, Bool) in
            state.transactions += 1
            return (state.mode, !state.hangingCommitted)
        }
        if mode == .unavailable {
            return Response(status: .serviceUnavailable)
        }
        var answer = FHIRElement.resource("Bundle", [.string("type", "transaction-response")])
        state.withLock { state in
            for entry in bundle.all("entry") {
                guard let resource = entry.first("resource") else { continue }
                let label = "\(resource.resourceType ?? "")/\(resource.logicalID ?? "")"
                let key = entry.string(path: "request.ifNoneExist") ?? "unconditional:\(UUID())"
                if state.stored[key] != nil {
                    state.conditionalHits += 1
                    answer.append(.complex("entry", [.complex("response", [.string("status", "200 OK")])]))
                } else {
                    state.stored[key] = label
                    state.creations[key, default: 0] += 1
                    answer.append(.complex("entry", [.complex("response", [.string("status", "201 Created")])]))
                }
            }
        }
        if mode == .commitFirstThenHang && first {
            // Committed, but the answer never reaches the gateway before it is killed.
            state.withLock { $0.hangingCommitted = true }
            let deadline = ContinuousClock.now + .seconds(60)
            while !state.withLock({ $0.released }), ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        return Response(
            status: .ok, headers: [.contentType: "application/fhir+json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: FHIRJSON.serialize(answer))))
    }
}
