import CCurl
import Foundation

/// One libcurl easy handle, owned by one worker thread for its whole life. Reusing it (with `curl_easy_reset`)
/// keeps libcurl's connection cache, so repeated calls to one server reuse the TCP connection.
final class CurlEasyHandle {
    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>

    init() throws {
        CurlGlobal.ensureInitialized()
        guard let handle = curl_easy_init() else {
            throw HTTPClientError(.transport, "curl_easy_init failed")
        }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    func perform(_ request: HTTPClientRequest, defaults: CurlHTTPClient.Configuration) throws -> HTTPClientResponse {
        curl_easy_reset(handle)
        errorBuffer[0] = 0
        let buffer = CurlTransferBuffer(maximumBodySize: defaults.maximumResponseSize)
        let bufferPointer = Unmanaged.passUnretained(buffer).toOpaque()
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }

        let timeout = request.timeout ?? defaults.requestTimeout
        try check(notegate_curl_setopt_string(handle, CURLOPT_URL, request.url), "URL")
        try check(notegate_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"), "protocols")
        try check(notegate_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1), "nosignal")
        try check(notegate_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS,
                                            Self.milliseconds(defaults.connectTimeout)), "connect timeout")
        try check(notegate_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(timeout)), "timeout")
        try check(notegate_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer)),
                  "error buffer")
        try check(notegate_curl_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION, curlBodyCallback), "write")
        try check(notegate_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, bufferPointer), "write data")
        try check(notegate_curl_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION, curlHeaderCallback), "header")
        try check(notegate_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, bufferPointer), "header data")
        // Redirects stay off: following one could carry a bearer token to another host.
        try check(notegate_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0), "redirects")

        switch request.method.uppercased() {
        case "GET":
            try check(notegate_curl_setopt_long(handle, CURLOPT_HTTPGET, 1), "GET")
        case "POST":
            try check(notegate_curl_setopt_long(handle, CURLOPT_POST, 1), "POST")
        default:
            try check(notegate_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method), "method")
        }
        if let body = request.body {
            try check(notegate_curl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)),
                      "body size")
            try body.withUnsafeBytes { raw in
                // COPYPOSTFIELDS copies the bytes, so the pointer need only live for this call.
                let base = raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
                try check(notegate_curl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(
                    mutating: base)), "body")
            }
        }
        for header in request.headers + [("Expect", "")] {
            headerList = curl_slist_append(headerList, "\(header.0): \(header.1)")
        }
        try check(notegate_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList), "headers")

        let result = curl_easy_perform(handle)
        if result != CURLE_OK {
            throw transferError(result, buffer: buffer)
        }
        var status = 0
        _ = notegate_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPClientResponse(status: status, headers: buffer.headers, body: buffer.body)
    }

    private func transferError(_ result: CURLcode, buffer: CurlTransferBuffer) -> HTTPClientError {
        let detail = errorBuffer[0] != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(result))
        let code = Int(result.rawValue)
        switch result {
        case CURLE_OPERATION_TIMEDOUT:
            return HTTPClientError(.timeout, "request timed out: \(detail)", curlCode: code)
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_SEND_ERROR,
             CURLE_RECV_ERROR, CURLE_GOT_NOTHING:
            return HTTPClientError(.connectionFailed, "connection failed: \(detail)", curlCode: code)
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            return HTTPClientError(.invalidRequest, "invalid URL: \(detail)", curlCode: code)
        case CURLE_WRITE_ERROR where buffer.exceededLimit:
            return HTTPClientError(.transport, "response larger than \(buffer.maximumBodySize) bytes", curlCode: code)
        default:
            return HTTPClientError(.transport, detail, curlCode: code)
        }
    }

    private func check(_ code: CURLcode, _ what: String) throws {
        if code != CURLE_OK {
            throw HTTPClientError(.invalidRequest, "cannot set \(what): \(String(cString: curl_easy_strerror(code)))",
                                  curlCode: Int(code.rawValue))
        }
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}

/// `curl_global_init` must run once per process before any handle exists.
enum CurlGlobal {
    private static let initialized: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
    }()

    static func ensureInitialized() {
        _ = initialized
    }
}
