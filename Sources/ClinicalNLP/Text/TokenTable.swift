/// The tokens of one note in two flat arrays: `tokens` (ranges, kind, where the normalized form lies) and
/// `bytes`, every token's lower-cased normalized form as UTF-8, back to back. Built by `Tokenizer.table`; read
/// by the sentence splitter, dictionary matcher, abbreviation detector and medication attributes through a
/// `TokenTable.Reader`. The public `[Token]` is `materialize(original:)`, identical to what the tokenizer used to
/// build directly.
struct TokenTable: Sendable {
    private(set) var tokens: [CompactToken]
    private(set) var bytes: [UInt8]

    init() {
        tokens = []
        bytes = []
    }

    /// A table whose normalized forms the caller wrote itself (`Tokenizer`): token `i`'s form must be
    /// `bytes[tokens[i].keyStart ..< tokens[i].keyEnd]`.
    init(tokens: [CompactToken], bytes: [UInt8]) {
        self.tokens = tokens
        self.bytes = bytes
    }

    /// The table of tokens built elsewhere (callers of the public APIs that take `[Token]`).
    init(_ source: [Token]) {
        self.init()
        tokens.reserveCapacity(source.count)
        for token in source {
            let keyStart = bytes.count
            var normalized = token.normalized
            normalized.withUTF8 { key in
                bytes.append(contentsOf: key)
                tokens.append(CompactToken(range: token.range, keyStart: keyStart, key: key, kind: token.kind))
            }
        }
    }

    var count: Int { tokens.count }

    /// `Token.normalized` of token `i`.
    func normalized(_ i: Int) -> String {
        let token = tokens[i]
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[Int(token.keyStart)..<Int(token.keyEnd)]), as: UTF8.self)
        }
    }

    /// The public tokens. `text` is the original text of the token's range (what the tokenizer always stored);
    /// when it is byte-for-byte the normalized form, both fields share one String.
    func materialize(original: [Unicode.Scalar]) -> [Token] {
        var result = [Token]()
        result.reserveCapacity(tokens.count)
        withReader(original: original) { r in
            for i in 0..<r.count {
                let token = r[i]
                let key = r.normalizedBytes(i)
                let source = UnsafeBufferPointer(rebasing: r.scalars[token.range])
                let normalized: String
                let text: String
                if key.count == 1 && source.count == 1 && key[0] < 0x80 {
                    // One ASCII byte: both Strings from the shared tables.
                    normalized = ScalarClass.asciiLowercaseStrings[Int(key[0])]
                    let v = source[0].value
                    text = v < 0x80 ? ScalarClass.asciiStrings[Int(v)] : ScalarClass.string(source)
                } else {
                    normalized = String(decoding: key, as: UTF8.self)
                    text = Self.sameASCII(key, source) ? normalized : ScalarClass.string(source)
                }
                result.append(Token(range: token.range, text: text, normalized: normalized, kind: token.kind))
            }
        }
        return result
    }

    /// Whether `source` is ASCII and equal to `bytes`.
    @inline(__always)
    private static func sameASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ source: UnsafeBufferPointer<Unicode.Scalar>) -> Bool {
        guard bytes.count == source.count else { return false }
        for k in 0..<bytes.count where UInt32(bytes[k]) != source[k].value { return false }
        return true
    }

    /// Runs `body` with raw views of the table and the original scalars (no bounds checks, no retains in loops).
    func withReader<R>(original: [Unicode.Scalar], _ body: (Reader) throws -> R) rethrows -> R {
        try tokens.withUnsafeBufferPointer { t in
            try bytes.withUnsafeBufferPointer { b in
                try original.withUnsafeBufferPointer { s in try body(Reader(tokens: t, bytes: b, scalars: s)) }
            }
        }
    }

    /// Raw view of a table and its note, valid only inside `withReader`.
    struct Reader {
        let tokens: UnsafeBufferPointer<CompactToken>
        let bytes: UnsafeBufferPointer<UInt8>
        /// The original scalars of the note.
        let scalars: UnsafeBufferPointer<Unicode.Scalar>

        @inline(__always) var count: Int { tokens.count }
        @inline(__always) subscript(_ i: Int) -> CompactToken { tokens[i] }
        @inline(__always) func kind(_ i: Int) -> Token.Kind { tokens[i].kind }
        @inline(__always) func range(_ i: Int) -> Range<Int> { tokens[i].range }

        /// UTF-8 of `Token.normalized` of token `i`.
        @inline(__always)
        func normalizedBytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
            normalizedBytes(of: tokens[i])
        }

        /// UTF-8 of `Token.normalized` of `token` (a token of this table). Built from the base address and the
        /// stored offsets (the tokenizer wrote them, `keyStart <= keyEnd <= bytes.count`) without forming a
        /// checked `Range` and a slice per call: every stage reads it once per token.
        @inline(__always)
        func normalizedBytes(of token: CompactToken) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(start: bytes.baseAddress.map { $0 + Int(token.keyStart) }, count: token.normalizedCount)
        }

        /// `Token.normalized` of token `i` (a new String; for table lookups once the cheap filters passed).
        @inline(__always)
        func normalized(_ i: Int) -> String { String(decoding: normalizedBytes(i), as: UTF8.self) }

        /// `Token.text` of token `i`: the original text of its range.
        @inline(__always)
        func text(_ i: Int) -> String { ScalarClass.string(UnsafeBufferPointer(rebasing: scalars[tokens[i].range])) }

        /// `normalized(i) == word` with String semantics. ASCII bytes compare bytewise (two ASCII strings are
        /// equal exactly when their bytes are); anything else falls back to String's canonical equivalence,
        /// which can equate a non-ASCII scalar with ASCII (U+037E GREEK QUESTION MARK ≡ `;`).
        @inline(__always)
        func normalizedIs(_ i: Int, _ word: StaticString) -> Bool {
            let key = normalizedBytes(i)
            if Self.isASCII(key) { return Self.equal(key, word) }
            return normalized(i) == word.description
        }

        /// `text(i) == word` with String semantics (see `normalizedIs`), read from the original scalars.
        @inline(__always)
        func textIs(_ i: Int, _ word: StaticString) -> Bool {
            let source = UnsafeBufferPointer(rebasing: scalars[tokens[i].range])
            var ascii = true
            for s in source where s.value >= 0x80 { ascii = false; break }
            guard ascii else { return text(i) == word.description }
            guard source.count == word.utf8CodeUnitCount else { return false }
            let w = word.utf8Start
            for k in 0..<source.count where source[k].value != UInt32(w[k]) { return false }
            return true
        }

        @inline(__always)
        static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            for b in bytes where b >= 0x80 { return false }
            return true
        }

        @inline(__always)
        static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
            guard bytes.count == word.utf8CodeUnitCount else { return false }
            let w = word.utf8Start
            for k in 0..<bytes.count where bytes[k] != w[k] { return false }
            return true
        }
    }
}
