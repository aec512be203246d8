import FHIR
import Foundation
import Testing
@testable import Terminology

/// The served operations over the embedded vocabulary (real OMOP ids).
@Suite struct TerminologyOperationsTests {
    let operations = TerminologyOperations(
        service: LocalTerminologyService(store: TerminologyFixtures.embeddedStore))

    private func property(_ parameters: FHIRElement, _ code: String) -> FHIRElement? {
        parameters.all("parameter").first { parameter in
            parameter.string("name") == "property"
                && parameter.all("part").contains { $0.string("name") == "code" && $0.string("valueCode") == code }
        }?.all("part").first { $0.string("name") == "value" }
    }

    private func parameterValue(_ parameters: FHIRElement, _ name: String) -> FHIRElement? {
        parameters.all("parameter").first { $0.string("name") == name }
    }

    @Test func lookupBySNOMEDCodeGivesTheOMOPProperties() async throws {
        let result = try await operations.lookup(queryItems: [
            (name: "system", value: "http://snomed.info/sct"), (name: "code", value: "44054006"),
        ])
        #expect(result.resourceType == "Parameters")
        #expect(parameterValue(result, "display")?.string("valueString") == "Type 2 diabetes mellitus")
        #expect(property(result, "concept-id")?.integer("valueInteger") == 201826)
        #expect(property(result, "domain-id")?.string("valueCode") == "Condition")
        #expect(property(result, "vocabulary-id")?.string("valueCode") == "SNOMED")
        #expect(property(result, "standard-concept")?.string("valueCode") == "S")
        #expect(property(result, "inactive")?.boolean("valueBoolean") == false)
        #expect(property(result, "valid-start-date")?.string("valueDateTime") == "2002-01-31")
        // The JSON writer accepts the shape and it reads back the same.
        let json = FHIRJSON.serialize(result)
        #expect(try FHIRJSON.parse(json) == FHIRJSON.parse(FHIRJSON.serialize(FHIRJSON.parse(json))))
    }

    @Test func lookupByPostedParametersWithCodingAndPropertyFilter() async throws {
        let body = try FHIRJSON.parse("""
            {"resourceType":"Parameters","parameter":[
              {"name":"coding","valueCoding":{"system":"https://fhir-terminology.ohdsi.org","code":"35208414"}},
              {"name":"property","valueCode":"Maps to"},
              {"name":"property","valueCode":"standard-concept"}]}
            """)
        let result = try await operations.lookup(parameters: body)
        #expect(parameterValue(result, "display")?.string("valueString") == "Gastrointestinal hemorrhage, unspecified")
        let mapsTo = try #require(property(result, "Maps to")?.first("valueCoding"))
        #expect(mapsTo.string("code") == "192671")
        #expect(mapsTo.string("system") == VocabularySystems.omopSystemURI)
        #expect(property(result, "standard-concept") == nil)  // non-standard: no value to report
        #expect(property(result, "domain-id") == nil)  // filtered out
    }

    @Test func translateICD10CMToTheOMOPStandardConceptR4() async throws {
        let result = try await operations.translate(queryItems: [
            (name: "system", value: "http://hl7.org/fhir/sid/icd-10-cm"), (name: "code", value: "K92.2"),
        ])
        #expect(parameterValue(result, "result")?.boolean("valueBoolean") == true)
        let match = try #require(parameterValue(result, "match"))
        let parts = match.all("part")
        #expect(parts.first { $0.string("name") == "equivalence" }?.string("valueCode") == "equivalent")
        let concept = try #require(parts.first { $0.string("name") == "concept" }?.first("valueCoding"))
        #expect(concept.string("system") == "https://fhir-terminology.ohdsi.org")
        #expect(concept.string("code") == "192671")
        #expect(concept.string("display") == "Gastrointestinal hemorrhage")
    }

    @Test func translateWithR5NamesAnswersWithRelationship() async throws {
        let body = try FHIRJSON.parse("""
            {"resourceType":"Parameters","parameter":[
              {"name":"sourceCoding","valueCoding":{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"K92.2"}},
              {"name":"targetSystem","valueUri":"http://snomed.info/sct"}]}
            """)
        let result = try await operations.translate(parameters: body)
        let parts = try #require(parameterValue(result, "match")).all("part")
        #expect(parts.first { $0.string("name") == "relationship" }?.string("valueCode") == "equivalent")
        #expect(parts.first { $0.string("name") == "equivalence" } == nil)
        let concept = try #require(parts.first { $0.string("name") == "concept" }?.first("valueCoding"))
        #expect(concept.string("system") == "http://snomed.info/sct")
        #expect(concept.string("code") == "74474003")
    }

    @Test func translateOfAStandardConceptIsItself() async throws {
        let result = try await operations.translate(queryItems: [
            (name: "coding", value: "http://snomed.info/sct|44054006"),
        ])
        let concept = parameterValue(result, "match")?.all("part").first { $0.string("name") == "concept" }
        #expect(concept?.first("valueCoding")?.string("code") == "201826")
    }

