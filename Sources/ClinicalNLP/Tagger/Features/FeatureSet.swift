/// The feature configuration stored in a model file: what `FeatureExtractor` computes and how it is hashed.
public struct FeatureSet: Sendable, Hashable, Codable {
    /// Version of the feature templates; a model trained with other templates cannot be used.
    public var version: Int = 1
    /// log2 of the number of hashed feature buckets.
    public var hashBits: Int = 20
    /// Neighbouring-token window for word features.
    public var window: Int = 2
    public var affixLengths: [Int] = [1, 2, 3, 4, 5]
    public var clusterPrefixes: [Int] = [4, 6, 10, 14, 20]
    public var useClusters: Bool = true
    public var useSections: Bool = true
    public var useDictionary: Bool = true
    /// Document-level feature: uses of an abbreviation defined as `long form (ABBR)` see the long form's head word.
    public var useAbbreviations: Bool = true

    public init() {}

    public var bucketCount: Int { 1 << hashBits }

    public var summary: [String] {
        var names = ["bias", "word", "lower", "shape", "short-shape", "prefix\(affixLengths)", "suffix\(affixLengths)",
                     "words±\(window)", "bigrams", "shape-trigram", "neighbour-suffix", "chunk", "attachment",
                     "line-start", "length"]
        if useClusters { names.append("clusters\(clusterPrefixes)") }
        if useSections { names.append("section") }
        if useDictionary { names.append("dictionary-bilou") }
        if useAbbreviations { names.append("abbreviation-definitions") }
        return names
    }
}
