import Testing
@testable import FHIR

/// The compact JSON writer renders a sub-tree shared by several parents once and copies the bytes afterwards.
/// These tests pin that the copies are exactly what rendering each occurrence afresh gives, including when one
/// shared sub-tree sits under parents of different types and when it is empty.
@Suite("JSON writer: shared sub-trees")
struct JSONWriterSharedSubtreeTests {
    static func coding(_ name: String) -> FHIRElement {
        .complex(name, [.string("system", "http://loinc.org"), .string("code", "1234-5"), .string("display", "A \"quoted\" name")])
    }

    static func assertionExtension() -> FHIRElement {
        .extension(url: "https://example.org/assertion", [
            .extension(url: "negated", [.boolean("valueBoolean", false)]),
            .extension(url: "section", [.string("valueCode", "hpi")]),
        ])
    }

    /// Builds an Observation; `shared` decides whether the repeated parts are one value (shared storage) or
    /// built afresh at each use (distinct storage).
    static func observation(id: String, shared: Bool) -> FHIRElement {
        let sharedCoding = coding("coding")
        let sharedExtension = assertionExtension()
        // Children that render to nothing: an empty object must stay omitted when its rendering is reused.
        let sharedEmpty = FHIRElement.complex("period", [.complex("extension", []), .complex("extension", [])])
        func part(_ make: () -> FHIRElement, _ value: FHIRElement) -> FHIRElement { shared ? value : make() }
        return .resource("Observation", id: id, [
            .complex("meta", [part({ coding("tag") }, { var tag = sharedCoding; tag.name = "tag"; return tag }())]),
            part(assertionExtension, sharedExtension),
            .string("status", "final"),
            .complex("code", [part({ coding("coding") }, sharedCoding), part({ coding("coding") }, sharedCoding)]),
            part({ .complex("period", [.complex("extension", []), .complex("extension", [])]) },
                 { var empty = sharedEmpty; empty.name = "effectivePeriod"; return empty }()),
            .complex("valueCodeableConcept", [part({ coding("coding") }, sharedCoding)]),
        ])
    }

    @Test("A Bundle whose entries share sub-trees serializes byte-identically to one without sharing")
    func sharedEqualsFresh() throws {
        func bundle(shared: Bool) -> FHIRElement {
            let entry = Self.observation(id: "a", shared: shared)
            return .resource("Bundle", id: "b", [
                .string("type", "collection"),
                .complex("entry", [.nested("resource", resource: entry)]),
                .complex("entry", [.nested("resource", resource: shared ? entry : Self.observation(id: "a", shared: false))]),
                .complex("entry", [.nested("resource", resource: Self.observation(id: "c", shared: shared))]),
            ])
        }
        let sharedBytes = FHIRJSON.serializeBytes(bundle(shared: true))
        let freshBytes = FHIRJSON.serializeBytes(bundle(shared: false))
        #expect(String(decoding: sharedBytes, as: UTF8.self) == String(decoding: freshBytes, as: UTF8.self))
        // And the pretty form (which never reuses renderings) holds the same document.
        let reparsed = try FHIRJSON.parse(FHIRJSON.serializeBytes(bundle(shared: true), pretty: true))
        #expect(FHIRJSON.serializeBytes(reparsed) == freshBytes)
        // The empty shared object is left out everywhere, and the shared coding appears in full each time.
        let text = String(decoding: sharedBytes, as: UTF8.self)
        #expect(!text.contains("effectivePeriod"))
        #expect(text.components(separatedBy: #""code":"1234-5""#).count - 1 == 12)
    }
}
