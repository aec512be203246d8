/// Start-up settings shared by `notegate extract`, `notegate serve` and the notification worker.
public struct GatewayConfiguration: Sendable {
    /// Path of a vocabulary database built by `notegate vocabulary import`; nil = the embedded default vocabulary.
    public var vocabularyPath: String?
    /// Base URL of a FHIR terminology server asked (with the mention string only) about mentions the local
    /// vocabulary cannot resolve; nil = local resolution only.
    public var terminologyServerURL: String?
    /// Base URL of the FHIR server `Attachment.url` references outside the input are fetched from.
    public var fhirServerURL: String?
    /// Bearer token sent to `fhirServerURL`.
    public var fhirServerToken: String?
    public var limits: NoteTextExtractor.Limits
    public var emission: EmissionOptions
    /// Use the dictionary's approximate (typo-tolerant) matching.
    public var approximateMatching: Bool
    /// A tagger model from `notegate train`; its mentions are merged with the dictionary's (ClinicalNLP's
    /// `MentionMerger` rules) and resolved like any other mention. nil = dictionary only.
    public var taggerModelPath: String?
    /// NoteGate's version, recorded in Provenance and NOTE_NLP.
    public var noteGateVersion: String
    /// Largest number of documents processed from one input.
    public var maximumDocuments: Int
    /// Documents of one input processed at the same time. 1 (the default) for the server, whose concurrent
    /// requests already fill the cores (measured: concurrency inside a request cost 8% of throughput at saturation
    /// for no gain); `notegate extract` uses one per core, since it has one input and the whole machine.
    public var documentConcurrency: Int = 1

    public init(vocabularyPath: String? = nil, terminologyServerURL: String? = nil, fhirServerURL: String? = nil,
                fhirServerToken: String? = nil, limits: NoteTextExtractor.Limits = .init(),
                emission: EmissionOptions = .init(), approximateMatching: Bool = false,
                noteGateVersion: String = "0.1.0", maximumDocuments: Int = 10_000,
                taggerModelPath: String? = nil) {
        self.vocabularyPath = vocabularyPath
        self.terminologyServerURL = terminologyServerURL
        self.fhirServerURL = fhirServerURL
        self.fhirServerToken = fhirServerToken
        self.limits = limits
        self.emission = emission
        self.approximateMatching = approximateMatching
        self.noteGateVersion = noteGateVersion
        self.maximumDocuments = maximumDocuments
        self.taggerModelPath = taggerModelPath
    }
}
