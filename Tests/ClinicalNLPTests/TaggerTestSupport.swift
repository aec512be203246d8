import Foundation
import Testing
@testable import ClinicalNLP

/// Fixture paths and a small synthetic corpus for the tagger suites.
enum TaggerFixtures {
    static func path(_ name: String) throws -> String {
        let url = try #require(Bundle.module.resourceURL?.appendingPathComponent("Fixtures/tagger/\(name)"))
        return url.path
    }

    /// A learnable toy corpus: clinical sentence templates filled from term lists (deterministic).
    static func syntheticCorpus(count: Int, offset: Int = 0) -> [AnnotatedDocument] {
        let problems = ["hypertension", "chest pain", "type 2 diabetes", "pneumonia", "asthma", "heart failure",
                        "atrial fibrillation", "migraine", "gout", "chronic kidney disease"]
        let medications = ["lisinopril", "metformin", "aspirin", "albuterol", "warfarin", "amoxicillin", "furosemide",
                           "atorvastatin", "insulin glargine", "prednisone"]
        let templates = ["The patient has {P} and takes {M} daily.", "History of {P}. Continue {M} 10 mg.",
                         "{P} treated with {M}; follow up in two weeks.", "Denies {P}. Started {M} for {P2}.",
                         "Assessment: {P}, stable on {M}."]
        return (0..<count).map { raw in
            let index = raw + offset
            var text = ""
            var entities: [AnnotatedSpan] = []
            for sentence in 0..<3 {
                var template = templates[(index + sentence) % templates.count]
                if !text.isEmpty { text += " " }
                while let slot = ["{P2}", "{P}", "{M}"].compactMap({ key in template.range(of: key).map { (key, $0) } }).min(by: { $0.1.lowerBound < $1.1.lowerBound }) {
                    let prefix = String(template[..<slot.1.lowerBound])
                    text += prefix
                    let term = slot.0 == "{M}" ? medications[(index * 3 + sentence) % medications.count]
                        : problems[(index * 7 + sentence + (slot.0 == "{P2}" ? 3 : 0)) % problems.count]
                    let start = text.unicodeScalars.count
                    text += term
                    entities.append(AnnotatedSpan(range: start..<text.unicodeScalars.count, label: slot.0 == "{M}" ? "MEDICATION" : "PROBLEM"))
                    template = String(template[slot.1.upperBound...])
                }
                text += template
            }
            return AnnotatedDocument(id: "syn\(index)", text: text, entities: entities, source: "synthetic", line: index + 1)
        }
    }

    static func smallOptions(seed: UInt64 = 7) -> TrainingOptions {
        var options = TrainingOptions()
        options.maxEpochs = 4
        options.patience = 2
        options.seed = seed
        options.threads = 1
        options.featureSet.hashBits = 14
        options.featureSet.useClusters = false
        return options
    }
}