    @Test(arguments: [
        [(name: "system", value: "http://snomed.info/sct"), (name: "code", value: "99999999999")],
        [(name: "system", value: "http://example.org/unknown-system"), (name: "code", value: "1")],
        [(name: "system", value: "https://fhir-terminology.ohdsi.org"), (name: "code", value: "987654321")],
    ])
    func unknownCodesAreNotFound(items: [(name: String, value: String)]) async throws {
        let error = await #expect(throws: TerminologyError.self) { try await operations.lookup(queryItems: items) }
        #expect(error?.httpStatus == 404)
        #expect(error?.operationOutcome.issues.first?.code == .notFound)
        let translateError = await #expect(throws: TerminologyError.self) {
            try await operations.translate(queryItems: items)
        }
        #expect(translateError?.httpStatus == 404)
    }

    @Test(arguments: [
        (#"{"resourceType":"Patient","id":"x"}"#, "Patient"),
        (#"{"resourceType":"Parameters","parameter":[{"valueString":"44054006"}]}"#, "Parameters.parameter[0].name"),
        (#"{"resourceType":"Parameters","parameter":[{"name":"code","valueCode":"44054006"}]}"#, "system"),
        (#"{"resourceType":"Parameters","parameter":[{"name":"coding","valueCoding":{"code":"1"}}]}"#,
         "Parameters.parameter[0].value"),
        (#"{"resourceType":"Parameters","parameter":[{"name":"system","valueUri":"http://snomed.info/sct"},"#
            + #"{"name":"code","valueCode":"1"},{"name":"code","valueCode":"2"}]}"#, "Parameters.parameter[1].value"),
    ])
    func malformedParametersAreBadRequests(json: String, expression: String) async throws {
        let body = try FHIRJSON.parse(json)
        let error = await #expect(throws: TerminologyError.self) { try await operations.lookup(parameters: body) }
        #expect(error?.httpStatus == 400)
        let issue = error?.operationOutcome.issues.first
        #expect(issue?.code == .invalid)
        #expect(issue?.expression.contains(expression) == true, "\(String(describing: issue))")
    }

    @Test func translateRefusesSeveralSourcesAndReverse() async throws {
        let several = try FHIRJSON.parse("""
            {"resourceType":"Parameters","parameter":[{"name":"codeableConcept","valueCodeableConcept":{"coding":[
              {"system":"http://snomed.info/sct","code":"44054006"},{"system":"http://loinc.org","code":"1-8"}]}}]}
            """)
        let error = await #expect(throws: TerminologyError.self) { try await operations.translate(parameters: several) }
        #expect(error?.httpStatus == 400)
        let reverse = await #expect(throws: TerminologyError.self) {
            try await operations.translate(queryItems: [
                (name: "coding", value: "http://snomed.info/sct|44054006"), (name: "reverse", value: "true")])
        }
        #expect(reverse?.httpStatus == 400)
    }

    @Test func expandFiltersByTextDomainAndCount() async throws {
        let result = try await operations.expand(queryItems: [
            (name: "filter", value: "type 2 diabetes"), (name: "count", value: "3"), (name: "domain", value: "Condition"),
        ])
        #expect(result.resourceType == "ValueSet")
        let contains = result.first("expansion")?.all("contains") ?? []
        #expect(!contains.isEmpty && contains.count <= 3)
        #expect(contains.first?.string("code") == "201826")
        #expect(contains.allSatisfy { $0.string("system") == VocabularySystems.omopSystemURI })
        #expect(contains.allSatisfy { ($0.string("display") ?? "").lowercased().contains("diabetes") })
    }

    @Test func expandOfAnImplicitCodeSystemValueSetGivesItsCodes() async throws {
        let result = try await operations.expand(queryItems: [
            (name: "url", value: "http://snomed.info/sct?fhir_vs"), (name: "filter", value: "gastrointestinal hemorrhage"),
        ])
        let contains = result.first("expansion")?.all("contains") ?? []
        #expect(contains.first?.string("code") == "74474003")
        #expect(contains.allSatisfy { $0.string("system") == "http://snomed.info/sct" })
    }

    @Test func expandWithoutFilterOrWithBadCountIsABadRequest() async throws {
        let missing = await #expect(throws: TerminologyError.self) { try await operations.expand(queryItems: []) }
        #expect(missing?.httpStatus == 400)
        let badCount = await #expect(throws: TerminologyError.self) {
            try await operations.expand(queryItems: [(name: "filter", value: "x"), (name: "count", value: "-1")])
        }
        #expect(badCount?.httpStatus == 400)
    }

    @Test func vocabularySystemsRoundTrip() {
        for (vocabulary, system) in VocabularySystems.systemByVocabulary {
            #expect(VocabularySystems.vocabularyId(forSystem: system) == vocabulary)
        }
        #expect(VocabularySystems.systemURI(forVocabulary: "SNOMED") == "http://snomed.info/sct")
        #expect(VocabularySystems.vocabularyId(forSystem: VocabularySystems.omopSystemURI) == nil)
    }

    @Test func lexiconRowsCarryNamesAndSynonyms() throws {
        let rows = try TerminologyFixtures.fixtureStore.lexiconRows(domains: ["Condition"])
        #expect(rows.contains { $0.conceptId == 201826 && $0.text == "Type II diabetes mellitus" && $0.isSynonym })
        #expect(rows.allSatisfy { $0.isStandard && $0.domainId == "Condition" })
    }
}
