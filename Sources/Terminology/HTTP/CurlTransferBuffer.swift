import Foundation

/// Collects one transfer's response. Touched only by the worker thread that runs the transfer.
final class CurlTransferBuffer {
    private(set) var body = Data()
    private(set) var headers: [(name: String, value: String)] = []
    let maximumBodySize: Int
    private(set) var exceededLimit = false

    init(maximumBodySize: Int) {
        self.maximumBodySize = maximumBodySize
    }

    func appendBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if body.count + bytes.count > maximumBodySize {
            exceededLimit = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// Header lines arrive one per call; a status line starts a new response (redirects, 100-continue),
    /// so only the final response's headers are kept.
    func appendHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            headers.removeAll()
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
        let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        headers.append((name, value))
    }
}
