import Testing
@testable import FHIR

@Suite("FHIR JSON reader")
struct FHIRJSONReaderTests {
    @Test("decimals keep their exact text and primitives their JSON kind")
    func decimalsKeepText() throws {
        let tree = try FHIRJSON.parse(#"""
            {"resourceType":"Observation","status":"final","code":{"text":"x"},
             "valueQuantity":{"value":1.50,"unit":"mg"},"component":[{"code":{"text":"y"},"valueInteger":3},
             {"code":{"text":"z"},"valueBoolean":false},{"code":{"text":"e"},"valueQuantity":{"value":1.0e-3}}]}
            """#)
        #expect(tree.resourceType == "Observation")
        #expect(tree.first(path: "valueQuantity.value")?.value == .number("1.50"))
        let components = tree.all("component")
        #expect(components[0].first("valueInteger")?.value == .number("3"))
        #expect(components[1].first("valueBoolean")?.value == .boolean(false))
        #expect(components[2].string(path: "valueQuantity.value") == "1.0e-3")
    }

    @Test("a resource's id is a child, a complex element's id is the element id")
    func ids() throws {
        let tree = try FHIRJSON.parse(#"{"resourceType":"Patient","id":"p1","name":[{"id":"n1","family":"X"}]}"#)
        #expect(tree.logicalID == "p1")
        #expect(tree.id == nil)
        #expect(tree.first("name")?.id == "n1")
        #expect(tree.first("name")?.first("id") == nil)
    }

    @Test("_x siblings merge into the primitive: single values and null-aligned arrays")
    func primitiveExtensions() throws {
        let tree = try FHIRJSON.parse(#"""
            {"resourceType":"Patient","birthDate":"1970-03-30",
             "_birthDate":{"id":"bd","extension":[{"url":"http://example.org/time","valueTime":"14:35:45"}]},
             "name":[{"given":["Peter",null,"Jim"],"_given":[null,{"extension":[{"url":"http://e/x","valueString":"Q"}]},{"id":"g3"}]}],
             "_gender":{"extension":[{"url":"http://e/absent","valueCode":"unknown"}]}}
            """#)
        let birthDate = try #require(tree.first("birthDate"))
        #expect(birthDate.value?.text == "1970-03-30")
        #expect(birthDate.id == "bd")
        #expect(birthDate.children.map(\.name) == ["extension"])
        #expect(birthDate.children[0].string("valueTime") == "14:35:45")
        let given = tree.first("name")!.all("given")
        #expect(given.map { $0.value?.text } == ["Peter", nil, "Jim"])
        #expect(given[1].children.first?.string("valueString") == "Q")
        #expect(given[2].id == "g3")
        let gender = try #require(tree.first("gender"))
        #expect(gender.value == nil)
        #expect(gender.extensions(url: "http://e/absent").count == 1)
    }

    @Test("nested resources: contained, Bundle.entry.resource, Parameters.parameter.resource")
    func nestedResources() throws {
        let tree = try FHIRJSON.parse(#"""
            {"resourceType":"Bundle","type":"collection","entry":[{"fullUrl":"urn:uuid:1",
             "resource":{"resourceType":"Patient","id":"a","contained":[{"resourceType":"Organization","id":"o"}]}},
             {"resource":{"resourceType":"Parameters","parameter":[{"name":"r","resource":{"resourceType":"Basic","code":{"text":"b"}}}]}}]}
            """#)
        let resources = FHIRBundle(element: tree).resources
        #expect(resources.map(\.name) == ["resource", "resource"])
        #expect(resources.map(\.resourceType) == ["Patient", "Parameters"])
        #expect(resources[0].first("contained")?.resourceType == "Organization")
        #expect(resources[0].first("contained")?.logicalID == "o")
        #expect(resources[1].first(path: "parameter.resource")?.resourceType == "Basic")
    }

    @Test("the narrative div is kept as markup text")
    func narrative() throws {
        let markup = #"<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>a &amp; b</p></div>"#
        let tree = try FHIRJSON.parse(#"{"resourceType":"Patient","text":{"status":"generated","div":"\#(markup)"}}"#)
        let div = try #require(tree.first(path: "text.div"))
        #expect(div.xhtml == #"<div xmlns="http://www.w3.org/1999/xhtml"><p>a &amp; b</p></div>"#)
        #expect(div.value == nil)
    }

    @Test("escapes decode, including surrogate pairs; non-ASCII passes through")
    func escapes() throws {
        let tree = try FHIRJSON.parse(#"{"resourceType":"Patient","name":[{"family":"M\u00fcller \"Q\" \ud83d\ude00 Zoë\/\\\n"}]}"#)
        #expect(tree.string(path: "name.family") == "Müller \"Q\" 😀 Zoë/\\\n")
    }

    @Test("limits are configurable")
    func limits() throws {
        let text = #"{"resourceType":"Patient","active":true}"#
        #expect(throws: FHIRParseError.self) { try FHIRJSON.parse(text, options: .init(maxInputBytes: 10)) }
        do {
            _ = try FHIRJSON.parse(text, options: .init(maxInputBytes: 10))
        } catch {
            #expect(error.code == .inputTooLarge)
        }
        let deep = #"{"resourceType":"Patient","maritalStatus":{"coding":[{"code":"M"}]}}"#
        do {
            _ = try FHIRJSON.parse(deep, options: .init(maxDepth: 3))
            Issue.record("depth limit not applied")
        } catch {
            #expect(error.code == .nestingTooDeep)
            #expect(error.path == "Patient.maritalStatus.coding[0]")
        }
        #expect(try FHIRJSON.parse(deep, options: .init(maxDepth: 4)).string(path: "maritalStatus.coding.code") == "M")
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        #expect(try FHIRJSON.parse(bom, options: .init(allowByteOrderMark: true)).boolean("active") == true)
    }

    @Test("errors carry line and column (in characters) and become OperationOutcomes")
    func errorPositions() throws {
        do {
            _ = try FHIRJSON.parse("{\n  \"resourceType\": \"Patient\",\n  \"name\": [{\"family\": \"Zoë\", \"given\": \"x\"}]\n}")
            Issue.record("accepted a single value for an array")
        } catch {
            #expect(error.code == .wrongType)
            #expect(error.line == 3)
            #expect(error.column == 39)
            #expect(error.path == "Patient.name[0].given")
            let issue = try #require(error.operationOutcome.issues.first)
            #expect(issue.severity == .fatal)
            #expect(issue.code == .structure)
            #expect(issue.expression == ["Patient.name[0].given"])
            #expect(issue.location == ["line 3, column 39"])
            #expect(issue.diagnostics == "'given' repeats (max *) and must be a JSON array (line 3, column 39) at Patient.name[0].given")
        }
    }

    @Test("unknown elements are kept for the validator to report")
    func unknownElementsKept() throws {
        let tree = try FHIRJSON.parse(#"{"resourceType":"Patient","madeUp":{"deep":[1,2]},"other":"x"}"#)
        #expect(tree.first("madeUp")?.all("deep").map { $0.value?.text } == ["1", "2"])
        #expect(tree.string("other") == "x")
    }

    @Test("ExampleScenario.instance.resourceType is an ordinary element")
    func resourceTypeElement() throws {
        let tree = try FHIRJSON.parse(#"{"resourceType":"ExampleScenario","status":"draft","instance":[{"resourceId":"a","resourceType":"Patient"}]}"#)
        #expect(tree.first("instance")?.string("resourceType") == "Patient")
        #expect(tree.first("instance")?.resourceType == nil)
    }
}
