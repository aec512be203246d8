import ClinicalNLP
import FHIR
import Foundation
import Terminology

/// Everything the gateway needs to process notes, built once at start-up and shared (immutable, `Sendable`) by
/// `notegate extract`, the HTTP server and the notification worker:
/// the vocabulary store, a `ClinicalPipeline` whose lexicon holds the vocabulary's concept names and synonyms
/// (plus ClinicalNLP's curated abbreviations), the concept resolver, the text extractor and the emitter.
public final class GatewayEngine: Sendable {
    public let configuration: GatewayConfiguration
    public let store: VocabularyStore
    public let nlp: ClinicalPipeline
    public let matcher: ConceptMatcher
    public let extractor: NoteTextExtractor
    public let emitter: ResourceEmitter
    public let versions: ProcessingVersions
    /// LOINC section code → OMOP concept id, for NOTE_NLP `section_concept_id`.
    public let sectionConceptIDs: [String: Int]

    /// The OMOP domains whose concept names go into the NLP dictionary.
    public static let lexiconDomains: Set<String> = ["Condition", "Observation", "Drug", "Procedure", "Measurement"]

    public init(configuration: GatewayConfiguration = GatewayConfiguration(), fetcher: (any AttachmentFetcher)? = nil,
                remoteTerminology: (any TerminologyService)? = nil) throws {
        self.configuration = configuration
        let store: VocabularyStore
        do {
            store = try configuration.vocabularyPath.map { try VocabularyStore.open(path: $0) } ?? VocabularyStore.openEmbedded()
        } catch {
            throw GatewayError(.vocabularyUnavailable, "cannot open the vocabulary \(configuration.vocabularyPath ?? "(embedded)")",
                               cause: error)
        }
        self.store = store
        let (lexicon, standardByKey, fingerprint) = try Self.buildLexicon(store: store)
        var options = ClinicalPipeline.Options()
        options.matching.approximate = configuration.approximateMatching
        let tagger: SequenceTagger?
        do {
            tagger = try configuration.taggerModelPath.map { try SequenceTagger(modelPath: $0) }
        } catch {
            throw GatewayError(.modelUnavailable, "cannot load the tagger model \(configuration.taggerModelPath ?? "")",
                               cause: error)
        }
        self.nlp = try ClinicalPipeline(lexicon: lexicon, learnedDetector: tagger, options: options)
        let resolver = try ConceptResolver(store: store, configuration: ResolverConfiguration(domains: Self.lexiconDomains))
        var remote = remoteTerminology
        if remote == nil, let url = configuration.terminologyServerURL {
            remote = CachedTerminologyService(FHIRTerminologyClient(baseURL: url, http: CurlHTTPClient()))
        }
        self.matcher = ConceptMatcher(resolver: resolver, standardByKey: standardByKey, remote: remote,
                                      minimumScore: configuration.emission.minimumScore)
        var resolvedFetcher = fetcher
        if resolvedFetcher == nil, let base = configuration.fhirServerURL {
            resolvedFetcher = RemoteBinarySource(baseURL: base, bearerToken: configuration.fhirServerToken,
                                                 client: CurlHTTPClient(), maximumBytes: configuration.limits.maximumAttachmentBytes)
        }
        self.extractor = NoteTextExtractor(limits: configuration.limits, fetcher: resolvedFetcher)
        self.versions = ProcessingVersions(noteGate: configuration.noteGateVersion,
                                           pipeline: "notegate-nlp-\(configuration.noteGateVersion)+lexicon-\(fingerprint)"
                                               + (tagger.map { "+tagger-\($0.model.metadata.trainingDataHash)" } ?? ""),
                                           vocabularyRelease: store.release)
        self.emitter = ResourceEmitter(options: configuration.emission, versions: versions)
        self.sectionConceptIDs = Self.sectionConcepts(store: store)
    }

    /// Dictionary terms from the vocabulary: standard names first, then synonyms, then non-standard names (the
    /// lexicon keeps the first entry of equal terms). Terms shorter than 3 characters or without a letter are
    /// left out: they match noise (`Na`, `2`) far more often than the concept.
    static func buildLexicon(store: VocabularyStore) throws -> (Lexicon, [Int: [Concept]], String) {
        let rows = try store.lexiconRows(domains: lexiconDomains, standardOnly: false)
        let ordered = rows.filter { $0.isStandard && !$0.isSynonym } + rows.filter { $0.isStandard && $0.isSynonym }
            + rows.filter { !$0.isStandard }
        var lexicon = Lexicon()
        var standardByKey: [Int: [Concept]] = [:]
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for row in ordered {
            guard let label = Lexicon.label(forOMOPDomain: row.domainId), row.text.unicodeScalars.count >= 3,
                  row.text.contains(where: \.isLetter) else { continue }
            lexicon.add(term: row.text, label: label, conceptKey: String(row.conceptId), source: "omop")
            for byte in "\(row.conceptId)\t\(row.text)\n".utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            if standardByKey[row.conceptId] == nil, let concept = try store.concept(id: row.conceptId) {
                standardByKey[row.conceptId] = try store.standardConcepts(for: concept)
            }
        }
        return (lexicon, standardByKey, String(hash, radix: 16))
    }

    /// OMOP concept ids of the LOINC document-section codes present in the vocabulary.
    static func sectionConcepts(store: VocabularyStore) -> [String: Int] {
        let codes = ["10154-3", "10164-2", "11348-0", "47519-4", "10160-0", "48765-2", "10157-6", "29762-2", "10187-3",
                     "29545-1", "8716-3", "30954-2", "18726-0", "47519-4", "51847-2", "51848-0", "18776-5", "11450-4",
                     "29548-5", "8648-8", "69730-0", "11369-6", "11329-0"]
        var map: [String: Int] = [:]
        for code in codes { if let concept = try? store.concept(vocabularyId: "LOINC", code: code) { map[code] = concept.conceptId } }
        return map
    }

    /// ISO 8601 UTC instant with seconds, the form written to Provenance.recorded.
    public static func instant(_ date: Date = Date()) -> String {
        // `ISO8601DateFormatter` builds an ICU calendar and date symbols on every call (3% of a server's CPU
        // when made per request); the fixed UTC form needs only the broken-down time.
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func digits(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        return digits(parts.tm_year + 1900, 4) + "-" + digits(parts.tm_mon + 1, 2) + "-" + digits(parts.tm_mday, 2)
            + "T" + digits(parts.tm_hour, 2) + ":" + digits(parts.tm_min, 2) + ":" + digits(parts.tm_sec, 2) + "Z"
    }
}
