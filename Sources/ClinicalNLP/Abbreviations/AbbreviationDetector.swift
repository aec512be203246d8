/// Finds curated abbreviations and settles the sense of ambiguous ones from context.
///
/// A clear abbreviation (`HTN`) becomes a mention whose `preferredText` is its expansion (`hypertension`), which
/// the terminology layer resolves. For an ambiguous one (`PE`, `MS`, `RA`) every sense scores 2 if the mention's
/// section is one of the sense's sections and 1 per cue word within `window` tokens in the same sentence. The
/// best sense is used only if it scores > 0 and strictly more than every other; a non-entity sense (room air,
/// physical exam) then suppresses the mention. Otherwise the mention is returned with `ambiguous = true` and no
/// expansion — it is never guessed.
public struct AbbreviationDetector: MentionDetector {
    public let lexicon: AbbreviationLexicon
    public let window: Int

    /// The lexicon's lower-case surfaces as bytes, when all are ASCII (the curated list is): an ASCII token that
    /// is not in it cannot match (ASCII strings are equal exactly when their bytes are), so most words are ruled
    /// out without hashing a String.
    let asciiSurfaces: KeyTable?

    public init(lexicon: AbbreviationLexicon, window: Int = 10) {
        self.lexicon = lexicon
        self.window = window
        var table = KeyTable(minimumCapacity: lexicon.byLowercase.count)
        var allASCII = true
        for surface in lexicon.byLowercase.keys {
            let bytes = Array(surface.utf8)
            if bytes.contains(where: { $0 >= 0x80 }) { allASCII = false; break }
            bytes.withUnsafeBufferPointer { _ = table.insert($0, id: 0) }
        }
        self.asciiSurfaces = allASCII ? table : nil
    }

    /// False only when the token's normalized form `bytes` certainly has no entry (ASCII forms are looked up with
    /// the tokenizer's hash).
    @inline(__always)
    private func mayBeAbbreviation(_ token: CompactToken, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let asciiSurfaces, token.isASCII else { return true }
        return asciiSurfaces.id(of: bytes, hash: token.hash) >= 0
    }

    public func detectMentions(in text: AnalyzedText) -> [Mention] {
        mentions(in: text.table, scalars: text.scalars, sentences: text.sentences, sections: text.sections)
    }

    /// `detectMentions` on the pipeline's token table.
    func mentions(in table: TokenTable, scalars: [Unicode.Scalar], sentences: [Sentence], sections: [Section]) -> [Mention] {
        table.withReader(original: scalars) { mentions($0, sentences: sentences, sections: sections) }
    }

    private func mentions(_ tokens: TokenTable.Reader, sentences: [Sentence], sections: [Section]) -> [Mention] {
        var mentions = [Mention]()
        var sentenceIndex = 0
        var sectionIndex = 0
        for index in 0..<tokens.count {
            // Cheap filters first, without building a String: word kinds, abbreviations are short, and ASCII
            // words outside the byte table cannot match. The lookup uses the lower-cased form and checks the case
            // afterwards.
            let kind = tokens.kind(index)
            guard kind == .word || kind == .abbreviation, tokens[index].normalizedCount <= lexicon.maximumLength,
                  mayBeAbbreviation(tokens[index], tokens.normalizedBytes(index)) else { continue }
            let range = tokens.range(index)
            let text = tokens.text(index)
            guard let entry = lexicon.entry(normalized: tokens.normalized(index)),
                  !entry.caseSensitive || entry.abbreviation == (kind == .abbreviation
                      ? text.replacingOccurrences(of: ".", with: "") : text)
            else { continue }
            while sentenceIndex + 1 < sentences.count, sentences[sentenceIndex].tokenRange.upperBound <= index {
                sentenceIndex += 1
            }
            while sectionIndex + 1 < sections.count, sections[sectionIndex].bodyRange.upperBound <= range.lowerBound {
                sectionIndex += 1
            }
            let section = sections.isEmpty ? SectionCategory.none : sections[sectionIndex].category
            if !entry.isAmbiguous {
                let sense = entry.senses[0]
                guard let label = sense.label else { continue }
                mentions.append(Mention(range: range, text: text, label: label, conceptKey: nil,
                                        source: "abbreviation", score: 1, preferredText: sense.expansion))
                continue
            }
            var bounds = 0..<tokens.count
            if !sentences.isEmpty, sentences[sentenceIndex].tokenRange.contains(index) {
                bounds = sentences[sentenceIndex].tokenRange
            }
            let lower = max(bounds.lowerBound, index - window), upper = min(bounds.upperBound, index + window + 1)
            var scores = [Int](repeating: 0, count: entry.senses.count)
            for (s, sense) in entry.senses.enumerated() {
                if sense.sections.contains(section) { scores[s] += 2 }
                for k in lower..<upper where k != index && sense.cues.contains(tokens.normalized(k)) {
                    scores[s] += 1
                }
            }
            let best = scores.indices.max { scores[$0] < scores[$1] }!
            let unique = scores[best] > 0 && scores.enumerated().allSatisfy { $0.offset == best || $0.element < scores[best] }
            if unique {
                let sense = entry.senses[best]
                guard let label = sense.label else { continue }
                mentions.append(Mention(range: range, text: text, label: label, conceptKey: nil,
                                        source: "abbreviation", score: 1, preferredText: sense.expansion))
            } else if let label = entry.senses.first(where: { $0.label != nil })?.label {
                mentions.append(Mention(range: range, text: text, label: label, conceptKey: nil,
                                        source: "abbreviation", score: 0, preferredText: nil, ambiguous: true))
            }
        }
        return mentions
    }
}
