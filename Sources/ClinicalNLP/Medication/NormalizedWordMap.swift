import Foundation

/// A String-keyed word table that also answers from a token's normalized UTF-8, without building a String.
///
/// The medication extractor looks up several tokens per medication (units, forms, count words); building a String
/// and hashing it for each cost more than the rest of the extractor. ASCII tokens are answered from a byte table:
/// String equality is canonical equivalence, and an ASCII string equals a key exactly when the key's canonical
/// composition (NFC) is that same ASCII text, so the byte table holds the NFC form of every key that composes to
/// ASCII. Other tokens take the String lookup, so every answer is the `Dictionary`'s.
struct NormalizedWordMap<Value: Sendable>: Sendable {
    let strings: [String: Value]
    private let keys: KeyTable
    private let values: [Value]

    init(_ strings: [String: Value]) {
        var keys = KeyTable(minimumCapacity: strings.count)
        var values: [Value] = []
        // Sorted so that the table is the same in every process.
        for (key, value) in strings.sorted(by: { $0.key < $1.key }) {
            let composed = key.precomposedStringWithCanonicalMapping
            guard composed.utf8.allSatisfy({ $0 < 0x80 }) else { continue }
            Array(composed.utf8).withUnsafeBufferPointer { _ = keys.insert($0, id: Int32(values.count)) }
            values.append(value)
        }
        self.strings = strings
        self.keys = keys
        self.values = values
    }

    subscript(_ word: String) -> Value? { strings[word] }

    /// The value for token `i`'s normalized form.
    @inline(__always)
    func value(_ tokens: TokenTable.Reader, _ i: Int) -> Value? {
        let bytes = tokens.normalizedBytes(i)
        guard TokenTable.Reader.isASCII(bytes) else { return strings[String(decoding: bytes, as: UTF8.self)] }
        let id = keys.id(of: bytes, hash: tokens[i].hash)
        return id >= 0 ? values[Int(id)] : nil
    }
}
