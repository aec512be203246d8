import Foundation
import Testing
@testable import FHIR

@Suite("FHIR R4 definitions")
struct FHIRDefinitionsTests {
    let definitions = FHIRDefinitions.r4

    @Test("all resources and data types are present")
    func coverage() {
        #expect(definitions.resourceTypeNames.count == 146)
        #expect(definitions.types.values.filter { $0.kind == .primitive }.count == 20)
        #expect(definitions.isResourceType("DocumentReference"))
        #expect(!definitions.isResourceType("DomainResource"))
        #expect(!definitions.isResourceType("CodeableConcept"))
    }

    @Test("element order includes inherited elements first")
    func order() throws {
        let patient = try #require(definitions.type("Patient"))
        #expect(patient.elements.prefix(12).map(\.name) == [
            "id", "meta", "implicitRules", "language", "text", "contained", "extension", "modifierExtension",
            "identifier", "active", "name", "telecom",
        ])
        let contact = try #require(definitions.type("Patient.contact"))
        #expect(contact.kind == .backboneElement)
        #expect(contact.elements.prefix(4).map(\.name) == ["id", "extension", "modifierExtension", "relationship"])
    }

    @Test("cardinality, choice types, content references, primitive JSON kinds")
    func details() throws {
        let status = try #require(definitions.element(path: "Observation.status"))
        #expect(status.min == 1 && status.max == 1 && !status.isArray && status.types == ["code"])
        let value = try #require(definitions.type("Observation")?.element(named: "valueQuantity"))
        #expect(value.definition.isChoice && value.typeName == "Quantity")
        #expect(definitions.type("Observation")?.element(named: "valueSampledData")?.typeName == "SampledData")
        let item = try #require(definitions.type("Questionnaire.item")?.element(named: "item"))
        #expect(item.definition.isContentReference && item.typeName == "Questionnaire.item" && item.definition.isArray)
        #expect(definitions.type("Parameters.parameter")?.element(named: "part")?.typeName == "Parameters.parameter")
        #expect(definitions.type("Bundle.entry")?.element(named: "resource")?.typeName == "Resource")
        #expect(definitions.type("Narrative")?.element(named: "div")?.typeName == "xhtml")
        #expect(definitions.type("decimal")?.jsonKind == .number)
        #expect(definitions.type("positiveInt")?.jsonKind == .number)
        #expect(definitions.type("boolean")?.jsonKind == .boolean)
        #expect(definitions.type("dateTime")?.jsonKind == .string)
        #expect(definitions.element(path: "Resource.id")?.types == ["id"])
        #expect(definitions.element(path: "Extension.url")?.types == ["uri"])
    }

    @Test("the generator reruns identically (needs python3 and NOTEGATE_DATA)",
          .enabled(if: SharedData.isAvailable && FHIRDefinitionsTests.python != nil, "python3 or NOTEGATE_DATA missing: skipped"))
    func generatorDeterminism() throws {
        let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let generated = root.appendingPathComponent("Sources/FHIR/Definitions/FHIRDefinitions+R4Table.swift")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python!)
        process.arguments = [
            root.appendingPathComponent("scripts/generate_fhir_definitions.py").path,
            SharedData.directory!.appendingPathComponent("fhir-r4-definitions/StructureDefinition").path, "-",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output == (try Data(contentsOf: generated)))
    }

    static let python: String? = ["/usr/bin/python3", "/usr/local/bin/python3"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
}
