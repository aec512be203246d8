import CCurl

// libcurl calls these as C function pointers: they must not capture, so all state travels through the
// user-data pointer as an unretained `CurlTransferBuffer`.

func curlBodyCallback(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int,
                      _ userData: UnsafeMutableRawPointer?) -> Int {
    guard let userData else { return 0 }
    let buffer = Unmanaged<CurlTransferBuffer>.fromOpaque(userData).takeUnretainedValue()
    let length = size * count
    guard let data, length > 0 else { return length }
    // Returning a short count makes libcurl abort the transfer with CURLE_WRITE_ERROR.
    return buffer.appendBody(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}

func curlHeaderCallback(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int,
                        _ userData: UnsafeMutableRawPointer?) -> Int {
    guard let userData else { return 0 }
    let buffer = Unmanaged<CurlTransferBuffer>.fromOpaque(userData).takeUnretainedValue()
    let length = size * count
    guard let data, length > 0 else { return length }
    buffer.appendHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
    return length
}
