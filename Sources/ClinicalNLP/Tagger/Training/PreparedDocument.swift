import Foundation

/// A document turned into what the learner needs: tokens, hashed features, gold tags and decoding sequences.
struct PreparedDocument: Sendable {
    var tokens: [TaggerToken]
    var features: FeatureMatrix
    var gold: [Int]
    var sequences: [Range<Int>]
    var alignment: AlignmentReport

    static func prepare(_ document: AnnotatedDocument, tagSet: TagSet, extractor: FeatureExtractor,
                        context: TokenContextProvider?) -> PreparedDocument {
        let scalars = document.scalars
        let tokens = TaggerTokenizer.tokenize(scalars)
        let (gold, alignment) = BILOUEncoder.encode(document, tokens: tokens, tagSet: tagSet)
        let features = extractor.extract(scalars: scalars, tokens: tokens, context: context?(scalars, tokens))
        // Never cut a sequence inside a gold entity.
        let sequences = TaggerTokenizer.sequences(tokens, scalars: scalars) { index in
            let position = tagSet.position(of: gold[index])
            return position == .inside || position == .last
        }
        return PreparedDocument(tokens: tokens, features: features, gold: gold, sequences: sequences, alignment: alignment)
    }

    /// Prepares many documents on `threads` threads; results keep the input order.
    static func prepareAll(_ documents: [AnnotatedDocument], tagSet: TagSet, extractor: FeatureExtractor,
                           context: TokenContextProvider?, threads: Int) -> [PreparedDocument] {
        ParallelMap.map(documents, threads: threads) { prepare($0, tagSet: tagSet, extractor: extractor, context: context) }
    }
}

/// Order-preserving parallel map over a fixed number of threads (the machine has two cores; callers cap it).
enum ParallelMap {
    static func map<Input: Sendable, Output: Sendable>(_ inputs: [Input], threads: Int,
                                                       _ transform: @Sendable (Input) -> Output) -> [Output] {
        let workers = max(1, min(threads, inputs.count))
        if workers == 1 { return inputs.map(transform) }
        let results = ResultSlots<Output>(count: inputs.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < inputs.count {
                results.set(index, transform(inputs[index]))
                index += workers
            }
        }
        return results.values()
    }
}

/// Write-once slots filled from several threads; each index is written by exactly one worker.
final class ResultSlots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Value) {
        lock.lock(); storage[index] = value; lock.unlock()
    }
    func values() -> [Value] { storage.map { $0! } }
}
