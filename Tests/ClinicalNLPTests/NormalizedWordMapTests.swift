import Testing
@testable import ClinicalNLP

/// Looking a token up by its bytes must give exactly what the String-keyed Dictionary gives.
@Suite struct NormalizedWordMapTests {
    @Test func medicationTablesAnswerLikeTheirDictionaries() {
        let maps: [NormalizedWordMap<String>] = [MedicationPhrases.strengthUnitMap, MedicationPhrases.formMap,
                                                 MedicationPhrases.countWordMap, MedicationPhrases.durationUnitMap,
                                                 MedicationPhrases.timeUnitMap]
        var found = 0
        for map in maps {
            let words = map.strings.keys.sorted() + ["patient", "tablets.", "MG", "Tabs", "µg", "\u{D7}", "hours"]
            withTokenReader(words.joined(separator: " ")) { reader in
                for i in 0..<reader.count {
                    let expected = map[reader.normalized(i)]
                    #expect(map.value(reader, i) == expected, "\(reader.normalized(i))")
                    if expected != nil { found += 1 }
                }
            }
        }
        #expect(found > 100)
    }

    @Test func keysThatComposeToASCIIAreFoundFromASCIIBytes() {
        // U+037E GREEK QUESTION MARK is canonically equivalent to ";": String equality says they are equal.
        let map = NormalizedWordMap(["\u{37E}": 7, "caf\u{E9}": 8])
        withTokenReader("a ; caf\u{E9} cafe") { reader in
            #expect(reader.normalized(1) == ";")
            #expect(map.value(reader, 1) == 7)
            #expect(map.value(reader, 2) == 8)
            #expect(map.value(reader, 3) == nil)
            #expect(map.value(reader, 0) == nil)
        }
    }
}
