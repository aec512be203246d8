extension TaggerModel {
    /// Best legal tag sequence for each token sequence, under the given weights (the trainer passes its current
    /// or averaged weights; the model passes its own).
    func decode(features: FeatureMatrix, sequences: [Range<Int>], weights: [Float], transitions: [Float]) -> [Int] {
        var tags = [Int](repeating: 0, count: features.tokenCount)
        var scratch = ViterbiScratch()
        for sequence in sequences where !sequence.isEmpty {
            decodeSequence(features: features, sequence: sequence, weights: weights, transitions: transitions,
                           scratch: &scratch, into: &tags)
        }
        return tags
    }

    func decodeSequence(features: FeatureMatrix, sequence: Range<Int>, weights: [Float], transitions: [Float],
                        scratch: inout ViterbiScratch, into tags: inout [Int]) {
        let count = tagSet.count
        let length = sequence.count
        scratch.prepare(length: length, tags: count)
        weights.withUnsafeBufferPointer { weights in
            features.indices.withUnsafeBufferPointer { indices in
                scratch.emissions.withUnsafeMutableBufferPointer { emissions in
                    for position in 0..<length {
                        let token = sequence.lowerBound + position
                        let row = position * count
                        for slot in Int(features.offsets[token])..<Int(features.offsets[token + 1]) {
                            let base = Int(indices[slot]) * count
                            for tag in 0..<count { emissions[row + tag] += weights[base + tag] }
                        }
                    }
                }
            }
        }
        // Forward pass with legal transitions only.
        for tag in 0..<count {
            scratch.scores[tag] = scratch.emissions[tag] + transitions[count * count + tag] + legal[count * count + tag]
        }
        for position in 1..<max(1, length) {
            let row = position * count, previousRow = (position - 1) * count
            for tag in 0..<count {
                var best = -Float.infinity, bestPrevious = 0
                for previous in 0..<count {
                    let score = scratch.scores[previousRow + previous] + transitions[previous * count + tag] + legal[previous * count + tag]
                    if score > best { best = score; bestPrevious = previous }
                }
                scratch.scores[row + tag] = best + scratch.emissions[row + tag]
                scratch.backPointers[row + tag] = bestPrevious
            }
        }
        var best = -Float.infinity, bestTag = 0
        let lastRow = (length - 1) * count
        for tag in 0..<count where scratch.scores[lastRow + tag] + legalEnd[tag] > best {
            best = scratch.scores[lastRow + tag] + legalEnd[tag]
            bestTag = tag
        }
        for position in stride(from: length - 1, through: 0, by: -1) {
            tags[sequence.lowerBound + position] = bestTag
            bestTag = scratch.backPointers[position * count + bestTag]
        }
    }
}

/// Reused buffers for Viterbi decoding.
struct ViterbiScratch {
    var emissions: [Float] = []
    var scores: [Float] = []
    var backPointers: [Int] = []

    mutating func prepare(length: Int, tags: Int) {
        let size = length * tags
        if emissions.count < size {
            emissions = [Float](repeating: 0, count: size)
            scores = [Float](repeating: 0, count: size)
            backPointers = [Int](repeating: 0, count: size)
        } else {
            for index in 0..<size { emissions[index] = 0 }
        }
    }
}
