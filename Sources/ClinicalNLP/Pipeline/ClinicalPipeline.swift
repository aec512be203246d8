import Foundation

/// The embedded clinical NLP pipeline: text → `AnalyzedText` (normalization, tokens, sections, sentences) →
/// mentions (lexicon matches, curated abbreviations, optional learned detector; merged by `MentionMerger`) →
/// assertions (ConText, per sentence, with the section) → medication attributes → `AnnotatedNote`.
///
/// Built once (rule files parsed, lexicon compiled), immutable and `Sendable`: share one instance across
/// threads and call `annotate` concurrently.
public struct ClinicalPipeline: Sendable {
    public struct Options: Sendable {
        /// Use the curated abbreviation list (`Resources/abbreviations.tsv`).
        public var abbreviations: Bool
        /// Keep abbreviations whose sense context could not settle (marked `ambiguous`); dropped by default.
        public var keepAmbiguousAbbreviations: Bool
        /// Dictionary options (approximate matching for typos, threshold).
        public var matching: DictionaryMatcher.Options

        public init(abbreviations: Bool = true, keepAmbiguousAbbreviations: Bool = false,
                    matching: DictionaryMatcher.Options = DictionaryMatcher.Options()) {
            self.abbreviations = abbreviations
            self.keepAmbiguousAbbreviations = keepAmbiguousAbbreviations
            self.matching = matching
        }
    }

    public let options: Options
    public let tokenizer: Tokenizer
    public let splitter: SentenceSplitter
    public let sectionizer: Sectionizer
    public let matcher: DictionaryMatcher?
    public let abbreviationDetector: AbbreviationDetector?
    public let learnedDetector: (any MentionDetector)?
    public let assertionAnalyzer: (any AssertionAnalyzing)?
    /// `assertionAnalyzer` when it is the built-in ConText analyzer: called directly with per-note scratch arrays.
    let contextAnalyzer: AssertionAnalyzer?
    /// `assertionAnalyzer != nil`, without copying the existential per sentence group.
    let hasAssertionAnalyzer: Bool
    public let medicationExtractor: MedicationAttributeExtractor

    /// Full pipeline with the bundled section rules, abbreviations and ConText rules.
    /// Throws `ResourceFileError` / `ContextRuleError` when a bundled rule file is broken.
    public init(lexicon: Lexicon, learnedDetector: (any MentionDetector)? = nil, options: Options = Options()) throws {
        let assertions: any AssertionAnalyzing = try AssertionAnalyzer.loadDefault()
        try self.init(lexicon: lexicon, learnedDetector: learnedDetector, assertionAnalyzer: assertions,
                      sectionizer: Sectionizer.loadDefault(),
                      abbreviations: options.abbreviations ? AbbreviationLexicon.loadDefault() : nil,
                      options: options)
    }

    /// Pipeline from explicit parts (tests, custom rule files). `assertionAnalyzer` nil leaves every entity
    /// affirmed (plus nothing implied by the section).
    public init(lexicon: Lexicon, learnedDetector: (any MentionDetector)?, assertionAnalyzer: (any AssertionAnalyzing)?,
                sectionizer: Sectionizer, abbreviations: AbbreviationLexicon?, options: Options = Options()) throws {
        self.options = options
        self.tokenizer = Tokenizer()
        self.splitter = SentenceSplitter()
        self.sectionizer = sectionizer
        self.matcher = lexicon.count > 0 ? DictionaryMatcher(lexicon: lexicon, tokenizer: tokenizer, options: options.matching) : nil
        self.abbreviationDetector = abbreviations.map { AbbreviationDetector(lexicon: $0) }
        self.learnedDetector = learnedDetector
        self.assertionAnalyzer = assertionAnalyzer
        self.contextAnalyzer = assertionAnalyzer as? AssertionAnalyzer
        self.hasAssertionAnalyzer = assertionAnalyzer != nil
        self.medicationExtractor = MedicationAttributeExtractor()
    }

