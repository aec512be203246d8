import Testing
@testable import ClinicalNLP

@Suite("Tagger entity metrics")
struct TaggerMetricsTests {
    // Text offsets do not matter for the counts; a 100-scalar text keeps every span in range.
    let text = String(repeating: "x", count: 100)

    @Test("Exact, partial, macro and error breakdown on a hand-computed case")
    func handComputed() {
        let gold = AnnotatedDocument(id: "d", text: text, entities: [
            .init(range: 0..<5, label: "A"),     // predicted exactly → TP
            .init(range: 10..<20, label: "A"),   // predicted 10..<15 A → boundary
            .init(range: 30..<35, label: "B"),   // predicted 30..<35 A → type
            .init(range: 50..<55, label: "B"),   // nothing → missed
        ])
        let predicted: [AnnotatedSpan] = [
            .init(range: 0..<5, label: "A"), .init(range: 10..<15, label: "A"), .init(range: 30..<35, label: "A"),
            .init(range: 70..<75, label: "B"),   // spurious
        ]
        let report = EntityEvaluator.evaluate(gold: [gold], predictions: [predicted])
        // Exact: TP 1, predicted 4, gold 4.
        #expect(report.micro.truePositives == 1 && report.micro.predicted == 4 && report.micro.gold == 4)
        #expect(report.micro.precision == 0.25 && report.micro.recall == 0.25 && report.micro.f1 == 0.25)
        // Per label: A → TP 1, predicted 3, gold 2: P 1/3, R 1/2, F1 0.4; B → TP 0.
        let a = report.perLabel["A"]!
        #expect(abs(a.precision - 1.0 / 3) < 1e-9 && a.recall == 0.5 && abs(a.f1 - 0.4) < 1e-9)
        #expect(report.perLabel["B"]!.f1 == 0)
        // Macro = mean of per-label values.
        #expect(abs(report.macro.f1 - 0.2) < 1e-9)
        #expect(abs(report.macro.precision - 1.0 / 6) < 1e-9)
        // Partial: same label + overlap → 0..<5 and 10..<15 match; TP 2 of 4 / 4.
        #expect(report.partial.truePositives == 2 && report.partial.f1 == 0.5)
        #expect(report.errors[.boundary] == 1 && report.errors[.type] == 1 && report.errors[.missed] == 1 && report.errors[.spurious] == 1)
        #expect(report.examples.count == 4)
    }

    @Test("Empty predictions and empty gold give zeros, not NaN")
    func empty() {
        let report = EntityEvaluator.evaluate(gold: [AnnotatedDocument(id: "d", text: text, entities: [])], predictions: [[]])
        #expect(report.micro.f1 == 0 && report.micro.precision == 0 && !report.micro.f1.isNaN)
        #expect(report.macro.f1 == 0)
    }

    @Test("Partial matching is one-to-one")
    func partialOneToOne() {
        let gold = AnnotatedDocument(id: "d", text: text, entities: [.init(range: 0..<10, label: "A")])
        let report = EntityEvaluator.evaluate(gold: [gold], predictions: [[.init(range: 0..<3, label: "A"), .init(range: 5..<10, label: "A")]])
        #expect(report.partial.truePositives == 1 && report.partial.predicted == 2)
        #expect(report.errors[.boundary] == 1 && report.errors[.spurious] == 1)
    }

    @Test("Summary JSON has the contract's keys")
    func summaryKeys() {
        let gold = AnnotatedDocument(id: "d", text: text, entities: [.init(range: 0..<5, label: "A")])
        let summary = EntityEvaluator.evaluate(gold: [gold], predictions: [[.init(range: 0..<5, label: "A")]]).summaryJSON()
        #expect(Set(summary.keys) == ["micro", "macro", "per_label", "partial", "errors"])
        let micro = summary["micro"] as? [String: Any]
        #expect(micro?["f1"] as? Double == 1)
        #expect(Set((summary["errors"] as? [String: Int])?.keys ?? [:].keys) == ["boundary", "type", "missed", "spurious"])
    }

    @Test("BILOU decoding closes ill-formed sequences")
    func bilouDecoding() {
        let tagSet = TagSet(labels: ["A"])
        let tokens = (0..<5).map { TaggerToken(range: ($0 * 2)..<($0 * 2 + 1), attachedToPrevious: false, startsLine: false) }
        let tags = [tagSet.tag(label: 0, .begin), tagSet.tag(label: 0, .inside), 0, tagSet.tag(label: 0, .unit), tagSet.tag(label: 0, .inside)]
        let spans = BILOUEncoder.decode(tags, tokens: tokens, tagSet: tagSet).map(\.range)
        #expect(spans == [0..<3, 6..<7, 8..<9])
        #expect(!tagSet.allows(nil, tagSet.tag(label: 0, .inside)))
        #expect(tagSet.allows(tagSet.tag(label: 0, .begin), tagSet.tag(label: 0, .last)))
        #expect(!tagSet.allowsEnd(tagSet.tag(label: 0, .begin)))
    }
}
