import Testing
@testable import ClinicalNLP

/// Analyzes `target` (its first occurrence, or the occurrence after `after`) inside `note`, using the whole note
/// as the sentence unless `sentence` names a part of it.
private func assertion(_ target: String, in note: String, sentence: String? = nil,
                       section: SectionCategory? = nil) throws -> Assertion {
    let analyzer = try AssertionAnalyzer.loadDefault()
    let scalars = Array(note.unicodeScalars)
    let sentenceRange = try sentence.map { try #require(scalarRange(of: $0, in: scalars)) } ?? 0..<scalars.count
    let targetRange = try #require(scalarRange(of: target, in: scalars, from: sentenceRange.lowerBound))
    return analyzer.analyze(text: scalars, sentence: sentenceRange, targets: [targetRange], section: section)[0]
}

func scalarRange(of needle: String, in haystack: [Unicode.Scalar], from start: Int = 0) -> Range<Int>? {
    let needle = Array(needle.unicodeScalars)
    guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
    for index in start...(haystack.count - needle.count) where Array(haystack[index..<index + needle.count]) == needle {
        return index..<index + needle.count
    }
    return nil
}

@Suite("AssertionAnalyzer: negation")
struct AssertionNegationTests {
    @Test func forwardTriggers() throws {
        #expect(try assertion("chest pain", in: "Patient denies chest pain or palpitations.").negated)
        #expect(try assertion("edema", in: "Extremities: no cyanosis, clubbing or edema.").negated)
        #expect(try assertion("pneumothorax", in: "Chest x-ray negative for pneumothorax.").negated)
        #expect(try assertion("acute distress", in: "She is not in any acute distress.").negated)
        #expect(try assertion("murmurs", in: "Regular rate and rhythm without murmurs, rubs or gallops.").negated)
    }

    @Test func backwardTriggers() throws {
        #expect(try assertion("Pulmonary embolism", in: "Pulmonary embolism was ruled out by CT angiogram.").negated)
        #expect(try assertion("Pedal pulses", in: "Pedal pulses are absent bilaterally.").negated)
        #expect(try assertion("Her rash", in: "Her rash has resolved.").negated)
    }

    @Test func longListsStayInScope() throws {
        let note = "He denies fever, chills, night sweats, weight loss, nausea, vomiting, diarrhea or dysuria."
        #expect(try assertion("dysuria", in: note).negated)
    }

    @Test func pseudoTriggersDoNotNegate() throws {
        #expect(try !assertion("pleural effusion", in: "No increase in the size of the left pleural effusion.").negated)
        #expect(try !assertion("rods", in: "Blood culture grew gram negative rods.").negated)
        #expect(try !assertion("fever", in: "Not only fever but also a productive cough.").negated)
        #expect(try !assertion("infiltrate", in: "No change in the right lower lobe infiltrate.").negated)
        #expect(try !assertion("Hemoptysis", in: "Hemoptysis, not certain if related to anticoagulation.").negated)
    }

    @Test func terminationsEndTheScope() throws {
        let note = "No fever but reports a productive cough."
        #expect(try assertion("fever", in: note).negated)
        #expect(try !assertion("productive cough", in: note).negated)
        #expect(try !assertion("mild tenderness", in: "No guarding; however, mild tenderness in the RLQ.").negated)
        #expect(try !assertion("hypertension", in: "Denies chest pain aside from hypertension treated by his PCP.").negated)
    }

    @Test func windowLimitsTheScope() throws {
        // Twelve words after the cue are in scope, the thirteenth is not.
        let near = "No one two three four five six seven eight nine ten eleven pneumonia."
        let far = "No one two three four five six seven eight nine ten eleven twelve pneumonia."
        #expect(try assertion("pneumonia", in: near).negated)
        #expect(try !assertion("pneumonia", in: far).negated)
    }

    @Test func aPeriodInsideTheRangeEndsTheScope() throws {
        #expect(try !assertion("Cough", in: "No fever. Cough is productive.").negated)
        // Abbreviation and initial periods do not end it.
        #expect(try assertion("dizziness", in: "Denies headache per Dr. Jones or dizziness.").negated)
        #expect(try assertion("rash", in: "No itching, e.g. rash.").negated)
        #expect(try !assertion("alcohol", in: "Drinks alcohol.,MEDICATIONS:, None.").negated)
    }

    @Test func aCueInsideTheTargetDoesNotFlipIt() throws {
        let note = "Oral mucosa moist with no erythema."
        #expect(try assertion("mucosa moist", in: note) == .affirmed)
        #expect(try assertion("mucosa moist with no erythema", in: note) == .affirmed)
        #expect(try assertion("erythema", in: note).negated)
        #expect(try assertion("no acute disease", in: "Chest X-ray: no acute disease.") == .affirmed)
    }

    @Test func possibleIsNotNegated() throws {
        let ruleOut = try assertion("pneumonia", in: "Cannot rule out pneumonia in the left base.")
        #expect(ruleOut.possible)
        #expect(!ruleOut.negated)
        let likely = try assertion("atelectasis", in: "Findings likely represent atelectasis.")
        #expect(likely.possible)
        #expect(!likely.negated)
    }
}

@Suite("AssertionAnalyzer: temporality and experiencer")
struct AssertionContextTests {
    @Test func hypothetical() throws {
        let note = "Return to the ER if chest pain, shortness of breath or fever develops."
        #expect(try assertion("fever", in: note).hypothetical)
        #expect(try assertion("bleeding", in: "Call the office for any signs of bleeding.").hypothetical)
        #expect(try !assertion("chest pain", in: "She has chest pain today.").hypothetical)
        #expect(try !assertion("edema", in: "Minimal, if any, edema of the ankles.").hypothetical)
        #expect(try assertion("bruising", in: "Alert the physician if any of the following: bruising.").hypothetical)
    }

    @Test func historical() throws {
        #expect(try assertion("myocardial infarction", in: "History of myocardial infarction in 2010.").historical)
        #expect(try assertion("cholecystectomy", in: "Status post cholecystectomy.").historical)
        #expect(try assertion("DVT", in: "He had a DVT in the past.").historical)
        let hpi = "The patient is a 64-year-old man with diabetes who presents with a three-day history of cough."
        #expect(try assertion("diabetes", in: hpi).historical)
        #expect(try !assertion("cough", in: hpi).historical)
        #expect(try !assertion("confusion", in: "She is a 70-year-old woman with acute confusion.").historical)
    }

    @Test func historyOfPresentIllnessIsNotHistorical() throws {
        let note = "HISTORY OF PRESENT ILLNESS: Worsening dyspnea for two days."
        #expect(try !assertion("dyspnea", in: note).historical)
    }

    @Test func family() throws {
        let history = try assertion("breast cancer", in: "Family history of breast cancer in her mother.")
        #expect(history.experiencer == .family)
        #expect(try assertion("type 2 diabetes", in: "Mother with type 2 diabetes.").experiencer == .family)
        let personal = "Family history of colon cancer and a personal history of adenomatous polyps."
        #expect(try assertion("adenomatous polyps", in: personal).experiencer == .patient)
        #expect(try assertion("fever", in: "Lives with her mother; fever since Monday.").experiencer == .patient)
    }

    @Test func sectionImpliedValues() throws {
        #expect(try assertion("Hypertension", in: "Hypertension.", section: .pastMedicalHistory).historical)
        #expect(try assertion("Appendectomy", in: "Appendectomy.", section: .pastSurgicalHistory).historical)
        #expect(try assertion("Tdap", in: "Tdap 2019.", section: .immunizations).historical)
        let family = try assertion("Colon cancer", in: "Colon cancer.", section: .familyHistory)
        #expect(family.experiencer == .family)
        #expect(try assertion("Hypertension", in: "Hypertension.", section: .physicalExam) == .affirmed)
        #expect(try assertion("Hypertension", in: "Hypertension.", section: nil) == .affirmed)
        // A section value adds to what the sentence says.
        #expect(try assertion("asthma", in: "No asthma.", section: .pastMedicalHistory)
                == Assertion(negated: true, historical: true))
    }
}

