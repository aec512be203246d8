/// Optional per-token context that does not come from the text itself: the note section and the BILOU position of
/// a dictionary match covering the token (e.g. `B-PROBLEM`). Both are hashed strings; 0 means none.
public struct TokenContext: Sendable {
    public var sections: [UInt64]
    public var dictionary: [UInt64]

    public init(tokenCount: Int) {
        sections = [UInt64](repeating: 0, count: tokenCount)
        dictionary = [UInt64](repeating: 0, count: tokenCount)
    }

    /// Marks the tokens covered by `ranges` (scalar offsets) with their dictionary BILOU tag names.
    public mutating func addDictionaryMatches(_ matches: [(range: Range<Int>, label: String)], tokens: [TaggerToken]) {
        for match in matches {
            let covered = tokens.indices.filter { tokens[$0].range.overlaps(match.range) }
            guard let first = covered.first, let last = covered.last else { continue }
            for index in covered {
                let position = first == last ? "U" : index == first ? "B" : index == last ? "L" : "I"
                dictionary[index] = FeatureHashing.hash(position + "-" + match.label)
            }
        }
    }

    public mutating func setSection(_ name: String, tokens: Range<Int>) {
        let hash = FeatureHashing.hash(name)
        for index in tokens { sections[index] = hash }
    }
}

/// Hashed features per token, flattened: token t owns `indices[offsets[t]..<offsets[t+1]]`, each an index into a
/// bucket of the weight table.
public struct FeatureMatrix: Sendable {
    public var indices: [Int32]
    public var offsets: [Int32]
    public var tokenCount: Int { offsets.count - 1 }
}

/// Computes the hashed feature templates of `FeatureSet` for every token of a document.
public struct FeatureExtractor: Sendable {
    public let featureSet: FeatureSet
    public let clusters: WordClusters
    private let mask: UInt64

    public init(featureSet: FeatureSet, clusters: WordClusters) {
        self.featureSet = featureSet
        self.clusters = featureSet.useClusters ? clusters : .empty
        self.mask = UInt64(featureSet.bucketCount - 1)
    }

