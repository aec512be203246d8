import Testing
@testable import ClinicalNLP

@Suite struct AbbreviationDetectorTests {
    let pipeline: ClinicalPipeline

    init() throws {
        pipeline = try ClinicalPipeline(lexicon: Lexicon(), learnedDetector: nil, assertionAnalyzer: nil,
                                        sectionizer: Sectionizer.loadDefault(), abbreviations: AbbreviationLexicon.loadDefault(),
                                        options: .init(keepAmbiguousAbbreviations: true))
    }

    @Test func clearAbbreviationsCarryTheirExpansion() {
        let text = "PMH: HTN, T2DM, CAD s/p CABG, COPD, CHF and GERD."
        let entities = pipeline.annotate(text).entities
        #expect(entities.map(\.text) == ["HTN", "T2DM", "CAD", "CABG", "COPD", "CHF", "GERD"])
        #expect(entities[0].mention.preferredText == "hypertension")
        #expect(entities[0].range == 5..<8)
        #expect(entities[3].label == .procedure)
        #expect(entities.allSatisfy { $0.mention.source == "abbreviation" && !$0.mention.ambiguous })
    }

    @Test func caseRulesAvoidCommonWords() {
        // "htn" is safe in lower case; "cad", "pe", "ms" as words are not abbreviations.
        let entities = pipeline.annotate("Hx htn. He is a cad. Ms Smith will pe.").entities
        #expect(entities.map(\.text) == ["htn"])
    }

    @Test func ambiguousAbbreviationsResolvedFromContext() {
        let embolism = pipeline.annotate("CTA chest confirmed PE, started heparin.").entities
        #expect(embolism.first?.mention.preferredText == "pulmonary embolism" && embolism.first?.mention.ambiguous == false)
        // RA with oxygen saturation is room air: not an entity at all.
        #expect(pipeline.annotate("SpO2 95% on RA.").entities.isEmpty)
        let arthritis = pipeline.annotate("PAST MEDICAL HISTORY: RA on methotrexate.").entities
        #expect(arthritis.first?.mention.preferredText == "rheumatoid arthritis")
        #expect(arthritis.first?.range == scalarRange(of: "RA", in: "PAST MEDICAL HISTORY: RA on methotrexate."))
    }

    @Test func ambiguousWithoutContextIsMarkedNotGuessed() throws {
        let entities = pipeline.annotate("MS.").entities
        #expect(entities.count == 1)
        #expect(entities[0].mention.ambiguous && entities[0].mention.preferredText == nil)
        // The default pipeline drops such mentions.
        let strict = try ClinicalPipeline(lexicon: Lexicon(), learnedDetector: nil, assertionAnalyzer: nil,
                                          sectionizer: Sectionizer.loadDefault(), abbreviations: AbbreviationLexicon.loadDefault())
        #expect(strict.annotate("MS.").entities.isEmpty)
    }

    @Test func malformedAbbreviationFilesFail() {
        #expect(throws: ResourceFileError.self) {
            try AbbreviationLexicon(parsing: "HTN\tPROBLEM\thypertension\n", file: "a.tsv")
        }
        do {
            _ = try AbbreviationLexicon(parsing: "HTN\tPROBLEM\thypertension\t-\tany\tclear\t-\t-\nPE\tPROBLEM\tpe\t-\tany\tclear\tnowhere\t-\n", file: "a.tsv")
            Issue.record("expected failure")
        } catch let error as ResourceFileError {
            #expect(error.line == 2 && error.code == .unknownValue)
        } catch { Issue.record("wrong error \(error)") }
    }
}