@Suite("AssertionAnalyzer: API")
struct AssertionAnalyzerAPITests {
    @Test func offsetsAreIntoTheWholeNote() throws {
        let analyzer = try AssertionAnalyzer.loadDefault()
        // Non-ASCII before the sentence shifts scalar offsets; the first sentence's cue must not reach the second.
        let note = "Résumé — pt denies fever.\nCough is productive. “No” wheezing heard."
        let scalars = Array(note.unicodeScalars)
        let second = try #require(scalarRange(of: "Cough is productive.", in: scalars))
        let cough = try #require(scalarRange(of: "Cough", in: scalars))
        #expect(analyzer.analyze(text: scalars, sentence: second, targets: [cough], section: nil) == [.affirmed])
        let first = try #require(scalarRange(of: "pt denies fever.", in: scalars))
        let fever = try #require(scalarRange(of: "fever", in: scalars))
        #expect(analyzer.analyze(text: note, sentence: first, targets: [fever], section: nil)[0].negated)
        let third = try #require(scalarRange(of: "“No” wheezing heard.", in: scalars))
        let wheezing = try #require(scalarRange(of: "wheezing", in: scalars))
        #expect(analyzer.analyze(text: scalars, sentence: third, targets: [wheezing], section: nil)[0].negated)
    }