    public func extract(scalars: [Unicode.Scalar], tokens: [TaggerToken], context: TokenContext? = nil) -> FeatureMatrix {
        let (forms, affixes) = TokenForms.compute(scalars: scalars, tokens: tokens, featureSet: featureSet, clusters: clusters)
        let affixCount = affixes.lengths
        var indices: [Int32] = []
        indices.reserveCapacity(tokens.count * 64)
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(tokens.count + 1)
        let mask = self.mask
        let window = featureSet.window

        @inline(__always) func add(_ template: UInt64, _ value: UInt64) {
            indices.append(Int32(truncatingIfNeeded: FeatureHashing.combine(template &* 0x1000_0000_01b3, value) & mask))
        }
        func lower(_ index: Int) -> UInt64 {
            index < 0 ? TokenForms.sentinelBefore : index >= forms.count ? TokenForms.sentinelAfter : forms[index].lower
        }
        func shortShape(_ index: Int) -> UInt64 {
            index < 0 ? TokenForms.sentinelBefore : index >= forms.count ? TokenForms.sentinelAfter : forms[index].shortShape
        }

        let abbreviations = featureSet.useAbbreviations ? Self.abbreviationHeads(scalars: scalars, tokens: tokens, forms: forms) : [:]

        for index in forms.indices {
            let form = forms[index]
            add(1, 0)
            if let head = abbreviations[form.word] {
                add(120, head)
                add(121, 1)
            }
            add(2, form.lower)
            add(3, form.word)
            add(4, form.shape)
            add(5, form.shortShape)
            add(6, form.lengthBucket)
            for slot in 0..<affixCount {
                let prefix = affixes.prefixes[index * affixCount + slot], suffix = affixes.suffixes[index * affixCount + slot]
                if prefix != 0 { add(10 + UInt64(slot), prefix) }
                if suffix != 0 { add(20 + UInt64(slot), suffix) }
            }
            if window > 0 {
                for distance in 1...window {
                    add(30 + UInt64(distance), lower(index - distance))
                    add(40 + UInt64(distance), lower(index + distance))
                }
            }
            add(50, FeatureHashing.combine(lower(index - 1), form.lower))
            add(51, FeatureHashing.combine(form.lower, lower(index + 1)))
            add(52, FeatureHashing.combine(FeatureHashing.combine(shortShape(index - 1), form.shortShape), shortShape(index + 1)))
            add(53, FeatureHashing.combine(lower(index - 1), lower(index + 1)))
            if affixCount > 2 {
                if index > 0, affixes.suffixes[(index - 1) * affixCount + 2] != 0 { add(54, affixes.suffixes[(index - 1) * affixCount + 2]) }
                if index + 1 < forms.count, affixes.suffixes[(index + 1) * affixCount + 2] != 0 { add(55, affixes.suffixes[(index + 1) * affixCount + 2]) }
            }
            add(56, FeatureHashing.combine(form.shortShape, lower(index + 1)))
            add(57, FeatureHashing.combine(lower(index - 1), form.shortShape))
            if form.chunk != 0 {
                add(60, form.chunk)
                add(61, form.chunkShape)
            }
            let attachedBefore = tokens[index].attachedToPrevious
            let attachedAfter = index + 1 < tokens.count && tokens[index + 1].attachedToPrevious
            add(62, (attachedBefore ? 1 : 0) | (attachedAfter ? 2 : 0))
            if attachedBefore { add(63, lower(index - 1)) }
            if attachedAfter { add(64, lower(index + 1)) }
            if tokens[index].startsLine { add(65, 1) }
            if let cluster = form.cluster {
                for (slot, length) in featureSet.clusterPrefixes.enumerated() where length <= Int(cluster.length) {
                    add(70 + UInt64(slot), UInt64(cluster.prefix(length)) | UInt64(length) << 32)
                }
            } else if featureSet.useClusters {
                add(69, 0)
            }
            if featureSet.useClusters {
                for (template, neighbour) in [(80 as UInt64, index - 1), (90, index + 1)] where neighbour >= 0 && neighbour < forms.count {
                    if let cluster = forms[neighbour].cluster {
                        for (slot, length) in featureSet.clusterPrefixes.prefix(3).enumerated() where length <= Int(cluster.length) {
                            add(template + UInt64(slot), UInt64(cluster.prefix(length)) | UInt64(length) << 32)
                        }
                    }
                }
            }
            if let context {
                if featureSet.useSections, context.sections[index] != 0 {
                    add(100, context.sections[index])
                    add(101, FeatureHashing.combine(context.sections[index], form.lower))
                }
                if featureSet.useDictionary {
                    let dictionary = context.dictionary[index]
                    add(110, dictionary)
                    if dictionary != 0 { add(111, FeatureHashing.combine(dictionary, form.shortShape)) }
                    add(112, FeatureHashing.combine(index > 0 ? context.dictionary[index - 1] : 1,
                                                    index + 1 < tokens.count ? context.dictionary[index + 1] : 1))
                }
            }
            offsets.append(Int32(indices.count))
        }
        return FeatureMatrix(indices: indices, offsets: offsets)
    }

    /// Abbreviations defined in the text as `long form (ABBR)`: every later use of `ABBR` gets the long form's
    /// last word as a feature (`APC` → `coli`, `PD` → `disease`), which carries the entity type across the document.
    static func abbreviationHeads(scalars: [Unicode.Scalar], tokens: [TaggerToken], forms: [TokenForms]) -> [UInt64: UInt64] {
        var heads: [UInt64: UInt64] = [:]
        guard tokens.count >= 4 else { return heads }
        for index in 1..<(tokens.count - 2) where tokens[index].range.count == 1 && scalars[tokens[index].range.lowerBound] == "(" {
            let candidate = tokens[index + 1]
            guard tokens[index + 2].range.count == 1, scalars[tokens[index + 2].range.lowerBound] == ")",
                  candidate.range.count >= 2, candidate.range.count <= 10,
                  scalars[candidate.range].contains(where: { $0.properties.isUppercase }) else { continue }
            heads[forms[index + 1].word] = forms[index - 1].lower
        }
        return heads
    }
}
