import Testing
@testable import ClinicalNLP

/// The fast paths of text handling (UTF-8 decoding, the plain-ASCII normalizer shortcut, table Strings for
/// one-character tokens, pointer-based scanning) on inputs that leave the ASCII fast paths.
@Suite struct ScalarTokenizerTests {
    let tokenizer = Tokenizer()

    @Test func scalarsDecodedFromUTF8MatchTheUnicodeScalarView() {
        for text in ["", "a", "plain ASCII note.\r\n", "naïve café Ñandú", "😀👍🏽 e\u{301} 中文 \u{10FFFF}", "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}"] {
            #expect(ScalarClass.scalars(of: text) == Array(text.unicodeScalars))
            let scalars = Array(text.unicodeScalars)
            #expect(ScalarClass.string(scalars[...]) == text)
        }
    }

    @Test func plainASCIIIsNotCopiedAndAnythingElseTakesTheFullNormalizer() {
        let plain = Array("Pain 7/10.\r\n\tBP 120/80".unicodeScalars)
        let n = TextNormalizer().normalize(plain)
        #expect(n.scalars == plain && n.isOffsetPreserving)
        // A pipe between lower-case letters is an OCR l; DEL and other controls become spaces.
        #expect(String(String.UnicodeScalarView(TextNormalizer().normalize(Array("b|ood\u{7F}x\u{01}".unicodeScalars)).scalars)) == "blood\u{7F}x ")
    }

    @Test func offsetsCountScalarsNotGraphemesWithEmojiAndCombiningMarks() {
        // "e\u{301}" is one grapheme but two scalars; "👍🏽" is one grapheme, two scalars. A combining mark is not a
        // letter, so it stands alone as a symbol (as it always did); offsets count scalars throughout.
        let text = "Cafe\u{301} 👍🏽 pain, naïve HTN."
        let tokens = tokenizer.tokenize(text)
        #expect(tokens.map(\.text) == ["Cafe", "\u{301}", "👍", "🏽", "pain", ",", "naïve", "HTN", "."])
        #expect(tokens.map(\.normalized) == ["cafe", "\u{301}", "👍", "🏽", "pain", ",", "naïve", "htn", "."])
        #expect(tokens.map(\.kind) == [.word, .symbol, .symbol, .symbol, .word, .punctuation, .word, .word, .punctuation])
        #expect(tokens[0].range == 0..<4 && tokens[1].range == 4..<5)
        #expect(tokens[2].range == 6..<7 && tokens[3].range == 7..<8)
        #expect(tokens[4].range == scalarRange(of: "pain", in: text))
        #expect(tokens[6].range == scalarRange(of: "naïve", in: text))
        #expect(tokens[8].range == 24..<25)
    }

    @Test func crlfAndOneCharacterTokens() {
        let text = "BP:\r\n120/80 ; X\r\nq4h"
        let tokens = tokenizer.tokenize(text)
        #expect(tokens.map(\.text) == ["BP", ":", "120", "/", "80", ";", "X", "q4h"])
        #expect(tokens.map(\.normalized) == ["bp", ":", "120", "/", "80", ";", "x", "q4h"])
        #expect(tokens.map(\.kind) == [.word, .punctuation, .number, .symbol, .number, .punctuation, .word, .code])
        #expect(tokens[6].range == 14..<15)
        // A one-character token that normalization changed keeps its original text.
        let quoted = tokenizer.tokenize("’x’")
        #expect(quoted.map(\.text) == ["’", "x", "’"] && quoted.map(\.normalized) == ["'", "x", "'"])
        // Full-width letters fold to ASCII but keep their text.
        let wide = tokenizer.tokenize("Ａ")
        #expect(wide.map(\.text) == ["Ａ"] && wide.map(\.normalized) == ["a"])
    }

    @Test func sentencesAcrossCRLFAndUnicodePunctuation() {
        let text = "Pain.\r\nNo fever…\r\n\r\nPlan: rest"
        let tokens = tokenizer.tokenize(text)
        let scalars = Array(text.unicodeScalars)
        let sentences = SentenceSplitter().split(tokens: tokens, scalars: scalars)
        #expect(sentences.map { ScalarClass.string(scalars[$0.range]) } == ["Pain.", "No fever…", "Plan:", "rest"]
                || sentences.map { ScalarClass.string(scalars[$0.range]) } == ["Pain.", "No fever…", "Plan: rest"])
    }
}
