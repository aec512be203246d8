import Testing
@testable import ClinicalNLP

@Suite struct MedicationAttributeTests {
    let pipeline: ClinicalPipeline

    init() throws {
        pipeline = try ClinicalPipeline(lexicon: sampleLexicon(), learnedDetector: nil, assertionAnalyzer: nil,
                                        sectionizer: Sectionizer.loadDefault(), abbreviations: nil)
    }

    func attributes(_ text: String) -> [[String]] {
        pipeline.annotate(text).entities.filter { $0.label == .medication }.map { entity in
            entity.attributes.map { "\($0.kind.rawValue)=\($0.value)|\($0.text)" }
        }
    }

    @Test func strengthRouteFrequencyWithExactSpans() {
        let text = "Metformin 500mg PO b.i.d. with meals."
        let medication = pipeline.annotate(text).entities[0]
        #expect(medication.text == "Metformin")
        #expect(medication.attributes.map(\.kind) == [.strength, .route, .frequency, .frequency])
        #expect(medication.attributes[0].range == 10..<15 && medication.attributes[0].value == "500 mg")
        #expect(medication.attributes[1].range == 16..<18 && medication.attributes[1].value == "oral")
        #expect(medication.attributes[2].range == 19..<25 && medication.attributes[2].value == "BID")
        #expect(medication.attributes[3].value == "with meals")
    }

    @Test func doseFormPrnAndIntervalFrequency() {
        #expect(attributes("Albuterol 2 puffs inhaled q4-6h prn shortness of breath")
                == [["dose=2 puff|2 puffs", "form=puff|puffs", "route=inhalation|inhaled", "frequency=every 4-6 hours|q4-6h",
                     "prn=as needed|prn"]])
        #expect(attributes("Acetaminophen 650 mg by mouth every 6 hours as needed for pain.")
                == [["strength=650 mg|650 mg", "route=oral|by mouth", "frequency=every 6 hours|every 6 hours",
                     "prn=as needed|as needed"]])
    }

    @Test func durationAndStatusChange() {
        #expect(attributes("Start amoxicillin 500 mg three times daily for 10 days.")
                == [["status_change=start|Start", "strength=500 mg|500 mg", "frequency=TID|three times daily",
                     "duration=10 days|for 10 days"]])
        #expect(attributes("Lisinopril was increased to 20 mg daily.")
                == [["status_change=increase|increased", "strength=20 mg|20 mg", "frequency=daily|daily"]])
        #expect(attributes("Discontinue warfarin.") == [["status_change=stop|Discontinue"]])
    }

    @Test func attributesStopAtTheNextMedication() {
        #expect(attributes("aspirin 81 mg daily, lisinopril 10 mg PO qhs")
                == [["strength=81 mg|81 mg", "frequency=daily|daily"],
                    ["strength=10 mg|10 mg", "route=oral|PO", "frequency=at bedtime|qhs"]])
    }

    @Test func tabletsAndWordCounts() {
        #expect(attributes("ibuprofen two tablets orally twice a day x 5 days")
                == [["dose=2 tablet|two tablets", "form=tablet|tablets", "route=oral|orally", "frequency=BID|twice a day",
                     "duration=5 days|x 5 days"]])
    }
}
