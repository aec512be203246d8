/// Finds lexicon terms in analysed text: longest match over match keys (see `MatchKey`), within one sentence,
/// starting and ending on token boundaries.
///
/// The lexicon is compiled into a token trie stored as one hash table of edges keyed by
/// `(node, key id)`, so finding the terms at a position costs one hash lookup per token of the longest
/// candidate, independent of how many terms the lexicon holds. Optionally (`Options.approximate`), a word the
/// lexicon does not know is snapped to the most similar lexicon word (bigram candidates, edit similarity ≥
/// threshold; see `FuzzyWordIndex`), so `hypertenson` still matches `hypertension`; such mentions carry the
/// similarity as their score.
public struct DictionaryMatcher: MentionDetector {
    public struct Options: Sendable {
        /// Snap unknown words to the closest lexicon word (slower; off by default).
        public var approximate: Bool
        /// Minimum edit similarity (1 - edits / length) for a snapped word.
        public var approximateThreshold: Double
        /// Words shorter than this are never snapped (short words are too easily confused).
        public var approximateMinimumLength: Int

        public init(approximate: Bool = false, approximateThreshold: Double = 0.8, approximateMinimumLength: Int = 6) {
            self.approximate = approximate
            self.approximateThreshold = approximateThreshold
            self.approximateMinimumLength = approximateMinimumLength
        }
    }

    /// SNOMED-style semantic tags dropped from the end of a term: `Asthma (disorder)` ≡ `Asthma`.
    public static let semanticTags: Set<String> = [
        "disorder", "finding", "procedure", "substance", "body structure", "observable entity", "situation",
        "event", "regime/therapy", "qualifier value", "morphologic abnormality", "product", "medicinal product",
        "medicinal product form", "clinical drug", "physical object", "specimen", "organism", "record artifact",
        "environment", "person", "attribute", "navigational concept", "tumor staging", "cell", "cell structure",
        "occupation", "ethnic group", "assessment scale", "staging scale", "social concept", "physical force",
        "geographic location", "special concept", "linkage concept", "namespace concept", "foundation metadata concept",
    ]

    public let options: Options
    /// Match key → key id (every key; used for non-ASCII keys and by the approximate index).
    let vocabulary: [String: Int32]
    /// ASCII match keys → key id: the hot path, looked up from bytes without building a String.
    let asciiKeys: KeyTable
    /// Trie edges: `(node << 32) | keyId` → child node. Node 0 is the root.
    let edges: EdgeTable
    /// Node → index into `entries`, or -1.
    let terminal: [Int32]
    let entries: [LexiconEntry]
    let fuzzy: FuzzyWordIndex?
    /// Number of terms that produced at least one key.
    public let termCount: Int

    public init(lexicon: Lexicon, tokenizer: Tokenizer = Tokenizer(), options: Options = Options()) {
        self.options = options
        var vocabulary = [String: Int32]()
        var asciiKeys = KeyTable(minimumCapacity: lexicon.count)
        var edges = EdgeTable(minimumCapacity: lexicon.count * 2)
        var terminal: [Int32] = [-1]
        var entries = [LexiconEntry]()
        var entryForNode = [Int32: Int]()
        var termCount = 0
        vocabulary.reserveCapacity(lexicon.count)
        var keys = MatchKeyBuffer()
        for entry in lexicon.entries {
            let tokens = tokenizer.tokenize(Self.strippingSemanticTag(entry.term))
            keys.removeAll()
            for token in tokens { _ = MatchKey.appendKeys(of: token, to: &keys) }
            guard keys.keyCount > 0 else { continue }
            termCount += 1
            var node: Int32 = 0
            for k in 0..<keys.keyCount {
                let bytes = keys.key(k)
                let key = String(decoding: bytes, as: UTF8.self)
                let id: Int32
                if let existing = vocabulary[key] {
                    id = existing
                } else {
                    id = Int32(vocabulary.count)
                    vocabulary[key] = id
                }
                if Self.isASCII(bytes) { bytes.withUnsafeBufferPointer { _ = asciiKeys.insert($0, id: id) } }
                let edge = (UInt64(UInt32(bitPattern: node)) << 32) | UInt64(UInt32(bitPattern: id))
                if let child = edges.value(for: edge) {
                    node = child
                } else {
                    let child = Int32(terminal.count)
                    terminal.append(-1)
                    edges.insert(edge, child)
                    node = child
                }
            }
            if let existingIndex = entryForNode[node] {
                // First entry wins; a later entry with another label or concept makes the surface ambiguous
                // only if the labels differ (same label, other concept id = synonyms the resolver will rank).
                if entries[existingIndex].label != entry.label { entries[existingIndex].ambiguous = true }
            } else {
                entryForNode[node] = entries.count
                terminal[Int(node)] = Int32(entries.count)
                entries.append(entry)
            }
        }
        self.vocabulary = vocabulary
        self.asciiKeys = asciiKeys
        self.edges = edges
        self.terminal = terminal
        self.entries = entries
        self.termCount = termCount
        self.fuzzy = options.approximate
            ? FuzzyWordIndex(vocabulary: vocabulary, minimumLength: options.approximateMinimumLength) : nil
    }

