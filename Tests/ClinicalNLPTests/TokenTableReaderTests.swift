import Testing
@testable import ClinicalNLP

/// `Reader.normalizedBytes(of:)` builds each token's bytes from the base address and the stored offsets: it must
/// give every token's `normalized` UTF-8, also for empty forms and for a table without any bytes.
@Suite struct TokenTableReaderTests {
    private func bytes(_ table: TokenTable, _ scalars: [Unicode.Scalar]) -> [[UInt8]] {
        table.withReader(original: scalars) { r in (0..<r.count).map { Array(r.normalizedBytes(of: r[$0])) } }
    }

    @Test func tokenizerTableBytesAreTheNormalizedForms() {
        let text = "Pt's BP 120/80, née Müller — ﬁne."
        let tokens = Tokenizer().tokenize(text)
        let table = TokenTable(tokens)
        #expect(bytes(table, Array(text.unicodeScalars)) == tokens.map { Array($0.normalized.utf8) })
    }

    @Test func emptyFormsAndAnEmptyByteBuffer() {
        let scalars = Array("ab cd".unicodeScalars)
        // Only empty normalized forms: the table holds no bytes at all.
        let empty = TokenTable([Token(range: 0..<2, text: "ab", normalized: "", kind: .word),
                                Token(range: 3..<5, text: "cd", normalized: "", kind: .word)])
        #expect(bytes(empty, scalars) == [[], []])
        let mixed = TokenTable([Token(range: 0..<2, text: "ab", normalized: "", kind: .word),
                                Token(range: 3..<5, text: "cd", normalized: "cd", kind: .word)])
        #expect(bytes(mixed, scalars) == [[], Array("cd".utf8)])
    }
}
