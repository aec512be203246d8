/// Canonical URLs NoteGate defines or uses in emitted resources. The StructureDefinitions in `fhir-profiles/`
/// carry the same URLs; `ProfileConformanceTests` check that they agree.
public enum NoteGateURIs {
    public static let base = "https://notegate.dev/fhir"

    // Profiles of the emitted resources.
    public static let conditionProfile = "\(base)/StructureDefinition/notegate-condition"
    public static let medicationStatementProfile = "\(base)/StructureDefinition/notegate-medicationstatement"
    public static let procedureProfile = "\(base)/StructureDefinition/notegate-procedure"

    // Extensions.
    /// Core extension: the document, offset and length a resource was derived from.
    public static let derivationReference = "http://hl7.org/fhir/StructureDefinition/derivation-reference"
    /// The raw ConText values of the mention (negated, possible, hypothetical, historical, experiencer, section).
    public static let assertionExtension = "\(base)/StructureDefinition/nlp-assertion"
    /// How the mention was resolved to an OMOP concept (score, match kind, ambiguity, mention source).
    public static let resolutionExtension = "\(base)/StructureDefinition/nlp-resolution"

    // Code systems of meta.tag and identifiers.
    /// `meta.tag` codes `unresolved` and `ambiguous` (needs review).
    public static let reviewTagSystem = "\(base)/CodeSystem/review"
    /// `meta.tag` code = NLP pipeline/model version.
    public static let pipelineVersionSystem = "\(base)/CodeSystem/pipeline-version"
    /// `meta.tag` code = OMOP vocabulary release.
    public static let vocabularyReleaseSystem = "\(base)/CodeSystem/vocabulary-release"
    /// Identifier system of emitted resources; the value is the deterministic id.
    public static let identifierSystem = "\(base)/sid/extraction"

    public static let omopSystem = "https://fhir-terminology.ohdsi.org"
    public static let extractOperation = "\(base)/OperationDefinition/extract"
    public static let capabilityStatement = "\(base)/CapabilityStatement/notegate"
}
