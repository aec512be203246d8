import Testing
@testable import FHIR

@Suite("FHIR JSON writer")
struct FHIRJSONWriterTests {
    @Test("resourceType first, definition order, arrays from the definitions, types from the definitions")
    func ordering() {
        let patient = FHIRElement.resource("Patient", [
            .string("gender", "female"),
            .complex("name", [.string("given", "Ann"), .string("family", "Lee")]),
            .string("active", "true"),
            .string("id", "p1"),
            .string("multipleBirthInteger", "2"),
        ])
        #expect(FHIRJSON.serializeString(patient) ==
            #"{"resourceType":"Patient","id":"p1","active":true,"name":[{"family":"Lee","given":["Ann"]}],"gender":"female","multipleBirthInteger":2}"#)
    }

    @Test("_x siblings: ids and extensions of primitives, null-aligned in arrays")
    func primitiveExtensions() throws {
        let ext = FHIRElement.extension(url: "http://e/x", [.string("valueString", "Q")])
        let name = FHIRElement.complex("name", [
            .string("given", "Peter"),
            FHIRElement(name: "given", children: [ext]),
            FHIRElement(name: "given", value: .string("Jim"), id: "g3"),
        ])
        let patient = FHIRElement.resource("Patient", [name, FHIRElement(name: "birthDate", value: .string("1970"), id: "b")])
        #expect(FHIRJSON.serializeString(patient) ==
            #"{"resourceType":"Patient","name":[{"given":["Peter",null,"Jim"],"_given":[null,{"extension":[{"url":"http://e/x","valueString":"Q"}]},{"id":"g3"}]}],"birthDate":"1970","_birthDate":{"id":"b"}}"#)
    }

    @Test("empty elements are dropped; resources are kept")
    func empties() {
        let patient = FHIRElement.resource("Patient", [
            .complex("name", []),
            .complex("maritalStatus", [.complex("coding", [])]),
            .string("gender", ""),
            .complex("contained", []).appending([]),
        ])
        #expect(FHIRJSON.serializeString(patient) == #"{"resourceType":"Patient"}"#)
    }

    @Test("pretty output uses two-space indentation")
    func pretty() {
        let bundle = FHIRBundle(type: "collection", entries: [
            .init(fullUrl: "urn:uuid:1", resource: .resource("Basic", id: "b", [.complex("code", [.string("text", "x")])])),
        ])
        #expect(FHIRJSON.serializeString(bundle.element, pretty: true) == """
            {
              "resourceType": "Bundle",
              "type": "collection",
              "entry": [
                {
                  "fullUrl": "urn:uuid:1",
                  "resource": {
                    "resourceType": "Basic",
                    "id": "b",
                    "code": {
                      "text": "x"
                    }
                  }
                }
              ]
            }
            """)
    }

    @Test("strings are escaped; invalid number text falls back to a string")
    func escaping() {
        let basic = FHIRElement.resource("Basic", [
            .complex("code", [.string("text", "a \"q\" \\ \n\t\u{01} é")]),
            .extension(url: "http://e", [.decimal("valueDecimal", "not-a-number")]),
        ])
        #expect(FHIRJSON.serializeString(basic) ==
            #"{"resourceType":"Basic","extension":[{"url":"http://e","valueDecimal":"not-a-number"}],"code":{"text":"a \"q\" \\ \n\t\u0001 é"}}"#)
    }

    @Test("a Data round trip through parse and serialize is byte-identical for canonical input")
    func byteStable() throws {
        let text = #"{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"1-8"}]},"valueQuantity":{"value":1.50,"unit":"mg"}}"#
        #expect(FHIRJSON.serializeString(try FHIRJSON.parse(text)) == text)
    }
}
