/// `SectionRules.rules` looked up from a header candidate's scalars without building Strings: the normalized header
/// (`SectionRules.normalizeHeader`) is written into a reused byte buffer and found in a byte table; the word-split
/// and word-prefix retries of `Sectionizer` read the same buffer. A note has about 30 header candidates, nearly all
/// unknown, and each used to allocate a byte array, a String, substrings and joined Strings.
///
/// Exactly the String lookup's answers: the byte table holds the rule keys when they are all ASCII (two ASCII
/// strings are equal exactly when their bytes are); a candidate with non-ASCII letters, or non-ASCII rule keys,
/// takes the String path (canonical equivalence).
struct HeaderLookup: Sendable {
    /// Reused per note.
    struct Buffers {
        var key: [UInt8] = []
        var spaced: [UInt8] = []
        var wordEnds: [Int] = []
    }

    private let table: KeyTable?
    private let rules: [SectionRules.Rule]

    init(rules: SectionRules) {
        var table = KeyTable(minimumCapacity: rules.rules.count)
        var list = [SectionRules.Rule]()
        var allASCII = true
        for (key, rule) in rules.rules {
            let bytes = Array(key.utf8)
            if bytes.contains(where: { $0 >= 0x80 }) { allASCII = false; break }
            bytes.withUnsafeBufferPointer { _ = table.insert($0, id: Int32(list.count)) }
            list.append(rule)
        }
        self.table = allASCII ? table : nil
        self.rules = allASCII ? list : []
    }

    /// The rule for a candidate's normalized header, its words joined by single spaces, or a leading run of its
    /// words (`maxWords` bounds it); nil if none. Returns `.none` (outer nil) when the candidate is not ASCII and
    /// the caller must take the String path.
    func lookup(_ text: ArraySlice<Unicode.Scalar>, maxWords: Int, buffers: inout Buffers) -> SectionRules.Rule?? {
        guard let table else { return .none }
        // `SectionRules.normalizeHeader`, on bytes, written through a raw pointer into a buffer sized for the
        // candidate (a scalar adds at most a space and one byte): two `Array.append`s per scalar, each with its
        // uniqueness and capacity checks, were most of the cost of a lookup.
        let room = text.count * 2
        if buffers.key.count < room { buffers.key = [UInt8](repeating: 0, count: max(room, 64)) }
        let length = buffers.key.withUnsafeMutableBufferPointer { out -> Int in
            var length = 0
            var depth = 0
            var pendingSpace = false
            for s in text {
                if s == "(" { depth += 1; continue }
                if s == ")" { depth = max(0, depth - 1); continue }
                if depth > 0 { continue }
                if ScalarClass.isAlphanumeric(s) || s == "&" || s == "/" {
                    if s.value >= 0x80 { return -1 }
                    if pendingSpace && length > 0 { out[length] = 0x20; length += 1 }
                    pendingSpace = false
                    let v = s.value
                    out[length] = UInt8(truncatingIfNeeded: v &- 0x41 < 26 ? v | 0x20 : v)
                    length += 1
                } else {
                    pendingSpace = true
                }
            }
            return length
        }
        guard length >= 0 else { return .none }
        func find(_ bytes: ArraySlice<UInt8>) -> SectionRules.Rule? {
            let id = bytes.withUnsafeBufferPointer { table.id(of: $0) }
            return id >= 0 ? rules[Int(id)] : nil
        }
        let key = buffers.key[..<length]
        if let rule = find(key) { return .some(rule) }
        // Taken out of `buffers` while in use, so that they are uniquely referenced and reused in place.
        var spaced = buffers.spaced, wordEnds = buffers.wordEnds
        buffers.spaced = []
        buffers.wordEnds = []
        defer {
            buffers.spaced = spaced
            buffers.wordEnds = wordEnds
        }
        // Words split at spaces and slashes (empty words dropped), joined by single spaces.
        spaced.removeAll(keepingCapacity: true)
        wordEnds.removeAll(keepingCapacity: true)
        var inWord = false
        for b in key {
            if b == 0x20 || b == 0x2F {
                inWord = false
                continue
            }
            if !inWord {
                if !spaced.isEmpty {
                    wordEnds.append(spaced.count)
                    spaced.append(0x20)
                }
                inWord = true
            }
            spaced.append(b)
        }
        if !spaced.isEmpty { wordEnds.append(spaced.count) }
        let words = wordEnds.count
        guard words > 1, words <= maxWords + 4 else { return .some(nil) }
        if let rule = find(spaced[...]) { return .some(rule) }
        var count = min(words - 1, maxWords)
        while count >= 1 {
            if let rule = find(spaced[0..<wordEnds[count - 1]]), count >= 2 || words <= 3 { return .some(rule) }
            count -= 1
        }
        return .some(nil)
    }
}
