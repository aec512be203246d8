/// `MedicationPhrases.phrases` keyed by the UTF-8 of the space-joined normalized tokens, looked up from the token
/// table's bytes: a candidate phrase of one to three tokens costs one hash probe instead of building and joining
/// Strings for a `Dictionary` lookup (which was half of the medication attribute time).
///
/// Byte equality is the Dictionary's String equality only for ASCII on both sides (a non-ASCII token can be
/// canonically equivalent to other text), so the table answers `undecided` for non-ASCII tokens, non-ASCII keys
/// or keys longer than its scratch, and the caller falls back to the String lookup.
struct MedicationPhraseTable: Sendable {
    enum Lookup {
        case found(MedicationAttribute.Kind, String)
        case absent
        case undecided
    }

    private let keys: KeyTable
    private let entries: [(kind: MedicationAttribute.Kind, value: String)]
    /// Longest key, in bytes, that the scratch can hold.
    static let maximumKeyBytes = 64

    static let shared = MedicationPhraseTable(MedicationPhrases.phrases)

    init(_ phrases: [String: (MedicationAttribute.Kind, String)]) {
        var keys = KeyTable(minimumCapacity: phrases.count)
        var entries: [(kind: MedicationAttribute.Kind, value: String)] = []
        // Sorted for a deterministic table; non-ASCII keys are left to the String path.
        for (key, entry) in phrases.sorted(by: { $0.key < $1.key })
        where key.utf8.allSatisfy({ $0 < 0x80 }) && key.utf8.count <= Self.maximumKeyBytes {
            Array(key.utf8).withUnsafeBufferPointer { _ = keys.insert($0, id: Int32(entries.count)) }
            entries.append((kind: entry.0, value: entry.1))
        }
        self.keys = keys
        self.entries = entries
        self.hasNonASCIIKeys = phrases.keys.contains { !$0.utf8.allSatisfy { $0 < 0x80 } || $0.utf8.count > Self.maximumKeyBytes }
    }

    /// True when some key could only be found by the String path: then `absent` is never answered.
    private let hasNonASCIIKeys: Bool

    /// The phrase formed by `tokens[range]` (normalized forms joined by single spaces).
    func lookup(_ tokens: TokenTable.Reader, _ range: Range<Int>) -> Lookup {
        if hasNonASCIIKeys { return .undecided }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.maximumKeyBytes) { scratch in
            var length = 0
            for k in range {
                let word = tokens.normalizedBytes(k)
                let needed = word.count + (k == range.lowerBound ? 0 : 1)
                guard length + needed <= Self.maximumKeyBytes else { return .undecided }
                if k != range.lowerBound {
                    scratch[length] = 0x20
                    length += 1
                }
                for b in word {
                    if b >= 0x80 { return .undecided }
                    scratch[length] = b
                    length += 1
                }
            }
            let id = keys.id(of: UnsafeBufferPointer(rebasing: scratch[0..<length]))
            guard id >= 0 else { return .absent }
            let entry = entries[Int(id)]
            return .found(entry.kind, entry.value)
        }
    }
}
