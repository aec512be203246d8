import Testing
@testable import ClinicalNLP

@Suite struct DictionaryMatcherTests {
    func analyzed(_ text: String) -> AnalyzedText {
        let tokens = Tokenizer().tokenize(text)
        let scalars = Array(text.unicodeScalars)
        let sentences = SentenceSplitter().split(tokens: tokens, scalars: scalars)
        return AnalyzedText(text: text, scalars: scalars, tokens: tokens, sentences: sentences, sections: [])
    }

    func matches(_ text: String, _ matcher: DictionaryMatcher) -> [Mention] {
        matcher.detectMentions(in: analyzed(text))
    }

    @Test func longestMatchWithExactOffsets() {
        let matcher = DictionaryMatcher(lexicon: sampleLexicon())
        let text = "Hx of chronic kidney disease stage 3 and type 2 diabetes mellitus."
        let found = matches(text, matcher)
        #expect(found.map(\.text) == ["chronic kidney disease stage 3", "type 2 diabetes mellitus"])
        #expect(found[0].range == 6..<36)
        #expect(found[1].range == 41..<65)
        #expect(found[1].conceptKey == "P1" && found[1].label == .problem && found[1].source == "test")
    }

    @Test func caseAndPunctuationInsensitive() {
        let matcher = DictionaryMatcher(lexicon: sampleLexicon())
        let found = matches("CHEST PAIN; crohns disease; Follow up visit; chest-x-ray; Hemoglobin A1C", matcher)
        #expect(found.map(\.conceptKey) == ["P3", "P9", "X3", "X2", "L0"])
    }

    @Test func inflectionsAndSemanticTags() {
        let matcher = DictionaryMatcher(lexicon: sampleLexicon())
        let found = matches("Multiple ulcers, seasonal allergies, asthma.", matcher)
        #expect(found.map(\.text) == ["ulcers", "allergies", "asthma"])
        #expect(found[2].conceptKey == "P6")
    }

    @Test func punctuationIsABarrierAndPartialWordsNeverMatch() {
        let matcher = DictionaryMatcher(lexicon: sampleLexicon())
        #expect(matches("chest, pain", matcher).isEmpty)
        #expect(matches("painful hypertensive", matcher).isEmpty)
        // "x-ray" alone is part of a hyphenated token; the term "chest x-ray" needs "chest".
        #expect(matches("x-ray", matcher).isEmpty)
    }

    @Test func approximateMatchingSnapsTyposOnlyWhenEnabled() {
        let exact = DictionaryMatcher(lexicon: sampleLexicon())
        #expect(matches("history of hypertenson and pnuemonia", exact).isEmpty)
        let fuzzy = DictionaryMatcher(lexicon: sampleLexicon(), options: .init(approximate: true))
        let found = matches("history of hypertenson and pnuemonia", fuzzy)
        #expect(found.map(\.text) == ["hypertenson", "pnuemonia"])
        #expect(found.map(\.conceptKey) == ["P0", "P5"])
        #expect(found.allSatisfy { $0.score < 1 && $0.score >= 0.8 })
        #expect(found[0].preferredText == "hypertension")
        // Common words are never bent into terms.
        #expect(matches("patient", fuzzy).isEmpty)
    }

    @Test func firstEntryWinsAndLabelConflictsAreMarkedAmbiguous() {
        var lexicon = Lexicon()
        lexicon.add(term: "cold", label: .problem, conceptKey: "A", source: "one")
        lexicon.add(term: "Cold", label: .medication, conceptKey: "B", source: "two")
        lexicon.add(term: "fever", label: .problem, conceptKey: "C", source: "one")
        lexicon.add(term: "fevers", label: .problem, conceptKey: "D", source: "two")
        let found = matches("cold and fever", DictionaryMatcher(lexicon: lexicon))
        #expect(found.map(\.conceptKey) == ["A", "C"])
        #expect(found[0].ambiguous && !found[1].ambiguous)
    }

    @Test func omopDomainsMapToLabels() {
        #expect(Lexicon.label(forOMOPDomain: "Condition") == .problem)
        #expect(Lexicon.label(forOMOPDomain: "Observation") == .problem)
        #expect(Lexicon.label(forOMOPDomain: "Drug") == .medication)
        #expect(Lexicon.label(forOMOPDomain: "Procedure") == .procedure)
        #expect(Lexicon.label(forOMOPDomain: "Measurement") == .labTest)
        #expect(Lexicon.label(forOMOPDomain: "Unit") == nil)
        #expect(Lexicon.label(named: "TEST") == .labTest)
    }

    @Test func userTermFilesAreValidated() throws {
        let lexicon = try Lexicon.parse(tsv: "# term\tcategory\nabdominal pain\tPROBLEM\nCBC\tTEST\t42\n", file: "terms.tsv")
        #expect(lexicon.entries.map(\.label) == [.problem, .labTest])
        #expect(lexicon.entries[1].conceptKey == "42")
        #expect(throws: ResourceFileError.self) { try Lexicon.parse(tsv: "pain\n", file: "t.tsv") }
        do {
            _ = try Lexicon.parse(tsv: "pain\tPROBLEM\nfoo\tGIBBERISH\n", file: "t.tsv")
            Issue.record("expected failure")
        } catch let error as ResourceFileError {
            #expect(error.line == 2 && error.code == .unknownValue)
        }
    }

    /// A million generated terms: the trie must still find exactly the right terms (speed is benchmarked in
    /// nlp-bench, not here).
    @Test func worksWithAMillionTerms() {
        var lexicon = Lexicon()
        let syllables = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "ve", "zu"]
        func word(_ n: Int) -> String {
            var n = n, text = ""
            for _ in 0..<4 { text += syllables[n % 10]; n /= 10 }
            return text
        }
        for i in 0..<1_000_000 {
            lexicon.add(term: "\(word(i % 10_000)) \(word(i / 100))", label: .problem, conceptKey: String(i), source: "gen")
        }
        lexicon.add(term: "chest pain", label: .problem, conceptKey: "cp", source: "real")
        let matcher = DictionaryMatcher(lexicon: lexicon)
        #expect(matcher.termCount == 1_000_001)
        let i = 123_456
        let text = "Noted \(word(i % 10_000)) \(word(i / 100)) and chest pain today."
        let found = matches(text, matcher)
        #expect(found.map(\.conceptKey) == [String(i), "cp"])
    }
}
