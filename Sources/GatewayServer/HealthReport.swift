import Foundation
import Gateway
import Hummingbird

/// `GET /healthz`: 200 with a small JSON status while the server and its queue answer, 503 when the queue does not.
struct HealthReport {
    let startedAt: String
    let version: String
    let queue: JobQueue?

    func response() throws -> Response {
        var fields: [String: Any] = ["status": "ok", "version": version, "startedAt": startedAt]
        var status = HTTPResponse.Status.ok
        if let queue {
            do {
                let counts = try queue.counts()
                fields["jobs"] = Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })
            } catch {
                status = .serviceUnavailable
                fields["status"] = "degraded"
                fields["queue"] = "unavailable"
            }
        }
        let data = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
