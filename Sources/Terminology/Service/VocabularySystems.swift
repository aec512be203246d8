/// OMOP `vocabulary_id` ⇄ FHIR code system URI, as listed in DESIGN.md (HL7 FHIR–OMOP IG conventions).
public enum VocabularySystems {
    /// The code system of OMOP concept ids (code = concept_id as text).
    public static let omopSystemURI = "https://fhir-terminology.ohdsi.org"

    /// Canonical URI per vocabulary_id.
    public static let systemByVocabulary: [String: String] = [
        "SNOMED": "http://snomed.info/sct",
        "RxNorm": "http://www.nlm.nih.gov/research/umls/rxnorm",
        "LOINC": "http://loinc.org",
        "ICD10CM": "http://hl7.org/fhir/sid/icd-10-cm",
        "ICD10PCS": "http://www.cms.gov/Medicare/Coding/ICD10",
        "CPT4": "http://www.ama-assn.org/go/cpt",
        "HCPCS": "urn:oid:2.16.840.1.113883.6.285",
        "ICDO3": "urn:oid:2.16.840.1.113883.6.43.1",
        "UCUM": "http://unitsofmeasure.org",
        "ICD10": "http://hl7.org/fhir/sid/icd-10",
        "ICD9CM": "http://hl7.org/fhir/sid/icd-9-cm",
        "NDC": "http://hl7.org/fhir/sid/ndc",
        "CVX": "http://hl7.org/fhir/sid/cvx",
    ]

    /// Other URIs seen in the wild for the same vocabularies.
    static let aliases: [String: String] = [
        "http://snomed.info/sct/": "SNOMED",
        "urn:oid:2.16.840.1.113883.6.96": "SNOMED",
        "urn:oid:2.16.840.1.113883.6.88": "RxNorm",
        "urn:oid:2.16.840.1.113883.6.1": "LOINC",
        "urn:oid:2.16.840.1.113883.6.90": "ICD10CM",
        "urn:oid:2.16.840.1.113883.6.4": "ICD10PCS",
        "urn:oid:2.16.840.1.113883.6.12": "CPT4",
        "urn:oid:2.16.840.1.113883.6.8": "UCUM",
    ]

    static let vocabularyBySystem: [String: String] = {
        var map = aliases
        for (vocabulary, system) in systemByVocabulary { map[system] = vocabulary }
        return map
    }()

    public static func systemURI(forVocabulary vocabularyId: String) -> String? {
        systemByVocabulary[vocabularyId]
    }

    /// The vocabulary_id of a code system URI; nil for the OMOP system and unknown URIs.
    public static func vocabularyId(forSystem system: String) -> String? {
        vocabularyBySystem[system]
    }

    public static func isOMOP(_ system: String) -> Bool {
        system == omopSystemURI || system == omopSystemURI + "/"
    }
}
