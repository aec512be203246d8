import FHIR
import Foundation
import Synchronization
@testable import Gateway

/// A fresh queue file in a temporary directory (removed by `cleanUp`).
struct TemporaryQueue {
    let directory: URL
    let path: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("notegate-jobs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("queue.sqlite").path
    }

    func open() throws -> JobQueue { try JobQueue(path: path) }

    func cleanUp() { try? FileManager.default.removeItem(at: directory) }
}

extension NewNotificationJob {
    static func fullResource(_ id: String, event: Int, subscription: String = "Subscription/s1") -> NewNotificationJob {
        let document = FHIRElement.resource("DocumentReference", id: id, [.string("status", "current")])
        return NewNotificationJob(
            dedupeKey: "\(subscription)|\(event)|DocumentReference/\(id)", subscription: subscription,
            eventNumber: String(event), focus: "DocumentReference/\(id)", sourceBaseURL: nil,
            payload: FHIRJSON.serialize(document))
    }
}

/// A deterministic stand-in for the NLP pipeline: one Condition per DocumentReference, id derived from the
/// document's id. The worker's logic (retries, markers, dead letters) does not depend on what the pipeline finds;
/// the real pipeline runs in the GatewayServer end-to-end tests.
final class OneConditionPerDocument: NoteExtractionService, Sendable {
    let calls = Mutex(0)

    func extractResources(from input: FHIRElement) async throws -> NoteExtractionOutput {
        calls.withLock { $0 += 1 }
        guard input.resourceType == "DocumentReference", let id = input.logicalID else {
            throw GatewayError(.invalidInput, "expected a DocumentReference", expression: input.resourceType)
        }
        let condition = FHIRElement.resource("Condition", id: "c-\(id)", [
            .complex("identifier", [.string("system", NoteGateURIs.identifierSystem), .string("value", "c-\(id)")]),
            .complex("subject", [.string("reference", "Patient/p1")]),
        ])
        return NoteExtractionOutput(
            resources: [condition], issues: [],
            statistics: ExtractionStatistics(notes: 1, mentions: ["PROBLEM": 1]))
    }
}

/// A sink that records deliveries and fails the first `failures` attempts with the given failure.
final class RecordingSink: DeliverySink, Sendable {
    let name: String
    private let state: Mutex<(failuresLeft: Int, delivered: [[String]])>
    let failure: JobFailure

    init(name: String = "recording", failures: Int = 0,
         failure: JobFailure = JobFailure(.transient, "sink down", retryable: true)) {
        self.name = name
        self.failure = failure
        state = Mutex((failures, []))
    }

    var deliveries: [[String]] { state.withLock { $0.delivered } }

    func deliver(_ resources: [FHIRElement], job: NotificationJob) async throws {
        try state.withLock { state in
            if state.failuresLeft > 0 {
                state.failuresLeft -= 1
                throw failure
            }
            state.delivered.append(resources.compactMap(\.logicalID))
        }
    }
}

/// A port on 127.0.0.1 nothing listens on (bound, then closed).
func closedLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    precondition(fd >= 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
            bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
        }
    }
    guard bound else { throw POSIXError(.EADDRINUSE) }
    return Int(UInt16(bigEndian: address.sin_port))
}
