/// Choices about what is emitted and how; part of `GatewayConfiguration`.
public struct EmissionOptions: Sendable, Equatable {
    public enum FamilyHistoryMode: String, Sendable, CaseIterable {
        /// Family-member mentions produce no FHIR resource (they still appear in NOTE_NLP with subject=family).
        case omit
        /// Affirmed family-member problems become `FamilyMemberHistory` resources.
        case familyMemberHistory = "family-member-history"
    }

    /// Hypothetical problems ("return if chest pain develops") are not emitted by default; when true they are
    /// emitted as Conditions with verificationStatus `provisional`.
    public var emitHypotheticalConditions: Bool
    public var familyHistory: FamilyHistoryMode
    /// Mentions without a standard concept are emitted with `code.text` only and the `unresolved` tag; when
    /// false they are left out of the FHIR output (still in NOTE_NLP with concept 0).
    public var emitUnresolved: Bool
    /// Resolutions scoring below this are treated as unresolved.
    public var minimumScore: Double
    /// Emit LAB_TEST mentions? They have no value in the note, so no Observation is emitted; they go to NOTE_NLP.
    public init(emitHypotheticalConditions: Bool = false, familyHistory: FamilyHistoryMode = .omit,
                emitUnresolved: Bool = true, minimumScore: Double = 0.5) {
        self.emitHypotheticalConditions = emitHypotheticalConditions
        self.familyHistory = familyHistory
        self.emitUnresolved = emitUnresolved
        self.minimumScore = minimumScore
    }
}

/// Versions recorded in `meta.tag`, Provenance and NOTE_NLP.
public struct ProcessingVersions: Sendable, Equatable {
    public var noteGate: String
    /// Version of the NLP pipeline and its models (lexicon size, tagger model), e.g. `nlp-1.0+lexicon-17651`.
    public var pipeline: String
    /// OMOP vocabulary release, e.g. `v5.0 09-APR-22`.
    public var vocabularyRelease: String

    public init(noteGate: String, pipeline: String, vocabularyRelease: String) {
        self.noteGate = noteGate
        self.pipeline = pipeline
        self.vocabularyRelease = vocabularyRelease
    }

    public var systemName: String { "NoteGate \(noteGate)" }
}
