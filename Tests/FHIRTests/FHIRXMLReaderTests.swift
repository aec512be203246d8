import Foundation
import Testing
@testable import FHIR

@Suite("FHIR XML reader")
struct FHIRXMLReaderTests {
    static func features() throws -> FHIRElement {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/xml/patient-features", withExtension: "xml"))
        return try FHIRXML.parse(try Data(contentsOf: url))
    }

    @Test("root resource, logical id, comments/PIs/xsi attributes ignored")
    func rootResource() throws {
        let patient = try Self.features()
        #expect(patient.name == "Patient")
        #expect(patient.resourceType == "Patient")
        #expect(patient.logicalID == "features")
        #expect(patient.id == nil)
        #expect(patient.childNames == [
            "id", "text", "contained", "extension", "active", "name", "birthDate", "multipleBirthInteger",
            "managingOrganization",
        ])
    }

    @Test("primitive kinds come from the R4 definitions; decimal text is exact")
    func primitiveKinds() throws {
        let patient = try Self.features()
        #expect(patient.first("active")?.value == .boolean(true))
        #expect(patient.first("multipleBirthInteger")?.value == FHIRPrimitive("2", kind: .number))
        #expect(patient.first("extension")?.first("valueDecimal")?.value == FHIRPrimitive("72.50", kind: .number))
        #expect(patient.first("birthDate")?.value == .string("1974-12-25"))
    }

    @Test("element ids, extension urls and extensions on primitives")
    func idsAndExtensions() throws {
        let patient = try Self.features()
        let name = try #require(patient.first("name"))
        #expect(name.id == "n1")
        let given = name.all("given")
        #expect(given.count == 2)
        #expect(given[0].value?.text == "Peter")
        #expect(given[1].value == nil)
        #expect(given[1].id == "g2")
        #expect(given[1].first("extension")?.string("url") == "http://hl7.org/fhir/StructureDefinition/iso21090-EN-qualifier")
        #expect(given[1].first("extension")?.first("valueCode")?.value?.text == "CL")
        let birthDate = try #require(patient.first("birthDate"))
        #expect(birthDate.value?.text == "1974-12-25")
        #expect(birthDate.first("extension")?.string("valueDateTime") == "1974-12-25T14:35:45-05:00")
        // The url attribute becomes the first child, as in JSON.
        #expect(patient.first("extension")?.children.first?.name == "url")
    }

    @Test("resource wrappers become the nested resource under the wrapper's name")
    func resourceWrappers() throws {
        let patient = try Self.features()
        let contained = try #require(patient.first("contained"))
        #expect(contained.name == "contained")
        #expect(contained.resourceType == "Organization")
        #expect(contained.logicalID == "org1")
        #expect(contained.string("name") == "Acme <Health>")

        let bundle = try FHIRXML.parse("""
            <Bundle xmlns="http://hl7.org/fhir"><type value="collection"/>
              <entry><fullUrl value="urn:uuid:1"/><resource><Patient><id value="p"/></Patient></resource></entry>
              <entry><resource><Parameters><parameter><name value="n"/>
                <resource><Basic><code><text value="t"/></code></Basic></resource></parameter></Parameters></resource></entry>
            </Bundle>
            """)
        let entries = bundle.all("entry")
        #expect(entries[0].first("resource")?.resourceType == "Patient")
        #expect(entries[0].first("resource")?.logicalID == "p")
        let inner = entries[1].first(path: "resource.parameter.resource")
        #expect(inner?.resourceType == "Basic")
        #expect(inner?.string(path: "code.text") == "t")
    }

    @Test("the narrative div is kept as XHTML markup text")
    func narrative() throws {
        let div = try #require(try Self.features().first(path: "text.div"))
        #expect(div.value == nil)
        #expect(div.xhtml == """
            <div xmlns="http://www.w3.org/1999/xhtml">Peter <b>&quot;Jim&quot;</b> &amp; <!-- note --><br/>Chalmers</div>
            """)
    }

    @Test("a prefixed XHTML div is rewritten with a default namespace")
    func prefixedNarrative() throws {
        let patient = try FHIRXML.parse("""
            <Patient xmlns="http://hl7.org/fhir" xmlns:h="http://www.w3.org/1999/xhtml"><text>
            <status value="generated"/><h:div><h:p class="x">a&lt;b</h:p></h:div></text></Patient>
            """)
        #expect(patient.first(path: "text.div")?.xhtml
            == "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p class=\"x\">a&lt;b</p></div>")
    }

    @Test("content references (Questionnaire.item.item) and choice types resolve")
    func contentReferencesAndChoices() throws {
        let questionnaire = try FHIRXML.parse("""
            <Questionnaire xmlns="http://hl7.org/fhir"><status value="draft"/>
              <item><linkId value="1"/><type value="group"/>
                <item><linkId value="1.1"/><type value="integer"/>
                  <initial><valueInteger value="-3"/></initial></item></item>
            </Questionnaire>
            """)
        let initial = questionnaire.first(path: "item.item.initial.valueInteger")
        #expect(initial?.value == FHIRPrimitive("-3", kind: .number))
    }

    @Test("unknown elements can be kept when asked")
    func keepUnknownElements() throws {
        let patient = try FHIRXML.parse(
            "<Patient xmlns=\"http://hl7.org/fhir\"><nickname value=\"Jim\"/><active value=\"true\"/></Patient>",
            options: FHIRXMLParseOptions(keepUnknownElements: true))
        #expect(patient.string("nickname") == "Jim")
        #expect(patient.boolean("active") == true)
    }

    @Test("the same tree comes from XML and from JSON")
    func sameTreeAsJSON() throws {
        let xml = try FHIRXML.parse("""
            <Observation xmlns="http://hl7.org/fhir"><status value="final"/><code><text value="w"/></code>
            <valueQuantity><value value="1.50"/><unit value="kg"/></valueQuantity></Observation>
            """)
        let json = try FHIRJSON.parse("""
            {"resourceType":"Observation","status":"final","code":{"text":"w"},
             "valueQuantity":{"value":1.50,"unit":"kg"}}
            """)
        #expect(xml == json)
    }
}

@Suite("FHIR XML reader concurrency")
struct FHIRXMLConcurrencyTests {
    @Test("parallel parses (good and bad documents) give the same results as serial ones")
    func parallelParses() async throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/xml/patient-features", withExtension: "xml"))
        let good = try Data(contentsOf: url)
        let bad = Data("<Patient xmlns=\"http://hl7.org/fhir\"><active value=\"yes\"/></Patient>".utf8)
        let expected = try FHIRXML.parse(good)
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask {
                    if index % 2 == 0 { return (try? FHIRXML.parse(good)) == expected }
                    do {
                        _ = try FHIRXML.parse(bad)
                        return false
                    } catch let error as FHIRParseError {
                        return error.code == .invalidValue && error.line == 1
                    } catch {
                        return false
                    }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.count == 64)
        #expect(outcomes.allSatisfy { $0 })
    }
}
