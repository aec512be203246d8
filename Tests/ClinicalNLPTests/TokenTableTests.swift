import Testing
@testable import ClinicalNLP

/// The compact token table the pipeline reads instead of `[Token]`: exact ranges and byte offsets, the public
/// tokens materialized from it, and the String-semantics comparisons its readers use.
@Suite struct TokenTableTests {
    let tokenizer = Tokenizer()

    private func table(_ text: String) -> (TokenTable, [Unicode.Scalar]) {
        let scalars = Array(text.unicodeScalars)
        return (tokenizer.table(tokenizer.normalizer.normalize(scalars)), scalars)
    }

    @Test func rangesKindsAndNormalizedBytesAreExact() {
        let (t, scalars) = table("Pt takes 500mg b.i.d. for HTN")
        #expect(t.count == 7)
        #expect(t.tokens.map(\.range) == [0..<2, 3..<8, 9..<12, 12..<14, 15..<21, 22..<25, 26..<29])
        #expect(t.tokens.map(\.kind) == [.word, .word, .number, .word, .abbreviation, .word, .word])
        // Normalized forms back to back: "pt" "takes" "500" "mg" "bid" "for" "htn".
        #expect(t.tokens.map { Int($0.keyStart)..<Int($0.keyEnd) } == [0..<2, 2..<7, 7..<10, 10..<12, 12..<15, 15..<18, 18..<21])
        #expect(String(decoding: t.bytes, as: UTF8.self) == "pttakes500mgbidforhtn")
        #expect((0..<t.count).map { t.normalized($0) } == ["pt", "takes", "500", "mg", "bid", "for", "htn"])
        t.withReader(original: scalars) { r in
            #expect(r.text(4) == "b.i.d." && r.text(6) == "HTN")
            #expect(r[4].length == 6 && r[4].normalizedCount == 3)
        }
    }

    @Test func nonASCIIAndNormalizedOffsetsMapToTheOriginal() {
        // The zero-width space is dropped by the normalizer, so normalized and original offsets differ after it;
        // "É" lower-cases to two UTF-8 bytes.
        let text = "ÉCHO\u{200B} naïve 👍"
        let (t, scalars) = table(text)
        #expect(t.tokens.map(\.range) == [0..<4, 6..<11, 12..<13])
        #expect(t.tokens.map { Int($0.keyEnd - $0.keyStart) } == [5, 6, 4])
        #expect((0..<t.count).map { t.normalized($0) } == ["écho", "naïve", "👍"])
        t.withReader(original: scalars) { r in
            #expect(r.text(0) == "ÉCHO" && r.text(2) == "👍")
        }
    }

    @Test func materializedTokensEqualTheTableAndRoundTrip() {
        let text = "HPI: 68 yo M w/ HTN, T2DM s/p CABG 01/02/2020; metoprolol 25 mg p.o. q4-6h PRN.\r\n• Café\u{301} x2 – ok"
        let (t, scalars) = table(text)
        let tokens = t.materialize(original: scalars)
        #expect(tokens == tokenizer.tokenize(text))
        #expect(tokens.count == t.count)
        for (i, token) in tokens.enumerated() {
            #expect(token.range == t.tokens[i].range && token.kind == t.tokens[i].kind && token.normalized == t.normalized(i))
            #expect(token.text == String(String.UnicodeScalarView(scalars[token.range])))
        }
        // A table built from public tokens holds the same entries.
        let rebuilt = TokenTable(tokens)
        #expect(rebuilt.tokens == t.tokens && rebuilt.bytes == t.bytes)
    }

