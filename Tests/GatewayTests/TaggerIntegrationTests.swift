import ClinicalNLP
import FHIR
import Foundation
import Testing
@testable import Gateway

/// `--model` in the gateway: a trained tagger's mentions reach the emitted resources, go through the same
/// resolution, and a mention no vocabulary concept fits is emitted unresolved (code.text only, tagged) instead of
/// being guessed.
@Suite struct TaggerIntegrationTests {
    /// A term the embedded vocabulary does not know, so only the tagger can find it.
    static let invented = "florbantine syndrome"

    static func trainModel() throws -> String {
        let sentences = [
            "Patient was diagnosed with \(invented) last year.",
            "History of \(invented) and asthma.",
            "She reports \(invented) flares since spring.",
            "Known \(invented), stable on current therapy.",
            "Follow-up for \(invented) in clinic.",
        ]
        let documents = sentences.enumerated().map { index, text -> AnnotatedDocument in
            let prefix = text.components(separatedBy: invented)[0]
            let start = prefix.unicodeScalars.count
            let end = start + invented.unicodeScalars.count
            return AnnotatedDocument(id: "t\(index)", text: text, entities: [AnnotatedSpan(range: start..<end, label: "PROBLEM")])
        }
        var options = TrainingOptions()
        options.maxEpochs = 8
        options.threads = 1
        let result = PerceptronTrainer(options: options).train(documents, dev: documents)
        let path = NSTemporaryDirectory() + "notegate-tagger-\(UUID().uuidString).model"
        try TaggerModelFile.write(result.model, to: path)
        return path
    }

    @Test func learnedMentionsAreEmittedAndUnresolvedOnesAreNotGuessed() async throws {
        let modelPath = try Self.trainModel()
        defer { try? FileManager.default.removeItem(atPath: modelPath) }
        let engine = try GatewayEngine(configuration: GatewayConfiguration(taggerModelPath: modelPath))
        #expect(engine.versions.pipeline.contains("+tagger-"))
        let note = "ASSESSMENT: Patient was diagnosed with \(Self.invented) last year. Type 2 diabetes mellitus."
        let documentReference = FHIRElement.resource("DocumentReference", id: "tagger-1", [
            .string("status", "current"),
            .complex("subject", [.string("reference", "Patient/p1")]),
            .complex("content", [.complex("attachment", [
                .string("contentType", "text/plain"), .string("data", Data(note.utf8).base64EncodedString()),
            ])]),
        ])
        let result = try await ExtractionPipeline(engine: engine).run(documentReference)
        let findings = result.documents.flatMap(\.findings)
        let learned = try #require(findings.first { $0.entity.mention.text.lowercased() == Self.invented },
                                   "the tagger's mention must reach the findings")
        #expect(learned.entity.mention.source == "tagger")
        #expect(learned.match == nil, "no concept fits: it must stay unresolved, not be guessed")
        let condition = try #require(result.resources.first { resource in
            resource.resourceType == "Condition" && resource.first("code")?.string("text")?.lowercased() == Self.invented
        })
        #expect(condition.first("code")?.all("coding").isEmpty == true)
        #expect(findings.contains { $0.match?.standard.conceptId == 201826 }, "dictionary mentions still resolve")
    }

    @Test func anUnreadableModelIsAClearError() {
        #expect {
            try GatewayEngine(configuration: GatewayConfiguration(taggerModelPath: "/nonexistent/model.ngt"))
        } throws: { error in
            (error as? GatewayError)?.code == .modelUnavailable
        }
    }
}
