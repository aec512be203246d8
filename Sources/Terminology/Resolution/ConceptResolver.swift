import Foundation

/// Resolves mention text to ranked OMOP standard concepts, restricted to the domains compatible with the mention.
///
/// Built once at start-up from a `VocabularyStore` (all indexes in memory, immutable, shared by every request), so
/// a resolution is a handful of dictionary look-ups and never touches SQLite. Strategy, strongest first:
/// exact name/synonym (case and punctuation ignored) → normalised words (order, plurals, stop words, spelling,
/// roman numerals, clinical abbreviations) → the same after correcting misspelt words → partial word overlap
/// weighted by word rarity. Non-standard hits resolve to their `Maps to` standard concepts.
public final class ConceptResolver: Sendable {
    public let configuration: ResolverConfiguration
    /// Release of the vocabulary the indexes were built from.
    public let release: String
    let index: ResolverIndex
    let abbreviations: [String: [String]]

    public init(store: VocabularyStore, configuration: ResolverConfiguration = ResolverConfiguration()) throws {
        self.configuration = configuration
        self.release = store.release
        self.index = try ResolverIndex.build(from: store, configuration: configuration)
        self.abbreviations = try Self.loadAbbreviations()
    }

    /// Number of names and synonyms indexed (for start-up logs and benchmarks).
    public var indexedNameCount: Int { index.names.count }

    public func resolve(_ query: ResolutionQuery) -> Resolution {
        let (queryWords, expanded) = expandAbbreviations(Self.removingSemanticTag(query.text))
        guard !queryWords.isEmpty else { return .empty }
        var collector = CandidateCollector(index: index, query: query)

        // 1. Exact name or synonym.
        if let entries = index.surfaceIndex[queryWords.joined(separator: " ")] {
            for entry in entries {
                let name = index.names[Int(entry)]
                let kind: MatchKind = expanded ? .normalized : (name.isSynonym ? .synonym : .exact)
                let score = expanded ? 0.92 : (name.isSynonym ? 0.97 : 1.0)
                collector.add(entry: entry, score: score, kind: kind)
            }
        }
        // 2. Normalised words.
        let bag = TextNormalizer.bagWords(fromWords: queryWords)
        if let entries = index.bagIndex[bag.sorted().joined(separator: " ")] {
            for entry in entries { collector.add(entry: entry, score: 0.93, kind: .normalized) }
        }
        // 3. Misspelt words corrected.
        var wordIds: [Int32?] = bag.map { index.wordIds[$0] }
        var corrected = false
        if collector.isEmpty {
            for (position, word) in bag.enumerated() where wordIds[position] == nil {
                if let best = index.typoIndex.corrections(for: word).max(by: {
                    index.postings[Int($0.id)].count < index.postings[Int($1.id)].count
                }) {
                    wordIds[position] = best.id
                    corrected = true
                }
            }
            if corrected {
                let correctedBag = zip(bag, wordIds).map { word, id in id.map { index.words[Int($0)] } ?? word }
                if let entries = index.bagIndex[correctedBag.sorted().joined(separator: " ")] {
                    for entry in entries { collector.add(entry: entry, score: 0.86, kind: .approximate) }
                }
            }
        }
        // 4. Partial overlap, only when nothing matched as a whole (in any domain: a mention that names a concept
        //    of another domain exactly is not forced onto a partial match in the allowed ones).
        if collector.isEmpty && !collector.sawOutOfDomainMatch {
            addPartialMatches(wordIds: wordIds, unknownCount: wordIds.filter { $0 == nil }.count,
                              corrected: corrected, into: &collector)
        }
        return collector.resolution(configuration: configuration)
    }

    /// The mention's words, with abbreviations that are not vocabulary words replaced by their expansion.
    /// Abbreviations are matched on whitespace-separated chunks before word splitting, so `T2DM` stays one key.
    private func expandAbbreviations(_ text: String) -> ([String], Bool) {
        var result: [String] = []
        var expanded = false
        for chunk in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            let words = TextNormalizer.words(String(chunk))
            let key = words.joined()
            if !key.isEmpty, let expansion = abbreviations[key],
                index.wordIds[TextNormalizer.normalizedWord(key)] == nil
            {
                result.append(contentsOf: expansion)
                expanded = true
            } else {
                result.append(contentsOf: words)
            }
        }
        return (result, expanded)
    }

    /// Names sharing the query's rarest words, scored by the weighted F-measure of word overlap.
    private func addPartialMatches(
        wordIds: [Int32?], unknownCount: Int, corrected: Bool, into collector: inout CandidateCollector
    ) {
        let known = Array(Set(wordIds.compactMap { $0 })).sorted()
        guard !known.isEmpty else { return }
        let weights = index.wordWeights
        let maximumWeight = weights.max() ?? 1
        let queryWeight = known.reduce(0) { $0 + weights[Int($1)] } + Double(unknownCount) * maximumWeight
        // Candidates must contain the rarest or the second-rarest query word (so one extra or missing word is
        // tolerated) — this bounds the work for common words.
        let byRarity = known.sorted { index.postings[Int($0)].count < index.postings[Int($1)].count }
        var seen = Set<Int32>()
        for word in byRarity.prefix(2) {
            for entry in index.postings[Int(word)].prefix(20_000) where seen.insert(entry).inserted {
                let name = index.names[Int(entry)]
                var overlap = 0.0
                var nameWeight = 0.0
                var queryPosition = 0
                for id in name.words {
                    nameWeight += weights[Int(id)]
                    while queryPosition < known.count, known[queryPosition] < id { queryPosition += 1 }
                    if queryPosition < known.count, known[queryPosition] == id { overlap += weights[Int(id)] }
                }
                let precision = overlap / nameWeight
                let recall = overlap / queryWeight
                guard precision >= 0.45, recall >= 0.5 else { continue }
                let f = 2 * precision * recall / (precision + recall)
                collector.add(entry: entry, score: 0.85 * f * (corrected ? 0.95 : 1), kind: .partial)
            }
        }
    }

    /// SNOMED CT fully specified names end with a semantic tag (`Stress (finding)`); OMOP names do not.
    static func removingSemanticTag(_ text: String) -> String {
        guard text.hasSuffix(")"), let open = text.lastIndex(of: "(") else { return text }
        let tag = text[text.index(after: open)..<text.index(before: text.endIndex)].lowercased()
        guard semanticTags.contains(tag) else { return text }
        return String(text[..<open])
    }

    static let semanticTags: Set<String> = [
        "finding", "disorder", "procedure", "situation", "observable entity", "regime/therapy", "body structure",
        "morphologic abnormality", "substance", "product", "medicinal product", "clinical drug", "event",
        "qualifier value", "record artifact", "person", "environment", "social concept", "specimen",
        "physical object", "organism", "assessment scale",
    ]

    static func loadAbbreviations() throws -> [String: [String]] {
        guard let url = Bundle.module.url(forResource: "Resources/ResolverAbbreviations", withExtension: "tsv")
        else {
            throw TerminologyError(.storeUnavailable, "ResolverAbbreviations.tsv is missing from the module bundle")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        var result: [String: [String]] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2 else { continue }
            result[String(fields[0]).lowercased()] = TextNormalizer.words(String(fields[1]))
        }
        return result
    }
}