    /// Normalization, tokens, sections, sentences and dictionary matches — no assertions.
    public func analyze(_ text: String) -> AnalyzedText {
        let note = analyzeNote(text)
        var analyzed = AnalyzedText(text: text, scalars: note.scalars, table: note.table, sentences: note.sentences,
                                    sections: note.sections)
        analyzed.dictionaryMatches = note.dictionaryMatches
        return analyzed
    }

    /// What `analyze` computes, without materializing the public tokens (`annotate` never returns them).
    func analyzeNote(_ text: String) -> NoteAnalysis {
        let scalars = ScalarClass.scalars(of: text)
        let normalized = tokenizer.normalizer.normalize(scalars)
        let table = tokenizer.table(normalized)
        let headers = sectionizer.headers(in: normalized, original: scalars)
        let sections = sectionizer.sections(headers: headers, textLength: scalars.count)
        let sentences = splitter.split(table: table, scalars: scalars, headers: headers.map(\.range))
        let matches = matcher?.mentions(in: table, sentences: sentences, scalars: scalars) ?? []
        return NoteAnalysis(scalars: scalars, table: table, sentences: sentences, sections: sections, dictionaryMatches: matches)
    }

    public func annotate(_ text: String) -> AnnotatedNote {
        var note = analyzeNote(text)
        // Taken out of `note` so that appending the abbreviations does not copy (and retain) every match.
        var candidates = note.takeDictionaryMatches()
        if let abbreviationDetector {
            let found = abbreviationDetector.mentions(in: note.table, scalars: note.scalars, sentences: note.sentences,
                                                      sections: note.sections)
            candidates.reserveCapacity(candidates.count + found.count)
            for mention in found where options.keepAmbiguousAbbreviations || !mention.ambiguous { candidates.append(mention) }
        }
        if let learnedDetector {
            // The learned detector's protocol takes the public `AnalyzedText` (with tokens).
            let analyzed = AnalyzedText(text: text, scalars: note.scalars, table: note.table, sentences: note.sentences,
                                        sections: note.sections)
            candidates.append(contentsOf: learnedDetector.detectMentions(in: analyzed))
        }
        let kept = MentionMerger.mergedIndices(candidates)
        let entities = entities(taking: &candidates, kept: kept, in: note)
        return AnnotatedNote(text: text, sections: note.sections, sentences: note.sentences, entities: entities)
    }

    /// Sections, assertions and medication attributes for merged, start-ordered mentions.
    /// `mentions[kept[0]], mentions[kept[1]], ...` are the merged mentions (`MentionMerger.mergedIndices`, distinct
    /// indices). The kept mentions are moved out of `mentions` into the entities (each left as a placeholder):
    /// copying them cost a retain per String member, and releasing the candidates the same again.
    func entities(taking mentions: inout [Mention], kept: [Int], in analyzed: NoteAnalysis) -> [Entity] {
        guard !kept.isEmpty else { return [] }
        return analyzed.table.withReader(original: analyzed.scalars) {
            entities(taking: &mentions, kept: kept, in: analyzed, tokens: $0)
        }
    }

    /// What a moved-out mention leaves behind (empty Strings need no allocation or reference counting).
    private static let placeholderMention = Mention(range: 0..<0, text: "", label: .problem, source: "")