    @Test func comparisonsKeepStringSemantics() {
        // U+037E GREEK QUESTION MARK is canonically equivalent to ";" (as a String), though its bytes differ.
        let scalars = Array("a ; \u{037E} - to TO".unicodeScalars)
        let t = tokenizer.table(tokenizer.normalizer.normalize(scalars))
        t.withReader(original: scalars) { r in
            #expect(r.count == 6)
            #expect(r.textIs(1, ";") && r.normalizedIs(1, ";"))
            #expect(r.textIs(2, ";") == (r.text(2) == ";"))
            #expect(r.normalizedIs(2, ";") == (r.normalized(2) == ";"))
            #expect(r.normalizedIs(3, "-") && !r.normalizedIs(3, "to"))
            #expect(r.normalizedIs(4, "to") && r.normalizedIs(5, "to") && !r.textIs(5, "to") && r.textIs(5, "TO"))
            #expect(!r.normalizedIs(0, "ab") && !r.textIs(0, ""))
        }
    }

    @Test func emptyTextGivesAnEmptyTable() {
        let (t, scalars) = table("  \n\t ")
        #expect(t.count == 0 && t.bytes.isEmpty && t.materialize(original: scalars).isEmpty)
    }

    @Test func expandingLowerCaseGrowsTheByteBuffer() {
        // 300 Greek capitals: 300 scalars, 600 bytes lower-cased (more than the n + 64 bytes reserved up front);
        // "İ" lower-cases to two scalars (3 bytes).
        let greek = String(repeating: "Ω", count: 300)
        let text = "pain \(greek) İSTANBUL ok"
        let (t, scalars) = table(text)
        #expect(t.count == 4)
        #expect(t.tokens.map(\.range) == [0..<4, 5..<305, 306..<314, 315..<317])
        #expect(t.normalized(1) == String(repeating: "ω", count: 300) && t.normalized(1).utf8.count == 600)
        #expect(t.normalized(2) == "i\u{307}stanbul" && t.normalized(3) == "ok")
        #expect(t.bytes.count == 4 + 600 + 10 + 2)
        #expect(t.materialize(original: scalars).map(\.normalized) == ["pain", String(repeating: "ω", count: 300), "i\u{307}stanbul", "ok"])
    }

    @Test func singleKeyTokensHaveExactlyTheirBytesAsKey() {
        let text = "Diabetes mellitus type 2 follow-up patient's knees was glass is 500 mg b.i.d. q4-6h 01/02/2020 - + % , ( HTN"
        let (t, scalars) = table(text)
        var keys = MatchKeyBuffer()
        var single = 0
        t.withReader(original: scalars) { r in
            for i in 0..<r.count {
                keys.removeAll()
                let barrier = !MatchKey.appendKeys(kind: r.kind(i), normalized: r.normalizedBytes(i), to: &keys)
                if MatchKey.isSingleKey(r[i], normalized: r.normalizedBytes(i)) {
                    single += 1
                    #expect(!barrier && keys.keyCount == 1 && Array(keys.key(0)) == Array(r.normalizedBytes(i)), "\(r.text(i))")
                }
            }
        }
        // Hyphenated, apostrophe and 4+ letter "s" words (stemmed) take the general path.
        #expect(!t.withReader(original: scalars) { r in (0..<r.count).contains { r.text($0) == "follow-up" && MatchKey.isSingleKey(r[$0], normalized: r.normalizedBytes($0)) } })
        // type, 2, was, is, 500, mg, b.i.d., q4-6h, the date, HTN.
        #expect(single == 10)
    }

    @Test func hashAndFlagsDescribeTheNormalizedBytes() {
        let (t, scalars) = table("follow-up patient's naïve HTN b.i.d. Ω")
        t.withReader(original: scalars) { r in
            #expect(r.count == 6)
            for i in 0..<r.count {
                #expect(r[i].hash == KeyTable.hash(r.normalizedBytes(i)), "\(r.text(i))")
            }
            #expect(r[0].flags == CompactToken.Flags.separator && r[1].flags == CompactToken.Flags.separator)
            #expect(r[2].flags == CompactToken.Flags.nonASCII && !r[2].isASCII && !r[5].isASCII)
            #expect(r[3].flags == 0 && r[4].flags == 0 && r[3].isASCII)
        }
        // A table rebuilt from public tokens computes the same hashes and flags.
        #expect(TokenTable(t.materialize(original: scalars)).tokens == t.tokens)
    }
}
