/// One token as the pipeline reads it internally: plain integers, no Strings. The public `Token` holds two
/// Strings, whose creation, copying and release were the largest cost of `annotate` that is not inherent work;
/// `annotate` never returns tokens, so it works on these and `Token`s are built only for callers that ask for
/// them (`ClinicalPipeline.analyze`, `Tokenizer.tokenize`).
///
/// A trivial type on purpose: an array of them is copied with `memcpy` and freed without visiting elements.
struct CompactToken: Sendable, Hashable {
    /// `[start, end)` in Unicode scalars of the ORIGINAL text (as `Token.range`). Int32: the pipeline's notes are
    /// far below 2^31 scalars (10 MB notes are about 2^23).
    var start: Int32
    var end: Int32
    /// `Token.normalized` as UTF-8 is `TokenTable.bytes[keyStart ..< keyEnd]`.
    var keyStart: Int32
    var keyEnd: Int32
    var kind: Token.Kind
    /// `Flags` of the normalized bytes.
    var flags: UInt8
    /// `KeyTable.hash` of the normalized bytes, computed while they are written: the matcher, the abbreviation
    /// filter and the medication start-word filter look tokens up without hashing them again.
    var hash: UInt64

    /// What the readers need to know of the normalized bytes without scanning them.
    enum Flags {
        /// Some byte is not ASCII.
        static let nonASCII: UInt8 = 1
        /// A hyphen or apostrophe: the word's match keys are not its bytes as they stand.
        static let separator: UInt8 = 2

        @inline(__always)
        static func of(_ byte: UInt8) -> UInt8 {
            (byte >= 0x80 ? nonASCII : 0) | (byte == 0x2D || byte == 0x27 ? separator : 0)
        }
    }

    init(range: Range<Int>, keyStart: Int, keyEnd: Int, kind: Token.Kind, flags: UInt8, hash: UInt64) {
        self.start = Int32(truncatingIfNeeded: range.lowerBound)
        self.end = Int32(truncatingIfNeeded: range.upperBound)
        self.keyStart = Int32(truncatingIfNeeded: keyStart)
        self.keyEnd = Int32(truncatingIfNeeded: keyEnd)
        self.kind = kind
        self.flags = flags
        self.hash = hash
    }

    /// A token whose normalized form is `key` (flags and hash computed here).
    init(range: Range<Int>, keyStart: Int, key: UnsafeBufferPointer<UInt8>, kind: Token.Kind) {
        var flags: UInt8 = 0
        for byte in key { flags |= Flags.of(byte) }
        self.init(range: range, keyStart: keyStart, keyEnd: keyStart + key.count, kind: kind, flags: flags,
                  hash: KeyTable.hash(key))
    }

    @inline(__always) var isASCII: Bool { flags & Flags.nonASCII == 0 }

    @inline(__always) var range: Range<Int> { Int(start)..<Int(end) }
    @inline(__always) var lowerBound: Int { Int(start) }
    @inline(__always) var upperBound: Int { Int(end) }
    /// Scalar count of the original text.
    @inline(__always) var length: Int { Int(end &- start) }
    /// UTF-8 byte count of the normalized form.
    @inline(__always) var normalizedCount: Int { Int(keyEnd &- keyStart) }
    @inline(__always) var isWordLike: Bool { kind == .word || kind == .abbreviation || kind == .code }
}