    private func entities(taking mentions: inout [Mention], kept: [Int], in analyzed: NoteAnalysis,
                          tokens: TokenTable.Reader) -> [Entity] {
        let sections = analyzed.sections
        let sentences = analyzed.sentences
        var targets = [Range<Int>]()
        var entities = [Entity]()
        entities.reserveCapacity(kept.count)
        var sectionIndex = 0
        var sentenceIndex = 0
        var tokenIndex = 0
        // Mentions grouped by sentence, so ConText runs once per sentence. A group is always the last entities
        // appended: `entities[groupStart...]`.
        var groupStart = 0
        var groupSentence: Int? = nil
        var groupSection = SectionCategory.none
        var scratch = AssertionAnalyzer.Scratch()
        var assertions = [Assertion]()

        for (position, mentionIndex) in kept.enumerated() {
            let range = mentions[mentionIndex].range
            let label = mentions[mentionIndex].label
            let start = range.lowerBound
            while sectionIndex + 1 < sections.count, sections[sectionIndex + 1].range.lowerBound <= start { sectionIndex += 1 }
            let section = sections.isEmpty ? SectionCategory.none : sections[sectionIndex].category
            while sentenceIndex + 1 < sentences.count, sentences[sentenceIndex].range.upperBound <= start { sentenceIndex += 1 }
            let sentence: Int? = sentences.indices.contains(sentenceIndex) && sentences[sentenceIndex].range.contains(start)
                ? sentenceIndex : nil
            if sentence != groupSentence || sentence == nil || (groupStart < entities.count && groupSection != section) {
                assignAssertions(&entities, from: groupStart, sentence: groupSentence.map { sentences[$0].range },
                                 section: groupSection, scalars: analyzed.scalars, targets: &targets,
                                 assertions: &assertions, scratch: &scratch)
                groupStart = entities.count
                groupSentence = nil
            }
            if groupStart == entities.count { groupSection = section }
            var attributes: [MedicationAttribute] = []
            if label == .medication {
                while tokenIndex < tokens.count, tokens[tokenIndex].range.upperBound <= start { tokenIndex += 1 }
                var endToken = tokenIndex
                while endToken < tokens.count, tokens[endToken].range.lowerBound < range.upperBound { endToken += 1 }
                let sentenceTokens = sentence.map { sentences[$0].tokenRange } ?? tokenIndex..<endToken
                var limit = sentenceTokens.upperBound
                if position + 1 < kept.count {
                    let next = kept[position + 1]
                    let nextStart = mentions[next].range.lowerBound
                    if mentions[next].label == .medication {
                        var k = endToken
                        while k < limit, tokens[k].range.lowerBound < nextStart { k += 1 }
                        limit = k
                    }
                }
                attributes = medicationExtractor.attributes(
                    tokens, mentionTokens: tokenIndex..<max(tokenIndex, endToken),
                    lowerLimit: sentenceTokens.lowerBound, limit: max(limit, endToken))
            }
            // Read above (range, label, the next kept mention's start) before it is moved out here.
            let mention = mentions.withUnsafeMutableBufferPointer { buffer in
                precondition(buffer.indices.contains(mentionIndex), "kept index outside the candidates")
                let slot = buffer.baseAddress! + mentionIndex
                let moved = slot.move()
                slot.initialize(to: Self.placeholderMention)
                return moved
            }
            entities.append(Entity(mention: mention, section: section, attributes: attributes))
            groupSentence = sentence
        }
        assignAssertions(&entities, from: groupStart, sentence: groupSentence.map { sentences[$0].range },
                         section: groupSection, scalars: analyzed.scalars, targets: &targets,
                         assertions: &assertions, scratch: &scratch)
        return entities
    }

    /// ConText for the group `entities[start...]` (one sentence, one section). A method with explicit inout
    /// state rather than a nested function: the closure's captured arrays cost a retain/release per access.
    private func assignAssertions(_ entities: inout [Entity], from start: Int, sentence: Range<Int>?,
                                  section: SectionCategory, scalars: [Unicode.Scalar], targets: inout [Range<Int>],
                                  assertions: inout [Assertion], scratch: inout AssertionAnalyzer.Scratch) {
        guard hasAssertionAnalyzer, start < entities.count else { return }
        // `mention.range`, not the computed `Entity.range`: reading through the stored property does not copy
        // the entity.
        let sentenceRange = sentence ?? entities[start].mention.range
        targets.removeAll(keepingCapacity: true)
        for index in start..<entities.count { targets.append(entities[index].mention.range) }
        if let contextAnalyzer {
            contextAnalyzer.analyze(text: scalars, sentence: sentenceRange, targets: targets, section: section,
                                    into: &assertions, scratch: &scratch)
        } else if let analyzer = assertionAnalyzer {
            assertions = analyzer.analyze(text: scalars, sentence: sentenceRange, targets: targets, section: section)
        }
        for k in 0..<min(assertions.count, entities.count - start) { entities[start + k].assertion = assertions[k] }
    }
}