    @Test func oneAssertionPerTargetInOrder() throws {
        let analyzer = try AssertionAnalyzer.loadDefault()
        let note = "Cough present; no fever, possible pneumonia."
        let scalars = Array(note.unicodeScalars)
        let targets = try ["pneumonia", "Cough", "fever"].map { try #require(scalarRange(of: $0, in: scalars)) }
        let result = analyzer.analyze(text: scalars, sentence: 0..<scalars.count, targets: targets, section: nil)
        #expect(result.count == 3)
        #expect(result[0].possible && !result[0].negated)
        #expect(result[1] == .affirmed)
        #expect(result[2].negated)
    }

    @Test func degenerateInputsGiveCleanResults() throws {
        let analyzer = try AssertionAnalyzer.loadDefault()
        let scalars = Array("No fever.".unicodeScalars)
        #expect(analyzer.analyze(text: scalars, sentence: 0..<9, targets: [], section: nil).isEmpty)
        #expect(analyzer.analyze(text: [], sentence: 0..<0, targets: [0..<3], section: nil) == [.affirmed])
        // Ranges past the end are clamped; a target outside the sentence is simply not in any cue's scope.
        #expect(analyzer.analyze(text: scalars, sentence: 0..<500, targets: [400..<420], section: nil) == [.affirmed])
        #expect(analyzer.analyze(text: scalars, sentence: 3..<9, targets: [3..<8], section: nil) == [.affirmed])
    }

    @Test func caseSpacingAndLineBreaksDoNotChangeTheResult() throws {
        let variants = [
            "Patient denies chest pain; history of diabetes. Return if fever develops.",
            "PATIENT DENIES CHEST PAIN; HISTORY OF DIABETES. RETURN IF FEVER DEVELOPS.",
            "Patient  denies\n chest pain ;\thistory   of\ndiabetes.  Return if\r\nfever develops.",
        ]
        for note in variants {
            let lower = note.lowercased()
            func check(_ word: String) throws -> Assertion {
                let scalars = Array(lower.unicodeScalars)
                let range = try #require(scalarRange(of: word, in: scalars))
                return try AssertionAnalyzer.loadDefault().analyze(text: Array(note.unicodeScalars),
                                                                   sentence: 0..<scalars.count, targets: [range],
                                                                   section: nil)[0]
            }
            #expect(try check("pain") == Assertion(negated: true), "\(note)")
            #expect(try check("diabetes") == Assertion(historical: true), "\(note)")
            #expect(try check("fever") == Assertion(hypothetical: true), "\(note)")
        }
    }

    @Test func largeInputsStayCorrect() throws {
        let analyzer = try AssertionAnalyzer.loadDefault()
        // One 1.1 MB "sentence" with 50,000 short sentences inside and 1,000 targets.
        let repeated = Array(String(repeating: "Patient denies fever. ", count: 50_000).unicodeScalars)
        let unit = "Patient denies fever. ".unicodeScalars.count
        let targets = (0..<1_000).map { index in
            let start = index * 50 * unit + "Patient denies ".unicodeScalars.count
            return start..<start + 5
        }
        let result = analyzer.analyze(text: repeated, sentence: 0..<repeated.count, targets: targets, section: nil)
        #expect(result.count == 1_000)
        #expect(result.allSatisfy { $0.negated })
        // No punctuation at all: a cue reaches at most `maximumReach` tokens, even with a sentence window.
        let run = Array(("If " + String(repeating: "fever ", count: 20_000)).unicodeScalars)
        let near = 3..<8
        let far = (run.count - 6)..<(run.count - 1)
        let flags = analyzer.analyze(text: run, sentence: 0..<run.count, targets: [near, far], section: nil)
        #expect(flags.map(\.hypothetical) == [true, false])
    }

    @Test func defaultRulesLoadOnce() throws {
        let analyzer = try AssertionAnalyzer.loadDefault()
        #expect(analyzer.ruleSet.rules.count > 300)
        #expect(analyzer.ruleSet.source == ContextRuleSet.defaultFileName)
    }
}
