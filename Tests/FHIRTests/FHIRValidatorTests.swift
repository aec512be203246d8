import Testing
@testable import FHIR

@Suite("FHIR structural validator")
struct FHIRValidatorTests {
    let validator = FHIRValidator()

    @Test("a valid resource gives one information issue")
    func valid() throws {
        let outcome = validator.validate(try FHIRJSON.parse(
            #"{"resourceType":"Condition","subject":{"reference":"Patient/1"},"code":{"text":"asthma"}}"#))
        #expect(!outcome.hasErrors)
        #expect(outcome.issues.map(\.severity) == [.information])
    }

    @Test("unknown resource type, unknown and misplaced elements")
    func structure() {
        #expect(validator.validate(.resource("Patinet")).issues.map(\.code) == [.notSupported])
        let patient = FHIRElement.resource("Patient", [
            .complex("name", [.string("given", "A"), .complex("period", [.string("start", "2020")]), .string("bogus", "x")]),
            .complex("gender", [.string("text", "x")]),
            FHIRElement(name: "maritalStatus", value: .string("M")),
        ])
        let outcome = validator.validate(patient)
        #expect(outcome.issues.map(\.expression) == [
            ["Patient.name[0].bogus"], ["Patient.gender.text"], ["Patient.gender"], ["Patient.maritalStatus"],
            ["Patient.maritalStatus"],
        ])
        #expect(outcome.issues.map(\.diagnostics) == [
            "Unknown element 'bogus' in HumanName",
            "A primitive (code) may only have extensions, found 'text'",
            "'gender' has neither a value nor extensions",
            "'maritalStatus' is a CodeableConcept and cannot have a primitive value",
            "'maritalStatus' has no content (empty elements are not allowed)",
        ])
    }

    @Test("cardinality and required elements, with array indices in paths")
    func cardinality() {
        let observation = FHIRElement.resource("Observation", [
            .string("status", "final"), .string("status", "amended"),
            .complex("component", [.string("valueString", "x")]),
        ])
        let outcome = validator.validate(observation)
        #expect(outcome.issues.map(\.code) == [.required, .structure, .required])
        #expect(outcome.issues.map(\.expression) == [
            ["Observation.component[0].code"], ["Observation.status"], ["Observation.code"],
        ])
        #expect(outcome.issues[1].diagnostics == "'status' occurs 2 times but allows at most 1")
    }

    @Test("nested resources are validated with their own type", arguments: [
        (#"{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Observation","status":"bad  code","code":{"text":"x"}}}]}"#,
         "Bundle.entry[0].resource.status"),
        (#"{"resourceType":"Patient","contained":[{"resourceType":"Patient","birthDate":"1970-02-31"}]}"#,
         "Patient.contained[0].birthDate"),
    ])
    func nested(json: String, expression: String) throws {
        let outcome = validator.validate(try FHIRJSON.parse(json))
        #expect(outcome.issues.map(\.expression) == [[expression]])
        #expect(outcome.issues.map(\.code) == [.value])
    }

    @Test("primitive formats accept valid lexical forms", arguments: [
        ("boolean", "true"), ("integer", "-2147483648"), ("integer", "0"), ("unsignedInt", "0"),
        ("positiveInt", "1"), ("positiveInt", "+7"), ("decimal", "-0.50"), ("decimal", "1.0e-3"),
        ("id", "a-B.9"), ("code", "in progress"), ("uri", "urn:uuid:x"), ("url", "http://x/y"),
        ("oid", "urn:oid:2.16.840.1.113883"), ("uuid", "urn:uuid:a5e3c7b2-1d4f-4c8a-9b3e-0f1e2d3c4b5a"),
        ("date", "2024"), ("date", "2024-02"), ("date", "2024-02-29"), ("dateTime", "2024-02-29T23:59:60.123+14:00"),
        ("dateTime", "2015-02-07T13:28:17-05:00"), ("instant", "2015-02-07T13:28:17.239Z"), ("time", "23:59:59.5"),
        ("base64Binary", "SGVsbG8="), ("base64Binary", "SGVs\nbG8h"), ("string", "tab\tok"), ("markdown", "# x"),
    ])
    func validFormats(type: String, text: String) {
        #expect(PrimitiveFormat.problem(text, type: type) == nil)
    }

    @Test("primitive formats reject invalid lexical forms", arguments: [
        ("boolean", "True"), ("integer", "2147483648"), ("integer", "01"), ("integer", "1.0"),
        ("unsignedInt", "-1"), ("positiveInt", "0"), ("decimal", ".5"), ("decimal", "1."), ("decimal", "NaN"),
        ("id", String(repeating: "a", count: 65)), ("id", "a_b"), ("code", " x"), ("code", "a  b"), ("uri", "a b"),
        ("oid", "urn:oid:3.1"), ("uuid", "urn:uuid:A5E3C7B2-1D4F-4C8A-9B3E-0F1E2D3C4B5A"), ("date", "2023-02-29"),
        ("date", "2024-13"), ("date", "0000"), ("date", "24-01-01"), ("dateTime", "2024-01-01T10:00"),
        ("dateTime", "2024-01-01T10:00:00"), ("dateTime", "2024-01T10:00:00Z"), ("dateTime", "2024-01-01T10:00:00+15:00"),
        ("instant", "2024-01-01"), ("instant", "2024-01-01T10:00:00"), ("time", "24:00:00"), ("time", "10:00"),
        ("base64Binary", "SGVsbG8"), ("base64Binary", "SG=sbG8="), ("string", "bell\u{07}"),
    ])
    func invalidFormats(type: String, text: String) {
        #expect(PrimitiveFormat.problem(text, type: type) != nil)
    }
}
