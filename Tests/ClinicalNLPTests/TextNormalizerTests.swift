import Testing
@testable import ClinicalNLP

@Suite struct TextNormalizerTests {
    @Test func oneToOneReplacementsKeepOffsetsWithoutAMap() {
        let original = Array("a\u{00A0}b‘c’—d".unicodeScalars)
        let normalized = TextNormalizer().normalize(original)
        #expect(normalized.isOffsetPreserving)
        #expect(String(String.UnicodeScalarView(normalized.scalars)) == "a b'c'-d")
    }

    @Test func deletionsAndExpansionsMapBackToOriginal() {
        let original = Array("x\u{00AD}y ﬂu".unicodeScalars)  // soft hyphen deleted, ligature expanded
        let normalized = TextNormalizer().normalize(original)
        #expect(!normalized.isOffsetPreserving)
        #expect(String(String.UnicodeScalarView(normalized.scalars)) == "xy flu")
        #expect(normalized.originalRange(0..<2) == 0..<3)   // "x\u{AD}y"
        #expect(normalized.originalRange(3..<6) == 4..<6)   // "ﬂu"
        #expect(normalized.originalRange(3..<4) == 4..<5)   // half a ligature maps to the whole ligature
        #expect(normalized.normalizedOffset(4) == 3)
    }

    @Test func controlCharactersBecomeSpaces() {
        let normalized = TextNormalizer().normalize(Array("a\u{0}b\u{7}c\u{FFFD}".unicodeScalars))
        #expect(String(String.UnicodeScalarView(normalized.scalars)) == "a b c\u{FFFD}")
    }
}
