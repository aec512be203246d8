#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file line by line through one fixed buffer, so memory stays bounded whatever the file size.
///
/// Lines end with `\n` (a trailing `\r` is dropped). A line longer than the buffer grows it once; Athena rows are
/// short, so in practice the buffer stays at its initial size.
final class TSVLineReader {
    let path: String
    private let descriptor: Int32
    private var buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var reachedEnd = false
    /// 1-based number of the line last returned.
    private(set) var lineNumber = 0
    /// Bytes consumed so far (for progress).
    private(set) var bytesRead = 0

    init(path: String, bufferSize: Int = 1 << 20) throws {
        self.path = path
        descriptor = systemOpen(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw TerminologyError(.importFailed, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 8)
    }

    deinit {
        _ = systemClose(descriptor)
        buffer.deallocate()
    }

    /// Calls `body` with the next line (without its terminator); returns false at end of file.
    /// The bytes are only valid during the call.
    func nextLine<T>(_ body: (UnsafeRawBufferPointer) throws -> T) throws -> T? {
        while true {
            if start < end, let newline = memchr(buffer.baseAddress! + start, 0x0A, end - start) {
                let lineEnd = buffer.baseAddress!.distance(to: newline)
                let lineStart = start
                start = lineEnd + 1
                lineNumber += 1
                return try body(Self.trimmed(buffer, lineStart, lineEnd))
            }
            if reachedEnd {
                guard start < end else { return nil }
                let lineStart = start
                start = end
                lineNumber += 1
                return try body(Self.trimmed(buffer, lineStart, end))
            }
            try refill()
        }
    }

    private static func trimmed(_ buffer: UnsafeMutableRawBufferPointer, _ from: Int, _ to: Int)
        -> UnsafeRawBufferPointer
    {
        var to = to
        if to > from, buffer[to - 1] == 0x0D { to -= 1 }
        return UnsafeRawBufferPointer(rebasing: buffer[from..<to])
    }

    private func refill() throws {
        // Move the partial line to the front, growing the buffer if one line fills it.
        let pending = end - start
        if pending > 0, start > 0 {
            memmove(buffer.baseAddress!, buffer.baseAddress! + start, pending)
        }
        start = 0
        end = pending
        if end == buffer.count {
            let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 8)
            larger.copyMemory(from: UnsafeRawBufferPointer(buffer))
            buffer.deallocate()
            buffer = larger
        }
        let count = systemRead(descriptor, buffer.baseAddress! + end, buffer.count - end)
        if count < 0 {
            throw TerminologyError(.importFailed, "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        if count == 0 { reachedEnd = true }
        end += count
        bytesRead += count
    }
}

// Module-level wrappers so the calls inside the class do not collide with members or keywords named `open`/`read`.
private func systemOpen(_ path: String, _ flags: Int32) -> Int32 { open(path, flags) }
private func systemClose(_ descriptor: Int32) -> Int32 { close(descriptor) }
private func systemRead(_ descriptor: Int32, _ pointer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, pointer, count)
}
