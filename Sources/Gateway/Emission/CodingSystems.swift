/// OMOP `vocabulary_id` → FHIR code system URI, as DESIGN.md lists them. A vocabulary without a URI is still
/// represented by its OMOP coding; only its source coding is left out.
enum CodingSystems {
    static func uri(forVocabulary vocabularyId: String) -> String? {
        switch vocabularyId {
        case "SNOMED": "http://snomed.info/sct"
        case "RxNorm": "http://www.nlm.nih.gov/research/umls/rxnorm"
        case "LOINC": "http://loinc.org"
        case "ICD10CM": "http://hl7.org/fhir/sid/icd-10-cm"
        case "ICD10PCS": "http://www.cms.gov/Medicare/Coding/ICD10"
        case "CPT4": "http://www.ama-assn.org/go/cpt"
        case "HCPCS": "urn:oid:2.16.840.1.113883.6.285"
        case "ICDO3": "urn:oid:2.16.840.1.113883.6.43.1"
        case "UCUM": "http://unitsofmeasure.org"
        case "CVX": "http://hl7.org/fhir/sid/cvx"
        case "NDC": "http://hl7.org/fhir/sid/ndc"
        case "ICD10": "http://hl7.org/fhir/sid/icd-10"
        case "ICD9CM": "http://hl7.org/fhir/sid/icd-9-cm"
        default: nil
        }
    }

    static func vocabulary(forSystem uri: String) -> String? {
        switch uri {
        case "http://snomed.info/sct": "SNOMED"
        case "http://www.nlm.nih.gov/research/umls/rxnorm": "RxNorm"
        case "http://loinc.org": "LOINC"
        case "http://hl7.org/fhir/sid/icd-10-cm": "ICD10CM"
        case "http://www.cms.gov/Medicare/Coding/ICD10": "ICD10PCS"
        case "http://www.ama-assn.org/go/cpt": "CPT4"
        case "urn:oid:2.16.840.1.113883.6.285": "HCPCS"
        case "http://hl7.org/fhir/sid/cvx": "CVX"
        case "http://hl7.org/fhir/sid/ndc": "NDC"
        default: nil
        }
    }
}