    @inline(__always)
    static func isASCII(_ bytes: ArraySlice<UInt8>) -> Bool {
        for b in bytes where b >= 0x80 { return false }
        return true
    }

    /// Key id of a note key, or -1. ASCII keys (nearly all) go through the byte table; others through the String
    /// dictionary, which keeps String's canonical-equivalence semantics (`é` ≡ `e\u{301}`).
    @inline(__always)
    func keyID(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        for b in bytes where b >= 0x80 { return vocabulary[String(decoding: bytes, as: UTF8.self)] ?? -1 }
        return asciiKeys.id(of: bytes)
    }

    /// `Asthma (disorder)` → `Asthma`; other parentheses are kept.
    static func strippingSemanticTag(_ term: String) -> String {
        guard term.hasSuffix(")"), let open = term.lastIndex(of: "(") else { return term }
        let tag = term[term.index(after: open)..<term.index(before: term.endIndex)].lowercased()
        guard semanticTags.contains(tag) else { return term }
        return String(term[..<open]).trimmingCharacters(in: .whitespaces)
    }

    public func detectMentions(in text: AnalyzedText) -> [Mention] {
        mentions(in: text.table, sentences: text.sentences, scalars: text.scalars)
    }

    /// Matches in each sentence (the whole text when there is none).
    func mentions(in table: TokenTable, sentences: [Sentence], scalars: [Unicode.Scalar]) -> [Mention] {
        var mentions = [Mention]()
        var buffers = Buffers()
        let ranges = sentences.isEmpty ? [0..<table.count] : sentences.map(\.tokenRange)
        table.withReader(original: scalars) { match($0, tokenRanges: ranges, into: &mentions, buffers: &buffers) }
        return mentions
    }

    /// Scratch arrays reused across the tokens of one note (the units themselves are a `MatchUnits`).
    struct Buffers {
        var keys = MatchKeyBuffer()
        var similarity = [Double]()
    }

    private static let barrier: Int32 = -2
    private static let unknown: Int32 = -1

