import Testing
@testable import ClinicalNLP

/// The byte-keyed phrase table must answer exactly as the String-keyed `MedicationPhrases.phrases` does, and hand
/// back to the String path whatever it cannot decide bytewise.
@Suite struct MedicationPhraseTableTests {
    @Test func everyPhraseIsFoundWithItsEntry() {
        var checked = 0
        for (key, entry) in MedicationPhrases.phrases {
            withTokenReader(key) { reader in
                guard case .found(let kind, let value) = MedicationPhraseTable.shared.lookup(reader, 0..<reader.count) else {
                    // Only a key whose tokens do not re-join to itself (none today) may be missed here.
                    let joined = (0..<reader.count).map { reader.normalized($0) }.joined(separator: " ")
                    #expect(joined != key, "\(key) not found")
                    return
                }
                #expect(kind == entry.0 && value == entry.1, "\(key)")
                checked += 1
            }
        }
        #expect(checked >= 140)
    }

    @Test func otherTextIsAbsentOrUndecided() {
        withTokenReader("twice weekly by car") { reader in
            if case .absent = MedicationPhraseTable.shared.lookup(reader, 2..<4) {} else { Issue.record("by car") }
            if case .found(_, let value) = MedicationPhraseTable.shared.lookup(reader, 0..<2) {
                #expect(value == "twice weekly")
            } else {
                Issue.record("twice weekly")
            }
            if case .absent = MedicationPhraseTable.shared.lookup(reader, 0..<3) {} else { Issue.record("3 tokens") }
        }
        // A non-ASCII token is left to the String lookup.
        withTokenReader("caf\u{E9} daily") { reader in
            if case .undecided = MedicationPhraseTable.shared.lookup(reader, 0..<2) {} else { Issue.record("non-ASCII") }
        }
        // So is a key longer than the scratch.
        let long = String(repeating: "x", count: MedicationPhraseTable.maximumKeyBytes + 1)
        withTokenReader(long) { reader in
            if case .undecided = MedicationPhraseTable.shared.lookup(reader, 0..<1) {} else { Issue.record("long key") }
        }
    }
}
