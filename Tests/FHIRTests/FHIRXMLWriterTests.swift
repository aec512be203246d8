import Foundation
import Testing
@testable import FHIR

@Suite("FHIR XML writer")
struct FHIRXMLWriterTests {
    static func text(_ element: FHIRElement, pretty: Bool = false) -> String {
        String(decoding: FHIRXML.serialize(element, pretty: pretty), as: UTF8.self)
    }

    @Test("children are written in definition order whatever the tree order")
    func definitionOrder() {
        let patient = FHIRElement.resource("Patient", id: "p", [
            .complex("name", [.string("given", "Peter"), .string("family", "Chalmers")]),
            .boolean("active", true),
            .string("gender", "male"),
        ])
        #expect(Self.text(patient) == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<Patient xmlns=\"http://hl7.org/fhir\"><id value=\"p\"/><active value=\"true\"/>"
            + "<name><family value=\"Chalmers\"/><given value=\"Peter\"/></name><gender value=\"male\"/></Patient>")
    }

    @Test("ids, extension urls, extensions on primitives and escaping")
    func attributes() {
        var birthDate = FHIRElement.string("birthDate", "1974-12-25")
        birthDate.id = "b1"
        birthDate.append(.extension(url: "http://x/t?a=1&b=2", [.string("valueDateTime", "1974-12-25T14:35:45Z")]))
        let patient = FHIRElement.resource("Patient", [
            birthDate,
            .complex("name", id: "n\"1", [.string("text", "a < b & \"c\"\nd")]),
        ])
        #expect(Self.text(patient).hasSuffix(
            "<Patient xmlns=\"http://hl7.org/fhir\"><name id=\"n&quot;1\"><text value=\"a &lt; b &amp; &quot;c&quot;&#10;d\"/></name>"
                + "<birthDate id=\"b1\" value=\"1974-12-25\"><extension url=\"http://x/t?a=1&amp;b=2\">"
                + "<valueDateTime value=\"1974-12-25T14:35:45Z\"/></extension></birthDate></Patient>"))
    }

    @Test("nested resources get their wrapper; the narrative gets the XHTML namespace")
    func wrappersAndNarrative() throws {
        let organization = FHIRElement.resource("Organization", id: "o", [.string("name", "Acme")])
        let patient = FHIRElement.resource("Patient", [
            .nested("contained", resource: organization),
            .complex("text", [
                .string("status", "generated"), FHIRElement(name: "div", xhtml: "<div>Peter &amp; Jim</div>"),
            ]),
        ])
        let xml = Self.text(patient)
        #expect(xml.contains("<text><status value=\"generated\"/><div xmlns=\"http://www.w3.org/1999/xhtml\">Peter &amp; Jim</div></text>"))
        #expect(xml.contains("<contained><Organization><id value=\"o\"/><name value=\"Acme\"/></Organization></contained>"))
        // And it reads back in definition order (text before contained), the namespace now declared.
        let expected = FHIRElement.resource("Patient", [
            .complex("text", [
                .string("status", "generated"),
                FHIRElement(name: "div", xhtml: "<div xmlns=\"http://www.w3.org/1999/xhtml\">Peter &amp; Jim</div>"),
            ]),
            .nested("contained", resource: organization),
        ])
        #expect(try FHIRXML.parse(xml) == expected)
    }

    @Test("pretty output indents, parses back to the same tree, and is deterministic")
    func prettyOutput() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/xml/patient-features", withExtension: "xml"))
        let tree = try FHIRXML.parse(try Data(contentsOf: url))
        let pretty = FHIRXML.serialize(tree, pretty: true)
        let compact = FHIRXML.serialize(tree)
        #expect(pretty.count > compact.count)
        #expect(String(decoding: pretty, as: UTF8.self).contains("\n  <active value=\"true\"/>\n"))
        #expect(try FHIRXML.parse(pretty) == tree)
        #expect(try FHIRXML.parse(compact) == tree)
        #expect(FHIRXML.serialize(tree, pretty: true) == pretty)
    }
}

@Suite("FHIR XML writer edge cases")
struct FHIRXMLWriterEdgeCaseTests {
    @Test("control characters XML cannot carry become U+FFFD; tab, CR and LF survive")
    func controlCharacters() throws {
        let patient = FHIRElement.resource("Patient", [.complex("name", [.string("text", "a\u{1}b\tc\rd\ne")])])
        let xml = FHIRXML.serialize(patient)
        let text = try FHIRXML.parse(xml).string(path: "name.text")
        #expect(text == "a\u{FFFD}b\tc\rd\ne")
    }
}
