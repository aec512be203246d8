import Foundation
import Testing
@testable import ClinicalNLP

@Suite("Tagger training, model files and determinism")
struct TaggerModelTests {
    static let train = TaggerFixtures.syntheticCorpus(count: 40)
    static let dev = TaggerFixtures.syntheticCorpus(count: 10, offset: 100)

    @Test("Learns the synthetic corpus well above chance")
    func learns() {
        let result = PerceptronTrainer(options: TaggerFixtures.smallOptions()).train(Self.train, dev: Self.dev)
        #expect(result.devReport.micro.f1 > 0.9)
        #expect(result.model.tagSet.labels == ["MEDICATION", "PROBLEM"])
        #expect(result.model.metadata.bestEpoch >= 1 && result.model.metadata.devScores != nil)
        #expect(result.alignment.misalignedCount == 0)
    }

    @Test("Same seed → byte-identical model; another seed → still valid")
    func deterministic() throws {
        let first = PerceptronTrainer(options: TaggerFixtures.smallOptions(seed: 3)).train(Self.train, dev: Self.dev)
        let second = PerceptronTrainer(options: TaggerFixtures.smallOptions(seed: 3)).train(Self.train, dev: Self.dev)
        #expect(try TaggerModelFile.encode(first.model) == TaggerModelFile.encode(second.model))
        #expect(first.model.metadata.trainingDataHash == second.model.metadata.trainingDataHash)
        var options = TaggerFixtures.smallOptions(seed: 3)
        options.threads = 2
        let parallel = PerceptronTrainer(options: options).train(Self.train, dev: Self.dev)
        #expect(try TaggerModelFile.encode(parallel.model) == TaggerModelFile.encode(first.model))
    }

    @Test("Save/load round trip keeps weights, metadata and predictions")
    func roundTrip() throws {
        var options = TaggerFixtures.smallOptions()
        options.clusters = WordClusters(words: [("hypertension", "0101"), ("asthma", "0100"), ("aspirin", "11")])
        options.featureSet.useClusters = true
        let model = PerceptronTrainer(options: options).train(Self.train, dev: Self.dev).model
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tagger-\(UUID().uuidString).ngt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try TaggerModelFile.write(model, to: path)
        let loaded = try TaggerModelFile.read(path: path)
        #expect(loaded.weights == model.weights)
        #expect(loaded.transitions == model.transitions)
        #expect(loaded.tagSet == model.tagSet && loaded.featureSet == model.featureSet)
        #expect(loaded.clusters == model.clusters && loaded.metadata == model.metadata)
        for document in Self.dev {
            #expect(loaded.predict(text: document.text) == model.predict(text: document.text))
        }
        let header = try String(contentsOfFile: path, encoding: .isoLatin1).split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains("\"format\":\"notegate-tagger\"") && header.contains("\"version\":1"))
    }

    @Test("A model file of another format version is refused at line 1")
    func otherVersion() throws {
        let model = PerceptronTrainer(options: TaggerFixtures.smallOptions()).train(Array(Self.train.prefix(5)), dev: Array(Self.dev.prefix(2))).model
        var data = try TaggerModelFile.encode(model)
        let header = String(decoding: data.prefix(while: { $0 != 0x0A }), as: UTF8.self)
        data.replaceSubrange(0..<header.utf8.count, with: Data(header.replacingOccurrences(of: "\"version\":1", with: "\"version\":99").utf8))
        let error = try #require(throws: CorpusReadError.self) { try TaggerModelFile.decode(data, file: "old.ngt") }
        #expect(error.code == .unsupportedModelVersion)
        #expect(error.file == "old.ngt" && error.line == 1)
        #expect(error.message.contains("99"))
    }

    @Test("Truncated and foreign model files are refused")
    func malformedModel() throws {
        let model = PerceptronTrainer(options: TaggerFixtures.smallOptions()).train(Array(Self.train.prefix(5)), dev: Array(Self.dev.prefix(2))).model
        let data = try TaggerModelFile.encode(model)
        let truncated = try #require(throws: CorpusReadError.self) { try TaggerModelFile.decode(data.dropLast(10), file: "m") }
        #expect(truncated.code == .malformedModel)
        let foreign = try #require(throws: CorpusReadError.self) { try TaggerModelFile.decode(Data("{\"hello\":1}\nxx".utf8), file: "m") }
        #expect(foreign.code == .malformedModel && foreign.line == 1)
    }

    @Test("Unknown gold labels at evaluation name the file and line")
    func unknownLabel() throws {
        let model = PerceptronTrainer(options: TaggerFixtures.smallOptions()).train(Array(Self.train.prefix(5)), dev: Array(Self.dev.prefix(2))).model
        let path = try TaggerFixtures.path("unknown-label.jsonl")
        let documents = try CorpusReader.read(path: path)
        let error = try #require(throws: CorpusReadError.self) { try TaggerEvaluation.checkLabels(documents, model: model) }
        #expect(error.code == .unknownLabel && error.file == path && error.line == 2)
        #expect(error.message.contains("DRUG_CLASS"))
    }

    @Test("Model works as the pipeline's MentionDetector with label mapping and confidence")
    func mentionDetector() throws {
        let model = PerceptronTrainer(options: TaggerFixtures.smallOptions()).train(Self.train, dev: Self.dev).model
        let tagger = SequenceTagger(model: model)
        let text = "The patient has gout and takes furosemide daily."
        let scalars = Array(text.unicodeScalars)
        let analyzed = AnalyzedText(text: text, scalars: scalars, tokens: Tokenizer().tokenize(text), sentences: [], sections: [])
        let mentions = tagger.detectMentions(in: analyzed)
        #expect(mentions.map(\.text) == ["gout", "furosemide"])
        #expect(mentions.map(\.label) == [.problem, .medication])
        #expect(mentions.allSatisfy { $0.source == "tagger" && $0.score > 0 && $0.score < 1 && $0.conceptKey == nil })
    }

    @Test("Section and dictionary context features train and tag")
    func contextFeatures() throws {
        var options = TaggerFixtures.smallOptions()
        var lexicon = Lexicon()
        lexicon.add(term: "gout", label: .problem, source: "test")
        lexicon.add(term: "aspirin", label: .medication, source: "test")
        options.context = TaggerContext.provider(sectionizer: try Sectionizer.loadDefault(), matcher: DictionaryMatcher(lexicon: lexicon))
        let result = PerceptronTrainer(options: options).train(Self.train, dev: Self.dev)
        #expect(result.devReport.micro.f1 > 0.9)
        let context = try #require(options.context)
        let scalars = Array("Assessment: gout, stable on aspirin.".unicodeScalars)
        let tokens = TaggerTokenizer.tokenize(scalars)
        let tokenContext = context(scalars, tokens)
        #expect(tokenContext.dictionary.filter { $0 != 0 }.count == 2)
    }
}
