import Testing
@testable import ClinicalNLP

/// The low-level structures behind the dictionary matcher: the byte-key table, the edge table and byte match keys.
@Suite struct MatchTablesTests {
    @Test func keyTableFindsExactlyTheInsertedKeys() {
        var table = KeyTable()
        let words = (0..<5_000).map { "w\($0)x" } + ["", "a", "é", "mg/dl", "hypertension"]
        for (i, w) in words.enumerated() {
            let bytes = Array(w.utf8)
            bytes.withUnsafeBufferPointer { _ = table.insert($0, id: Int32(i)) }
        }
        #expect(table.count == words.count)
        for (i, w) in words.enumerated() {
            #expect(Array(w.utf8).withUnsafeBufferPointer { table.id(of: $0) } == Int32(i))
        }
        // Absent keys, including prefixes/extensions of present ones.
        for w in ["w5000x", "w1", "w12x ", "hypertensio", "hypertensions", "E"] {
            #expect(Array(w.utf8).withUnsafeBufferPointer { table.id(of: $0) } == -1)
        }
        // Re-inserting keeps the first id.
        let again = Array("a".utf8).withUnsafeBufferPointer { table.insert($0, id: 99) }
        #expect(again == Int32(words.firstIndex(of: "a")!))
    }

    @Test func keyTableVerifiesBytesNotOnlyHashes() {
        // Same length and hash bucket pressure: a tiny table forces long probe chains over equal-length keys.
        var table = KeyTable(minimumCapacity: 1)
        let keys = ["ab", "ba", "aa", "bb"]
        for (i, k) in keys.prefix(2).enumerated() { Array(k.utf8).withUnsafeBufferPointer { _ = table.insert($0, id: Int32(i)) } }
        #expect(Array("ab".utf8).withUnsafeBufferPointer { table.id(of: $0) } == 0)
        #expect(Array("ba".utf8).withUnsafeBufferPointer { table.id(of: $0) } == 1)
        #expect(Array("aa".utf8).withUnsafeBufferPointer { table.id(of: $0) } == -1)
    }

    @Test func edgeTableGrowsAndKeepsValues() {
        var table = EdgeTable()
        for node in 0..<300 as Range<UInt64> {
            for key in 0..<20 as Range<UInt64> { table.insert(node << 32 | key, Int32(truncatingIfNeeded: node * 20 + key)) }
        }
        #expect(table.count == 6_000)
        #expect(table.value(for: 299 << 32 | 19) == Int32(5_999))
        #expect(table.value(for: 0) == 0)
        #expect(table.value(for: 300 << 32) == nil)
        #expect(table.value(for: 5 << 32 | 20) == nil)
        table.insert(5 << 32 | 3, -7)
        #expect(table.value(for: 5 << 32 | 3) == -7)
        #expect(table.count == 6_000)
    }

    /// The byte keys must be exactly the String keys (`appendUnits` + `stem`) for every kind of token.
    @Test func byteKeysEqualStringKeys() {
        let text = """
            Ulcers, allergies and diagnoses; classes boxes matches wishes abscess virus axis's Crohn's follow-up \
            x-ray-s s/p b.i.d. q4-6h 500mg 1,000 01/02/2020 COVID-19 & + % - naïve cafés Ñandúes 😀 héllo-wörlds \
            don't T2DM mg/dL tuberculoses gases ies bus yes ss sses
            """
        let tokens = Tokenizer().tokenize(text)
        for (index, token) in tokens.enumerated() {
            var units = [MatchKey.Unit]()
            var keys = MatchKeyBuffer()
            let stringBarrier = MatchKey.appendUnits(of: token, tokenIndex: index, to: &units)
            let byteBarrier = MatchKey.appendKeys(of: token, to: &keys)
            #expect(stringBarrier == byteBarrier, "barrier of \(token.text)")
            let byteKeys = (0..<keys.keyCount).map { String(decoding: keys.key($0), as: UTF8.self) }
            #expect(byteKeys == units.map(\.key), "keys of \(token.text)")
        }
    }

    @Test func stemmerOnBytes() {
        for (word, stem) in [("ulcers", "ulcer"), ("allergies", "allergy"), ("diagnoses", "diagnosis"),
                             ("abscess", "abscess"), ("boxes", "box"), ("virus", "virus"), ("pies", "pie"),
                             ("cats", "cat"), ("gas", "gas"), ("naïves", "naïves")] {
            var bytes = Array("xx".utf8) + Array(word.utf8)
            MatchKey.stem(&bytes, from: 2)
            #expect(String(decoding: bytes.dropFirst(2), as: UTF8.self) == stem)
            #expect(MatchKey.stem(word) == stem)
        }
    }
}
