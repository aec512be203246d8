// gateway-load: an HTTP/1.1 load generator with no package dependencies for `notegate serve`, loopback only.
//
// Posts Bundles of N DocumentReferences (notes of about B bytes each) to /fhir/$extract over keep-alive
// connections. Closed loop (--rate 0) measures saturation throughput; open loop (--rate R requests/s) measures
// latency at a fixed load, timed from each request's scheduled send time so a slow server cannot hide queueing
// (no coordinated omission). Bounded: at most --duration seconds (≤ 300) and --max-requests requests, and it
// refuses any host but 127.0.0.1.
import ExtractWorkload
import Foundation

#if canImport(Glibc)
import Glibc
#endif

struct Options {
    var port = 8080
    var connections = 4
    var duration = 20.0
    var maxRequests = 100_000
    var rate = 0.0
    var notesPerRequest = 5
    var noteBytes = 2000
    var warmup = 3
    var serverPID: Int32?
    var path = "/fhir/$extract"
    /// JSONL corpus (`text` member per line) to take the notes from instead of the built-in sentences.
    var notesFile: String?

    init(_ arguments: [String]) {
        var index = 1
        func value() -> String {
            index += 1
            guard index < arguments.count else { fail("missing value for \(arguments[index - 1])") }
            return arguments[index]
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--host":
                let host = value()
                guard host == "127.0.0.1" else { fail("only 127.0.0.1 may be targeted, not \(host)") }
            case "--port": port = Int(value()) ?? port
            case "--connections": connections = max(1, Int(value()) ?? connections)
            case "--duration": duration = min(300, max(1, Double(value()) ?? duration))
            case "--max-requests": maxRequests = max(1, Int(value()) ?? maxRequests)
            case "--rate": rate = max(0, Double(value()) ?? rate)
            case "--notes": notesPerRequest = max(1, Int(value()) ?? notesPerRequest)
            case "--note-bytes": noteBytes = max(100, Int(value()) ?? noteBytes)
            case "--warmup": warmup = max(0, Int(value()) ?? warmup)
            case "--server-pid": serverPID = Int32(value())
            case "--path": path = value()
            case "--notes-file": notesFile = value()
            default: fail("unknown option \(arguments[index])")
            }
            index += 1
        }
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("gateway-load: \(message)\n".utf8))
    exit(2)
}

// MARK: HTTP over a blocking socket

final class Connection {
    let fd: Int32
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    var pending: [UInt8] = []

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else { close(fd); throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(fd) }

    /// Sends one request and reads the whole response; returns the status code.
    func exchange(_ request: [UInt8]) throws -> Int {
        var sent = 0
        while sent < request.count {
            let n = request.withUnsafeBytes { send(fd, $0.baseAddress! + sent, request.count - sent, 0) }
            guard n > 0 else { throw POSIXError(.EPIPE) }
            sent += n
        }
        // Headers.
        var headerEnd: Int?
        while headerEnd == nil {
            if let end = find(pending, [13, 10, 13, 10]) { headerEnd = end; break }
            try fill()
        }
        let head = String(decoding: pending[..<headerEnd!], as: UTF8.self)
        pending.removeFirst(headerEnd! + 4)
        let lines = head.split(separator: "\r\n")
        let status = lines.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        let length = lines.dropFirst().compactMap { line -> Int? in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
            return Int(parts[1].trimmingCharacters(in: .whitespaces))
        }.first
        if let length {
            while pending.count < length { try fill() }
            pending.removeFirst(length)
        } else if head.lowercased().contains("transfer-encoding: chunked") {
            while true {
                guard let lineEnd = find(pending, [13, 10]) else { try fill(); continue }
                let size = Int(String(decoding: pending[..<lineEnd], as: UTF8.self)
                    .split(separator: ";").first ?? "", radix: 16) ?? 0
                while pending.count < lineEnd + 2 + size + 2 { try fill() }
                pending.removeFirst(lineEnd + 2 + size + 2)
                if size == 0 { break }
            }
        }
        return status
    }

    private func fill() throws {
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { throw POSIXError(.ECONNRESET) }
        pending.append(contentsOf: buffer[..<n])
    }

    private func find(_ haystack: [UInt8], _ needle: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count) where haystack[index] == needle[0] {
            if Array(haystack[index..<index + needle.count]) == needle { return index }
        }
        return nil
    }
}

func request(path: String, port: Int, body: [UInt8]) -> [UInt8] {
    let head = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: application/fhir+json\r\n"
        + "Accept: application/fhir+json\r\nContent-Length: \(body.count)\r\n\r\n"
    return Array(head.utf8) + body
}

// MARK: Run

