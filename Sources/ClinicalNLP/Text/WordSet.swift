/// A `Set<String>` looked up from a token's UTF-8 bytes. When every word is ASCII, an ASCII token is looked up in a
/// byte table (two ASCII strings are equal exactly when their bytes are), so the common case builds no String and
/// computes no SipHash; any other lookup goes through the Set, keeping String's canonical equivalence.
struct WordSet: Sendable {
    let words: Set<String>
    /// nil when some word is not ASCII (a non-ASCII word may be canonically equivalent to an ASCII token).
    private let ascii: KeyTable?

    init(_ words: Set<String>) {
        self.words = words
        var table = KeyTable(minimumCapacity: words.count)
        var allASCII = true
        for word in words {
            let bytes = Array(word.utf8)
            if bytes.contains(where: { $0 >= 0x80 }) { allASCII = false; break }
            bytes.withUnsafeBufferPointer { _ = table.insert($0, id: 0) }
        }
        self.ascii = allASCII ? table : nil
    }

    @inline(__always)
    func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if let ascii, TokenTable.Reader.isASCII(bytes) { return ascii.id(of: bytes) >= 0 }
        return words.contains(String(decoding: bytes, as: UTF8.self))
    }
}
