/// Per-token hashes computed once per document; feature templates then only combine integers.
struct TokenForms {
    var word: UInt64 = 0
    var lower: UInt64 = 0
    var shape: UInt64 = 0
    var shortShape: UInt64 = 0
    /// Index of this token's first prefix/suffix hash in `AffixTable` (one slot per affix length).
    var chunk: UInt64 = 0
    var chunkShape: UInt64 = 0
    var cluster: WordClusters.Path?
    var lengthBucket: UInt64 = 0

    static let sentinelBefore: UInt64 = 0x5eed_0000_0000_0001
    static let sentinelAfter: UInt64 = 0x5eed_0000_0000_0002

    /// Prefix and suffix hashes of every token, flat (token-major), 0 where the token is too short.
    struct AffixTable {
        var prefixes: [UInt64]
        var suffixes: [UInt64]
        let lengths: Int
    }

    static func compute(scalars: [Unicode.Scalar], tokens: [TaggerToken], featureSet: FeatureSet, clusters: WordClusters) -> ([TokenForms], AffixTable) {
        var forms = [TokenForms](repeating: TokenForms(), count: tokens.count)
        let lengths = featureSet.affixLengths.count
        var affixes = AffixTable(prefixes: [UInt64](repeating: 0, count: tokens.count * lengths),
                                 suffixes: [UInt64](repeating: 0, count: tokens.count * lengths), lengths: lengths)
        var lowerBuffer: [UInt32] = []
        for (index, token) in tokens.enumerated() {
            var form = TokenForms()
            lowerBuffer.removeAll(keepingCapacity: true)
            var word = FeatureHashing.offsetBasis, lower = FeatureHashing.offsetBasis
            var shape = FeatureHashing.offsetBasis, shortShape = FeatureHashing.offsetBasis
            var lastShape: UInt32 = 0, shapeLength = 0
            var folded = FeatureHashing.offsetBasis
            for position in token.range {
                let scalar = scalars[position]
                word = FeatureHashing.fnv(word, scalar.value)
                let lowered = FeatureHashing.lowercase(scalar)
                lowerBuffer.append(lowered)
                lower = FeatureHashing.fnv(lower, lowered)
                folded = FeatureHashing.fnv(folded, lowered >= 0x30 && lowered <= 0x39 ? 0x30 : lowered)
                let shapeClass = FeatureHashing.shapeClass(scalar)
                if shapeLength < 8 { shape = FeatureHashing.fnv(shape, shapeClass) }
                shapeLength += 1
                if shapeClass != lastShape { shortShape = FeatureHashing.fnv(shortShape, shapeClass) }
                lastShape = shapeClass
            }
            form.word = word
            form.lower = lower
            form.shape = shape
            form.shortShape = shortShape
            let count = lowerBuffer.count
            form.lengthBucket = UInt64(min(count, 12))
            for (slot, length) in featureSet.affixLengths.enumerated() {
                guard count > length else { continue }
                var prefix = FeatureHashing.offsetBasis, suffix = FeatureHashing.offsetBasis
                for offset in 0..<length {
                    prefix = FeatureHashing.fnv(prefix, lowerBuffer[offset])
                    suffix = FeatureHashing.fnv(suffix, lowerBuffer[count - length + offset])
                }
                affixes.prefixes[index * lengths + slot] = prefix
                affixes.suffixes[index * lengths + slot] = suffix
            }
            if featureSet.useClusters { form.cluster = clusters.path(forLowerHash: folded) }
            forms[index] = form
        }
        // Whitespace-delimited chunks (`alpha-methyldopa`, `5-FU`): hash of the lower-cased tokens joined.
        var start = 0
        while start < tokens.count {
            var end = start + 1
            while end < tokens.count, tokens[end].attachedToPrevious { end += 1 }
            var chunk = FeatureHashing.offsetBasis, chunkShape = FeatureHashing.offsetBasis
            for index in start..<end {
                chunk = FeatureHashing.combine(chunk, forms[index].lower)
                chunkShape = FeatureHashing.combine(chunkShape, forms[index].shortShape)
            }
            for index in start..<end {
                forms[index].chunk = end - start > 1 ? chunk : 0
                forms[index].chunkShape = end - start > 1 ? chunkShape : 0
            }
            start = end
        }
        return (forms, affixes)
    }
}