let options = Options(CommandLine.arguments)
let corpus: [String]?
do { corpus = try options.notesFile.map(ExtractWorkload.corpusNotes) } catch { fail("\(error)") }
// With a corpus, every note of it is sent once per cycle of payloads; otherwise 16 synthetic payloads.
let payloadCount = corpus.map { max(1, $0.count / options.notesPerRequest) } ?? 16
let payloads = (0..<payloadCount).map { request(path: options.path, port: options.port, body: ExtractWorkload.bundle(
    notes: options.notesPerRequest, noteBytes: options.noteBytes, seed: $0, corpus: corpus)) }

// Warm-up (not measured).
do {
    let connection = try Connection(port: options.port)
    for index in 0..<options.warmup {
        let status = try connection.exchange(payloads[index % payloads.count])
        guard status == 200 else { fail("warm-up request answered \(status)") }
    }
} catch {
    fail("cannot reach 127.0.0.1:\(options.port): \(error)")
}

final class Results: @unchecked Sendable {
    let lock = NSLock()
    var latencies: [Double] = []
    var errors = 0
    var issued = 0

    func take(_ maximum: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard issued < maximum else { return nil }
        issued += 1
        return issued - 1
    }

    func record(_ latency: Double?, ok: Bool) {
        lock.lock(); defer { lock.unlock() }
        if ok, let latency { latencies.append(latency) } else { errors += 1 }
    }
}

let results = Results()
/// User + system CPU seconds the server process has used (`/proc/PID/stat` fields 14 and 15, in clock ticks):
/// CPU time per note does not depend on what else the machine is doing, unlike notes per second.
func serverCPUSeconds() -> Double? {
    guard let pid = options.serverPID,
          let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return nil }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
}

let serverCPUAtStart = serverCPUSeconds()
let start = DispatchTime.now().uptimeNanoseconds
let end = start + UInt64(options.duration * 1e9)
// Open loop: each connection owns every `connections`-th slot of a global schedule at `rate` requests/s.
let interval = options.rate > 0 ? 1e9 / options.rate : 0

// One thread per connection (concurrentPerform would run only as many at once as there are cores).
let allDone = DispatchGroup()
func runConnection(_ worker: Int) {
    guard let connection = try? Connection(port: options.port) else {
        results.record(nil, ok: false)
        return
    }
    var slot = worker
    while let number = results.take(options.maxRequests) {
        var scheduled = DispatchTime.now().uptimeNanoseconds
        if interval > 0 {
            scheduled = start + UInt64(Double(slot) * interval)
            slot += options.connections
            let now = DispatchTime.now().uptimeNanoseconds
            if scheduled > now { usleep(useconds_t((scheduled - now) / 1000)) }
        }
        if scheduled >= end { break }
        let status = try? connection.exchange(payloads[number % payloads.count])
        let finished = DispatchTime.now().uptimeNanoseconds
        results.record(Double(finished - scheduled) / 1e6, ok: status == 200)
        if status == nil { break }
        if finished >= end { break }
    }
}

for worker in 0..<options.connections {
    allDone.enter()
    let thread = Thread { runConnection(worker); allDone.leave() }
    thread.start()
}
allDone.wait()

let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
let sorted = results.latencies.sorted()
func percentile(_ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    return sorted[min(sorted.count - 1, Int((p / 100) * Double(sorted.count)))]
}
var peakMemory = "n/a"
if let pid = options.serverPID,
   let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
   let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) {
    peakMemory = line.dropFirst("VmHWM:".count).trimmingCharacters(in: .whitespaces)
}
let requestsPerSecond = Double(sorted.count) / elapsed
let serverCPU = serverCPUAtStart.flatMap { before in serverCPUSeconds().map { $0 - before } }
let notesDone = Double(sorted.count * options.notesPerRequest)
print(String(format: """
    mode=%@ connections=%d duration_s=%.1f requests_ok=%d errors=%d
    requests_per_s=%.1f notes_per_s=%.1f (notes/request=%d, note_bytes≈%d)
    latency_ms p50=%.1f p90=%.1f p99=%.1f max=%.1f
    server_peak_rss=%@
    %@
    """,
    options.rate > 0 ? "open-loop rate=\(options.rate)/s" : "closed-loop (saturation)", options.connections, elapsed,
    sorted.count, results.errors, requestsPerSecond, requestsPerSecond * Double(options.notesPerRequest),
    options.notesPerRequest,
    corpus.map { $0.reduce(0) { $0 + $1.utf8.count } / $0.count } ?? options.noteBytes, percentile(50), percentile(90), percentile(99), sorted.last ?? .nan,
    peakMemory,
    serverCPU.map { cpu in String(format: "server_cpu_s=%.2f cpu_ms_per_note=%.3f (notes/s per fully used core: %.0f)",
                                   cpu, cpu / notesDone * 1000, notesDone / cpu) } ?? "server_cpu_s=unknown"))
