import Foundation
import Testing
@testable import FHIR

@Suite("Typed views")
struct FHIRViewsTests {
    @Test("a DocumentReference fixture reads through the view")
    func documentReference() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/documentreference-note", withExtension: "json"))
        let tree = try FHIRJSON.parse(try Data(contentsOf: url))
        let document = try #require(DocumentReference(tree))
        #expect(document.id == "note-1")
        #expect(document.status == "current")
        #expect(document.type?.code(in: "http://loinc.org") == "34117-2")
        #expect(document.subject?.reference == "Patient/p1")
        #expect(document.encounters.map(\.reference) == ["Encounter/e1"])
        let attachment = try #require(document.contents.first?.attachment)
        #expect(attachment.mediaType == "text/plain")
        #expect(attachment.charset == "utf-8")
        #expect(attachment.decodedData.map { String(decoding: $0, as: UTF8.self) } == "Chief complaint: cough.\n")
        #expect(DocumentReference(FHIRElement.resource("Binary")) == nil)
    }

    @Test("views are lossless: unmodelled elements survive a write through the view")
    func lossless() throws {
        var condition = Condition(element: try FHIRJSON.parse(
            #"{"resourceType":"Condition","id":"c","stage":[{"summary":{"text":"II"}}],"subject":{"reference":"Patient/1"}}"#))
        condition.verificationStatus = CodeableConcept(
            system: "http://terminology.hl7.org/CodeSystem/condition-ver-status", code: "refuted")
        #expect(FHIRJSON.serializeString(condition.element) ==
            #"{"resourceType":"Condition","id":"c","verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"refuted"}]},"subject":{"reference":"Patient/1"},"stage":[{"summary":{"text":"II"}}]}"#)
    }

    @Test("building Condition, MedicationStatement, Procedure and Provenance gives valid resources")
    func building() {
        var condition = Condition()
        condition.id = "c1"
        condition.clinicalStatus = CodeableConcept(
            system: "http://terminology.hl7.org/CodeSystem/condition-clinical", code: "active")
        condition.code = CodeableConcept(codings: [
            Coding(system: "http://snomed.info/sct", code: "195967001", display: "Asthma"),
            Coding(system: "https://fhir-terminology.ohdsi.org", code: "317009", display: "Asthma", version: "v5"),
        ], text: "asthma")
        condition.subject = Reference("Patient/p1")
        condition.extensions = [.extension(url: "http://hl7.org/fhir/StructureDefinition/derivation-reference", [
            .complex("valueReference", [.string("reference", "DocumentReference/d1")]),
        ])]
        var medication = MedicationStatement()
        medication.status = "active"
        medication.medicationCodeableConcept = CodeableConcept(system: "http://www.nlm.nih.gov/research/umls/rxnorm", code: "1191")
        medication.subject = Reference("Patient/p1")
        medication.derivedFrom = [Reference("DocumentReference/d1")]
        var procedure = Procedure()
        procedure.status = "completed"
        procedure.code = CodeableConcept(system: "http://snomed.info/sct", code: "80146002")
        procedure.subject = Reference("Patient/p1")
        var provenance = Provenance()
        provenance.targets = [Reference("Condition/c1")]
        provenance.recorded = "2024-01-01T00:00:00Z"
        provenance.agents = [.init(who: Reference("Device/notegate", display: "NoteGate"))]
        provenance.entities = [.init(role: "source", what: Reference("DocumentReference/d1"))]
        let validator = FHIRValidator()
        for resource in [condition.element, medication.element, procedure.element, provenance.element] {
            let outcome = validator.validate(resource)
            #expect(!outcome.hasErrors, "\(resource.name): \(outcome.issues.map { $0.diagnostics ?? "" })")
        }
        #expect(condition.code?.codings.map(\.code) == ["195967001", "317009"])
        #expect(provenance.entities.first?.what?.reference == "DocumentReference/d1")
    }

    @Test("Parameters: build, serialize, read back")
    func parameters() throws {
        let parameters = Parameters([
            .string("name", "Asthma"),
            .boolean("inactive", false),
            .coding("match", Coding(system: "http://snomed.info/sct", code: "195967001")),
            .init(name: "property", parts: [.code("code", "concept-id"), .string("value", "317009")]),
            .init(name: "return", resource: OperationOutcome.allOK().element),
        ])
        let json = FHIRJSON.serializeString(parameters.element)
        #expect(json == #"{"resourceType":"Parameters","parameter":[{"name":"name","valueString":"Asthma"},{"name":"inactive","valueBoolean":false},{"name":"match","valueCoding":{"system":"http://snomed.info/sct","code":"195967001"}},{"name":"property","part":[{"name":"code","valueCode":"concept-id"},{"name":"value","valueString":"317009"}]},{"name":"return","resource":{"resourceType":"OperationOutcome","issue":[{"severity":"information","code":"informational","diagnostics":"All OK"}]}}]}"#)
        let read = try #require(Parameters(try FHIRJSON.parse(json)))
        #expect(read.parameter("name")?.valueText == "Asthma")
        #expect(read.parameter("inactive")?.value?.value?.boolValue == false)
        #expect(read.parameter("match")?.value.map { Coding(element: $0).code } == "195967001")
        #expect(read.parameter("property")?.part("value")?.valueText == "317009")
        #expect(read.parameter("return")?.resource?.resourceType == "OperationOutcome")
        #expect(!FHIRValidator().validate(read.element).hasErrors)
    }

    @Test("Bundle entries with request and response")
    func bundle() throws {
        var bundle = FHIRBundle(type: "transaction")
        bundle.append(.init(fullUrl: "urn:uuid:1", resource: .resource("Basic", [.complex("code", [.string("text", "x")])]),
                            request: .init(method: "PUT", url: "Basic/1")))
        #expect(FHIRJSON.serializeString(bundle.element) ==
            #"{"resourceType":"Bundle","type":"transaction","entry":[{"fullUrl":"urn:uuid:1","resource":{"resourceType":"Basic","code":{"text":"x"}},"request":{"method":"PUT","url":"Basic/1"}}]}"#)
        #expect(bundle.entries.first?.request?.method == "PUT")
        #expect(bundle.resources.first?.resourceType == "Basic")
        #expect(!FHIRValidator().validate(bundle.element).hasErrors)
        let response = FHIRBundle.Response(status: "400 Bad Request", outcome: OperationOutcome(.init(code: .invalid, diagnostics: "bad")))
        #expect(response.outcome?.issues.first?.diagnostics == "bad")
    }

    @Test("Binary and base64")
    func binary() {
        var binary = Binary()
        binary.contentType = "text/plain"
        binary.data = Base64.encode(Array("héllo".utf8))
        #expect(binary.data == "aMOpbGxv")
        #expect(binary.decodedData == Array("héllo".utf8))
        #expect(Base64.encode([0xFF]) == "/w==")
        #expect(Base64.decode("/w==") == [0xFF])
        #expect(Base64.decode("/w=") == nil)
        #expect(Base64.decode("a*==") == nil)
    }
}
