import Testing
@testable import ClinicalNLP

@Suite struct SentenceSplitterTests {
    func sentences(_ text: String, headers: [Range<Int>] = []) -> [String] {
        let tokens = Tokenizer().tokenize(text)
        let scalars = Array(text.unicodeScalars)
        return SentenceSplitter().split(tokens: tokens, scalars: scalars, headers: headers).map {
            String(String.UnicodeScalarView(scalars[$0.range]))
        }
    }

    @Test func abbreviationPeriodsDoNotSplit() {
        #expect(sentences("Seen by Dr. Smith today. Takes metformin 500 mg p.o. b.i.d. with meals. BP 120/80.")
                == ["Seen by Dr. Smith today.", "Takes metformin 500 mg p.o. b.i.d. with meals.", "BP 120/80."])
    }

    @Test func decimalsAndInitialsDoNotSplit() {
        #expect(sentences("Temp 98.6 F. Referred to J. Smith for evaluation.")
                == ["Temp 98.6 F.", "Referred to J. Smith for evaluation."])
    }

    @Test func listItemsAndTemplateLinesSplit() {
        let text = "Plan:\n1. Start lisinopril 10 mg daily\n2. Recheck BMP\n- follow up in 2 weeks\n• Diet counseling"
        let header = scalarRange(of: "Plan:", in: text)
        #expect(sentences(text, headers: [header])
                == ["1. Start lisinopril 10 mg daily", "2. Recheck BMP", "follow up in 2 weeks", "Diet counseling"])
    }

    @Test func hardWrappedProseJoinsAndBlankLinesSplit() {
        let text = "The patient reports chest pain radiating to the\nleft arm for two days\n\nNo fever"
        #expect(sentences(text) == ["The patient reports chest pain radiating to the\nleft arm for two days", "No fever"])
    }

    @Test func lowerCaseStartAfterFullWordSplits() {
        #expect(sentences("ipratropium 50 mg twice daily. senna 5 mg at bedtime.")
                == ["ipratropium 50 mg twice daily.", "senna 5 mg at bedtime."])
    }

    @Test func headersAreExcludedFromSentences() {
        let text = "HPI: Pt denies pain. ROS: negative."
        let headers = [scalarRange(of: "HPI:", in: text), scalarRange(of: "ROS:", in: text)]
        #expect(sentences(text, headers: headers) == ["Pt denies pain.", "negative."])
    }
}
