import Testing
@testable import ClinicalNLP

/// The byte-table pre-filter of the abbreviation detector must rule out ordinary words and keep every surface.
@Suite struct AbbreviationFilterTests {
    @Test func byteTableHoldsExactlyTheLexiconSurfaces() throws {
        let lexicon = try AbbreviationLexicon.loadDefault()
        let detector = AbbreviationDetector(lexicon: lexicon)
        let table = try #require(detector.asciiSurfaces)
        #expect(table.count == lexicon.count)
        for surface in lexicon.byLowercase.keys {
            #expect(Array(surface.utf8).withUnsafeBufferPointer { table.id(of: $0) } >= 0)
        }
        for word in ["the", "patient", "denies", "pain", "and"] {
            #expect(Array(word.utf8).withUnsafeBufferPointer { table.id(of: $0) } < 0, "\(word)")
        }
        let small = "the"
        #expect(small.utf8.withContiguousStorageIfAvailable { $0.count } == 3)
    }
}
