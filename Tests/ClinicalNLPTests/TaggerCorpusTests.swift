import Foundation
import Testing
@testable import ClinicalNLP

/// The full-corpus path in small: train on a slice of BC5CDR and NCBI-disease (PubTator originals from
/// NOTEGATE_DATA), score a dev slice. Full runs are recorded in docs/evaluation-tagger.md.
@Suite("Tagger on shared NER corpora (needs NOTEGATE_DATA)",
       .enabled(if: TaggerCorpusData.directory != nil || TaggerCorpusData.required,
                "skipped: NOTEGATE_DATA is not set (the shared ner-corpora are needed)"))
struct TaggerCorpusTests {

    @Test("BC5CDR slice: reads all splits, trains, F1 above a sane floor", arguments: [
        ("bc5cdr/original/CDR_TrainingSet.PubTator.txt", "bc5cdr/original/CDR_DevelopmentSet.PubTator.txt", [String: String]()),
        ("ncbi-disease/original/NCBItrainset_corpus.txt", "ncbi-disease/original/NCBIdevelopset_corpus.txt",
         ["SpecificDisease": "Disease", "DiseaseClass": "Disease", "Modifier": "Disease", "CompositeMention": "Disease"]),
    ])
    func corpusSlice(train: String, dev: String, labelMap: [String: String]) throws {
        let directory = try #require(TaggerCorpusData.directory, "NOTEGATE_REQUIRE_DATA=1 but NOTEGATE_DATA has no ner-corpora")
        let training = try CorpusReader.read(path: "\(directory)/ner-corpora/\(train)", labelMap: labelMap)
        let development = try CorpusReader.read(path: "\(directory)/ner-corpora/\(dev)", labelMap: labelMap)
        #expect(training.count >= 500)
        var options = TrainingOptions()
        options.maxEpochs = 3
        options.featureSet.hashBits = 18
        options.clusters = WordClusters.bundled()
        #expect(!options.clusters.isEmpty, "the bundled cluster resource is missing")
        let result = PerceptronTrainer(options: options).train(Array(training.prefix(120)), dev: Array(development.prefix(40)))
        #expect(result.alignment.misalignedCount * 100 <= result.alignment.entityCount)
        #expect(result.devReport.micro.f1 > 0.5, "dev F1 \(result.devReport.micro.f1)")
    }
}

/// Where the shared corpora are; when NOTEGATE_REQUIRE_DATA=1 the suite runs even without them, and fails.
enum TaggerCorpusData {
    static let required = ProcessInfo.processInfo.environment["NOTEGATE_REQUIRE_DATA"] == "1"
    static var directory: String? {
        guard let path = ProcessInfo.processInfo.environment["NOTEGATE_DATA"], !path.isEmpty,
              FileManager.default.fileExists(atPath: path + "/ner-corpora") else { return nil }
        return path
    }
}
