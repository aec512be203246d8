import Testing
@testable import ClinicalNLP

@Suite struct TokenizerTests {
    let tokenizer = Tokenizer()

    @Test func splitsNumbersFromUnitsAndKeepsClinicalForms() {
        let text = "Metformin 500mg PO b.i.d. s/p CABG, q4-6h prn"
        let tokens = tokenizer.tokenize(text)
        #expect(tokens.map(\.text) == ["Metformin", "500", "mg", "PO", "b.i.d.", "s/p", "CABG", ",", "q4-6h", "prn"])
        #expect(tokens.map(\.kind) == [.word, .number, .word, .word, .abbreviation, .word, .word, .punctuation, .code, .word])
        #expect(tokens[1].range == 10..<13)
        #expect(tokens[2].range == 13..<15)
        #expect(tokens[4].normalized == "bid")
        #expect(tokens[4].range == 19..<25)
        #expect(tokens[8].range == 36..<41)
    }

    @Test func decimalsDatesTimesAndThousands() {
        let text = "0.5 mg on 01/02/2020 at 10:30, WBC 1,200 and 2020-03-04; .25 ml"
        let tokens = tokenizer.tokenize(text)
        #expect(tokens.map(\.text) == ["0.5", "mg", "on", "01/02/2020", "at", "10:30", ",", "WBC", "1,200", "and",
                                       "2020-03-04", ";", ".25", "ml"])
        #expect(tokens[3].kind == .date && tokens[5].kind == .date && tokens[10].kind == .date)
        #expect(tokens[8].kind == .number && tokens[12].kind == .number)
        #expect(tokens[12].range == scalarRange(of: ".25", in: text))
    }

    @Test func hyphenatedTermsApostrophesAndSlashes() {
        let text = "follow-up x-ray COVID-19 Crohn's HTN/DM mg/dL w/o"
        let tokens = tokenizer.tokenize(text)
        #expect(tokens.map(\.text) == ["follow-up", "x-ray", "COVID-19", "Crohn's", "HTN", "/", "DM", "mg/dL", "w/o"])
        #expect(tokens[7].normalized == "mg/dl")
    }

    @Test func sentenceFinalPeriodIsNotPartOfAbbreviationWord() {
        let tokens = tokenizer.tokenize("He has pain.")
        #expect(tokens.map(\.text) == ["He", "has", "pain", "."])
        #expect(tokens[3].kind == .punctuation)
    }

    @Test func offsetsStayInOriginalScalarsAfterNormalization() {
        // Curly quotes, an en dash, a zero-width space inside a word and a ligature.
        let text = "“Pain” – in\u{200B}creased ﬁbrosis 😀 ok"
        let tokens = tokenizer.tokenize(text)
        #expect(tokens.map(\.normalized) == ["\"", "pain", "\"", "-", "increased", "fibrosis", "😀", "ok"])
        let increased = tokens[4]
        #expect(increased.range == scalarRange(of: "in\u{200B}creased", in: text))
        #expect(increased.text == "in\u{200B}creased")
        let fibrosis = tokens[5]
        #expect(fibrosis.range == scalarRange(of: "ﬁbrosis", in: text))
        #expect(tokens[7].range == scalarRange(of: "ok", in: text))
    }

    @Test func ocrPipeBetweenLowercaseLettersReadsAsL() {
        let tokens = tokenizer.tokenize("b|ood | 3|4")
        #expect(tokens.map(\.normalized) == ["blood", "|", "3", "|", "4"])
        #expect(tokens[0].text == "b|ood")
    }
}
