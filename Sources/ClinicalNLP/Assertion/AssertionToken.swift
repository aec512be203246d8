/// A token of the assertion analyzer's own cheap tokenizer. Only the hash of the lower-cased text is kept:
/// rule phrases are compiled to the same hashes, so matching never builds a String.
struct AssertionToken: Sendable, Hashable {
    enum Kind: UInt8, Sendable {
        /// Letters and digits, with inner apostrophes (`doesn't`, `pe's`).
        case word
        /// Any other single non-space scalar (`,`, `.`, `/`, `+`, `:`).
        case punctuation
    }

    /// `[start, end)` in Unicode scalars of the whole note.
    var start: Int
    var end: Int
    /// FNV-1a hash of the lower-cased scalars (curly apostrophes folded to `'`).
    var hash: UInt64
    var kind: Kind
    /// The first scalar as written (case kept: a capital after a period marks a new sentence).
    var first: Unicode.Scalar
    /// Number of scalars (for words), used to recognise one-letter initials before a period.
    var length: Int { end - start }
}
