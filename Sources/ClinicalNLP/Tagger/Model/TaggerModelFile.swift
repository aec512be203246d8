import Foundation

/// Reads and writes model files.
///
/// Layout: line 1 is a JSON header (so `head -1 model.ngt` shows what a model is), then a binary payload, all
/// little-endian:
/// ```
/// {"format":"notegate-tagger","version":1,"labels":[...],"featureSet":{...},"metadata":{...},
///  "clusterCount":N,"nonzeroBuckets":M,"payloadBytes":B}\n
/// clusters:    N × (UInt64 word hash, UInt32 path bits, UInt8 path length)
/// transitions: (tags+1) × tags × Float32
/// weights:     M × (UInt32 bucket, tags × Float32)   — only buckets with a non-zero weight
/// ```
/// A file of another `version` is refused before the payload is read.
public enum TaggerModelFile {
    public static let formatName = "notegate-tagger"

    struct Header: Codable {
        var format: String
        var version: Int
        var labels: [String]
        var featureSet: FeatureSet
        var metadata: TaggerModelMetadata
        var clusterCount: Int
        var nonzeroBuckets: Int
        var payloadBytes: Int
    }

    public static func write(_ model: TaggerModel, to path: String) throws {
        do {
            try encode(model).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CorpusReadError(.unreadableFile, file: path, line: 0, "cannot write the model file", cause: "\(error.localizedDescription)")
        }
    }

    public static func read(path: String) throws -> TaggerModel {
        try decode(CorpusReader.readData(path), file: path)
    }

    public static func encode(_ model: TaggerModel) throws -> Data {
        let tagCount = model.tagSet.count
        var payload = Data()
        let clusters = model.clusters.paths.sorted { $0.key < $1.key }
        for (hash, path) in clusters {
            payload.appendLittleEndian(hash)
            payload.appendLittleEndian(path.bits)
            payload.append(path.length)
        }
        for value in model.transitions { payload.appendLittleEndian(value.bitPattern) }
        var nonzero = 0
        for bucket in 0..<model.featureSet.bucketCount {
            let base = bucket * tagCount
            guard (0..<tagCount).contains(where: { model.weights[base + $0] != 0 }) else { continue }
            nonzero += 1
            payload.appendLittleEndian(UInt32(bucket))
            for tag in 0..<tagCount { payload.appendLittleEndian(model.weights[base + tag].bitPattern) }
        }
        let header = Header(format: formatName, version: TaggerModel.formatVersion, labels: model.tagSet.labels,
                            featureSet: model.featureSet, metadata: model.metadata, clusterCount: clusters.count,
                            nonzeroBuckets: nonzero, payloadBytes: payload.count)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var data = try encoder.encode(header)
        data.append(0x0A)
        data.append(payload)
        return data
    }

    public static func decode(_ data: Data, file: String) throws -> TaggerModel {
        func malformed(_ message: String, line: Int = 1) -> CorpusReadError {
            CorpusReadError(.malformedModel, file: file, line: line, message)
        }
        guard let newline = data.firstIndex(of: 0x0A) else { throw malformed("not a NoteGate tagger model (no header line)") }
        let headerBytes = data[data.startIndex..<newline]
        // Check format and version before decoding the rest of the header, whose shape may differ between versions.
        guard let loose = try? JSONSerialization.jsonObject(with: headerBytes) as? [String: Any],
              loose["format"] as? String == formatName else {
            throw malformed("not a NoteGate tagger model (line 1 is not a \(formatName) header)")
        }
        guard let version = loose["version"] as? Int, version == TaggerModel.formatVersion else {
            throw CorpusReadError(.unsupportedModelVersion, file: file, line: 1,
                "model format version \(loose["version"].map { "\($0)" } ?? "missing") is not supported; this NoteGate reads version \(TaggerModel.formatVersion) (retrain the model with `notegate train`)")
        }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: headerBytes)
        } catch {
            throw malformed("the header is incomplete", line: 1)
        }
        let tagSet = TagSet(labels: header.labels)
        guard tagSet.labels == header.labels, header.featureSet.hashBits > 0, header.featureSet.hashBits <= 26 else {
            throw malformed("the header's labels or feature set are invalid")
        }
        var reader = ByteReader(data: data, offset: newline + 1)
        let tagCount = tagSet.count
        let expected = header.clusterCount * 13 + (tagCount + 1) * tagCount * 4 + header.nonzeroBuckets * (4 + tagCount * 4)
        guard reader.remaining == expected, header.payloadBytes == expected else {
            throw malformed("the payload is \(reader.remaining) bytes, the header announces \(expected) (truncated or corrupted file)")
        }
        var paths: [UInt64: WordClusters.Path] = [:]
        paths.reserveCapacity(header.clusterCount)
        for _ in 0..<header.clusterCount {
            let hash: UInt64 = reader.next()
            let bits: UInt32 = reader.next()
            let length: UInt8 = reader.next()
            paths[hash] = WordClusters.Path(bits: bits, length: length)
        }
        let transitions = (0..<((tagCount + 1) * tagCount)).map { _ in Float(bitPattern: reader.next()) }
        var weights = [Float](repeating: 0, count: header.featureSet.bucketCount * tagCount)
        for _ in 0..<header.nonzeroBuckets {
            let bucket = Int(reader.next() as UInt32)
            guard bucket < header.featureSet.bucketCount else { throw malformed("bucket \(bucket) out of range") }
            for tag in 0..<tagCount { weights[bucket * tagCount + tag] = Float(bitPattern: reader.next()) }
        }
        return TaggerModel(tagSet: tagSet, featureSet: header.featureSet, clusters: WordClusters(paths: paths),
                           weights: weights, transitions: transitions, metadata: header.metadata)
    }
}

extension Data {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}

/// Sequential little-endian reads; callers check the total length first.
struct ByteReader {
    let data: Data
    var offset: Int
    var remaining: Int { data.endIndex - offset }

    mutating func next<T: FixedWidthInteger>() -> T {
        var value: T = 0
        withUnsafeMutableBytes(of: &value) { buffer in
            data.copyBytes(to: buffer.bindMemory(to: UInt8.self), from: offset..<(offset + MemoryLayout<T>.size))
        }
        offset += MemoryLayout<T>.size
        return T(littleEndian: value)
    }
}