    /// Longest-match scan of token ranges (sentences); a barrier separates consecutive ranges.
    func match(_ tokens: TokenTable.Reader, tokenRanges: [Range<Int>], into mentions: inout [Mention],
               buffers: inout Buffers) {
        var keys = buffers.keys, similarity = buffers.similarity
        similarity.removeAll(keepingCapacity: true)
        defer { buffers = Buffers(keys: keys, similarity: similarity) }
        let approximate = fuzzy != nil
        // Unit `u` (one match key) came from token `units.token(u)` and has key id `units.id(u)` (or `barrier` /
        // `unknown`).
        var units = MatchUnits(capacity: tokens.count + tokenRanges.count + 16)
        for tokenRange in tokenRanges {
            // A plain counter (no Range iterator): the loop body runs once per token of the note.
            var index = tokenRange.lowerBound
            let end = tokenRange.upperBound
            while index < end {
                defer { index &+= 1 }
                // Most tokens have exactly one key, their normalized bytes as they stand (see `singleKey`): looked
                // up in place, without copying them into the key buffer.
                let token = tokens[index]
                let normalized = tokens.normalizedBytes(of: token)
                if MatchKey.isSingleKey(token, normalized: normalized) {
                    // ASCII: the byte table with the tokenizer's hash; otherwise the String path.
                    let id = token.isASCII ? asciiKeys.id(of: normalized, hash: token.hash) : keyID(normalized)
                    if id >= 0 {
                        units.append(token: index, id: id)
                        if approximate { similarity.append(1) }
                    } else if let fuzzy, let (id, score) = fuzzy.closest(to: String(decoding: normalized, as: UTF8.self),
                                                                          threshold: options.approximateThreshold) {
                        units.append(token: index, id: id)
                        similarity.append(score)
                    } else {
                        units.append(token: index, id: Self.unknown)
                        if approximate { similarity.append(0) }
                    }
                    continue
                }
                keys.removeAll()
                // Punctuation is always a barrier (what `appendKeys` answers for it), decided without the call.
                if token.kind == .punctuation
                    || !MatchKey.appendKeys(kind: token.kind, normalized: normalized, to: &keys) {
                    units.append(token: index, id: Self.barrier)
                    if approximate { similarity.append(0) }
                    continue
                }
                for k in 0..<keys.keyCount {
                    let range = keys.keyRange(k)
                    let id = keys.storage.withUnsafeBufferPointer { keyID(UnsafeBufferPointer(rebasing: $0[range])) }
                    if id >= 0 {
                        units.append(token: index, id: id)
                        if approximate { similarity.append(1) }
                    } else if let fuzzy, let (id, score) = fuzzy.closest(to: String(decoding: keys.key(k), as: UTF8.self),
                                                                          threshold: options.approximateThreshold) {
                        units.append(token: index, id: id)
                        similarity.append(score)
                    } else {
                        units.append(token: index, id: Self.unknown)
                        if approximate { similarity.append(0) }
                    }
                }
            }
            // Sentence boundary.
            units.append(token: -1, id: Self.barrier)
            if approximate { similarity.append(0) }
        }
        let count = units.count
        var i = 0
        while i < count {
            guard units.id(i) >= 0, i == 0 || !units.sameToken(i - 1, i) || units.id(i - 1) == Self.barrier else {
                i += 1
                continue
            }
            var node: Int32 = 0
            var bestEnd = -1
            var bestEntry: Int32 = -1
            var j = i
            while j < count {
                let id = units.id(j)
                guard id >= 0 else { break }
                let edge = (UInt64(UInt32(bitPattern: node)) << 32) | UInt64(UInt32(bitPattern: id))
                guard let child = edges.value(for: edge) else { break }
                node = child
                let entry = terminal[Int(child)]
                // A match ends on a token boundary.
                if entry >= 0, j + 1 == count || !units.sameToken(j + 1, j) {
                    bestEnd = j
                    bestEntry = entry
                }
                j += 1
            }
            if bestEnd >= 0 {
                let range = tokens[units.token(i)].range.lowerBound..<tokens[units.token(bestEnd)].range.upperBound
                var score = 1.0
                if approximate { for k in i...bestEnd { score = min(score, similarity[k]) } }
                // The entry's fields are read in place: copying the whole entry retained and released its term too.
                let e = Int(bestEntry)
                mentions.append(Mention(range: range, text: ScalarClass.string(UnsafeBufferPointer(rebasing: tokens.scalars[range])),
                                        label: entries[e].label, conceptKey: entries[e].conceptKey, source: entries[e].source,
                                        score: score, preferredText: entries[e].preferredText ?? (score < 1 ? entries[e].term : nil),
                                        ambiguous: entries[e].ambiguous))
                i = bestEnd + 1
            } else {
                i += 1
            }
        }
    }
}
