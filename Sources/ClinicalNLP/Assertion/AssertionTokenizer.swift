/// Splits one sentence into word and punctuation tokens and hashes each lower-cased token.
///
/// Deliberately simpler than the pipeline's clinical tokenizer: ConText cues are plain words, and keeping the
/// analyzer's tokenization private means rule phrases are compiled with exactly the code that reads the text.
enum AssertionTokenizer {
    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    /// Tokens of `scalars[range]`; offsets stay those of `scalars`.
    static func tokenize(_ scalars: [Unicode.Scalar], range: Range<Int>) -> [AssertionToken] {
        let buffer = AssertionTokenBuffer(capacity: 16)
        scalars.withUnsafeBufferPointer { tokenize($0, range: range, into: buffer) }
        return Array(buffer.tokens)
    }

    /// Marks "no punctuation" in the tokenizer's loop: above every Unicode scalar value.
    private static let notPunctuation: UInt32 = 0x11_0000

    /// ASCII scalars that continue a word, lower-cased; 0 for every other ASCII scalar. One table load replaces
    /// the letter/digit range tests and the case fold of the inner loop.
    private static let asciiWordFold: [UInt8] = (0..<128).map { (value: UInt32) -> UInt8 in
        if (value >= 0x61 && value <= 0x7A) || (value >= 0x30 && value <= 0x39) { return UInt8(value) }
        if value >= 0x41 && value <= 0x5A { return UInt8(value + 0x20) }
        return 0
    }

    /// Replaces the contents of `buffer` with the tokens of `scalars[range]`, their running word counts and the
    /// positions of `.`, `?`, `!` and `)`, written straight through the buffer's pointers. Each turn of the outer
    /// loop writes at most one token, so one capacity check per turn keeps every write in bounds.
    static func tokenize(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, range: Range<Int>,
                         into buffer: AssertionTokenBuffer) {
        buffer.reset()
        asciiWordFold.withUnsafeBufferPointer { fold in
            var out = buffer.base
            var wordsOut = buffer.wordsBefore
            var stopsOut = buffer.stops
            var limit = buffer.base + buffer.capacity
            var words = 0
            var index = range.lowerBound
            let end = range.upperBound
            while index < end {
                if out == limit {
                    let written = out - buffer.base
                    let stopped = stopsOut - buffer.stops
                    buffer.grow(keepingTokens: written, stops: stopped)
                    out = buffer.base + written
                    wordsOut = buffer.wordsBefore + written
                    stopsOut = buffer.stops + stopped
                    limit = buffer.base + buffer.capacity
                }
                let scalar = scalars[index]
                let value = scalar.value
                var hash = fnvOffset
                // The value a punctuation token hashes (curly apostrophes as `'`); `notPunctuation` for a word.
                var punctuation = notPunctuation
                if value < 0x80 {
                    let folded = fold[Int(value)]
                    if folded != 0 {
                        mix(UInt32(folded), into: &hash)
                    } else if value == 0x20 || (value >= 0x09 && value <= 0x0D) {
                        index += 1
                        continue
                    } else {
                        punctuation = value
                    }
                } else if isWordScalar(scalar) {
                    hashLowercased(scalar, into: &hash)
                } else if isSpace(scalar) {
                    index += 1
                    continue
                } else {
                    punctuation = isApostrophe(scalar) ? 0x27 : value
                }
                if punctuation != notPunctuation {
                    // Only ASCII `.`, `?`, `!` and `)` can end a sentence.
                    if value == 0x2E || value == 0x3F || value == 0x21 || value == 0x29 {
                        stopsOut.initialize(to: out - buffer.base)
                        stopsOut += 1
                    }
                    mix(punctuation, into: &hash)
                    wordsOut.initialize(to: words)
                    wordsOut += 1
                    out.initialize(to: AssertionToken(start: index, end: index + 1, hash: hash, kind: .punctuation,
                                                      first: scalar))
                    out += 1
                    index += 1
                    continue
                }
                // A word: letters and digits, with inner apostrophes.
                let start = index
                index += 1
                while index < end {
                    let current = scalars[index]
                    let value = current.value
                    if value < 0x80 {
                        let folded = fold[Int(value)]
                        if folded != 0 {
                            mix(UInt32(folded), into: &hash)
                            index += 1
                            continue
                        }
                        if value == 0x27, index + 1 < end, isWordScalar(scalars[index + 1]) {
                            mix(0x27, into: &hash)
                            index += 1
                            continue
                        }
                        break
                    }
                    if isWordScalar(current) {
                        hashLowercased(current, into: &hash)
                        index += 1
                    } else if isApostrophe(current), index + 1 < end, isWordScalar(scalars[index + 1]) {
                        mix(0x27, into: &hash)
                        index += 1
                    } else {
                        break
                    }
                }
                wordsOut.initialize(to: words)
                wordsOut += 1
                words += 1
                out.initialize(to: AssertionToken(start: start, end: index, hash: hash, kind: .word, first: scalar))
                out += 1
            }
            wordsOut.initialize(to: words)
            buffer.count = out - buffer.base
            buffer.stopCount = stopsOut - buffer.stops
        }
    }

    /// Hashes of a rule phrase, tokenized exactly like note text.
    static func phraseHashes(_ phrase: String) -> [UInt64] {
        let scalars = Array(phrase.unicodeScalars)
        return tokenize(scalars, range: 0..<scalars.count).map(\.hash)
    }

    static func hash(_ word: String) -> UInt64 {
        phraseHashes(word).first ?? fnvOffset
    }

    @inline(__always)
    static func mix(_ value: UInt32, into hash: inout UInt64) {
        hash ^= UInt64(value)
        hash = hash &* fnvPrime
    }

    @inline(__always)
    private static func hashLowercased(_ scalar: Unicode.Scalar, into hash: inout UInt64) {
        let value = scalar.value
        if value < 0x80 {
            mix((value >= 0x41 && value <= 0x5A) ? value + 0x20 : value, into: &hash)
            return
        }
        for lowered in scalar.properties.lowercaseMapping.unicodeScalars {
            mix(lowered.value, into: &hash)
        }
    }

    @inline(__always)
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) || (value >= 0x30 && value <= 0x39)
        }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType == .decimal
    }

    @inline(__always)
    static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x27 || scalar.value == 0x2019
    }

    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
        return scalar.properties.isWhitespace
    }
}
