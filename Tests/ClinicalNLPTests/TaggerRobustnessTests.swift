import Foundation
import Testing
@testable import ClinicalNLP

@Suite("Tagger tokenizer and robustness perturbations")
struct TaggerRobustnessTests {
    @Test("Tokenizer splits punctuation, keeps offsets and attachment")
    func tokenizer() {
        let text = "Selegiline-induced  hypotension (5-FU).\nNext"
        let scalars = Array(text.unicodeScalars)
        let tokens = TaggerTokenizer.tokenize(scalars)
        let words = tokens.map { String(String.UnicodeScalarView(scalars[$0.range])) }
        #expect(words == ["Selegiline", "-", "induced", "hypotension", "(", "5", "-", "FU", ")", ".", "Next"])
        #expect(tokens[1].attachedToPrevious && !tokens[3].attachedToPrevious)
        #expect(tokens.last!.startsLine)
        #expect(TaggerTokenizer.sequences(tokens, scalars: scalars).count == 2)
    }

    @Test("Every perturbation keeps gold spans on the same words")
    func spansFollowText() {
        let documents = TaggerFixtures.syntheticCorpus(count: 6)
        for perturbation in Perturbation.allCases {
            for document in documents {
                let changed = perturbation.apply(to: document, seed: 5)
                #expect(changed.entities.count == document.entities.count, "\(perturbation)")
                // Section moves reorder the entities, so compare them in a canonical order.
                let before = document.entities.map { document.text(of: $0.range) }.sorted { ($0.count, $0.lowercased()) < ($1.count, $1.lowercased()) }
                let after = changed.entities.map { changed.text(of: $0.range) }.sorted { ($0.count, $0.lowercased()) < ($1.count, $1.lowercased()) }
                for (original, moved) in zip(before, after) {
                    switch perturbation {
                    case .upperCase: #expect(moved == original.uppercased())
                    case .lineBreaks: #expect(moved.replacingOccurrences(of: "\n", with: " ") == original)  // hard wraps may fall inside
                    case .typos, .ocr: #expect(moved.count == original.count)
                    default: #expect(moved == original, "\(perturbation): \(original) → \(moved)")
                    }
                }
            }
        }
    }

    @Test("Perturbations change the text and are deterministic per seed")
    func deterministic() {
        let document = TaggerFixtures.syntheticCorpus(count: 1)[0]
        for perturbation in Perturbation.allCases where perturbation != .compounds && perturbation != .typos {
            #expect(perturbation.apply(to: document, seed: 1).text != document.text, "\(perturbation)")
        }
        #expect(Perturbation.typos.apply(to: document, seed: 9) == Perturbation.typos.apply(to: document, seed: 9))
    }

    @Test("Robustness suite reports a drop per perturbation")
    func suite() {
        let train = TaggerFixtures.syntheticCorpus(count: 30)
        let dev = TaggerFixtures.syntheticCorpus(count: 8, offset: 50)
        let model = PerceptronTrainer(options: TaggerFixtures.smallOptions()).train(train, dev: dev).model
        let baseline = TaggerEvaluation.evaluate(model: model, documents: dev).micro
        let results = RobustnessSuite(seed: 1).run(model: model, documents: dev, baseline: baseline)
        #expect(results.map(\.perturbation) == Perturbation.allCases)
        for result in results { #expect(abs(result.drop - (baseline.f1 - result.scores.f1)) < 1e-12) }
        #expect(results.first { $0.perturbation == .upperCase }!.scores.f1 < baseline.f1 + 1e-9)
    }
}
