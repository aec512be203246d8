import FHIR
import Gateway

/// The server's CapabilityStatement (`GET /fhir/metadata`), built in code so it always matches the routes that
/// are mounted; its canonical URL and the `$extract` OperationDefinition are those of `fhir-profiles/`.
enum CapabilityStatementBuilder {
    static func build(version: String, date: String, authRequired: Bool, notifications: Bool, terminology: Bool)
        -> FHIRElement
    {
        var rest = FHIRElement.complex("rest", [.string("mode", "server")])
        if authRequired {
            rest.append(.complex("security", [
                .complex("service", [
                    .complex("coding", [
                        .string("system", "http://terminology.hl7.org/CodeSystem/restful-security-service"),
                        .string("code", "OAuth"),
                    ]),
                    .string("text", "Bearer token"),
                ]),
                .string("description", "$extract and notifications require Authorization: Bearer <token>"),
            ]))
        }
        let resourceTypes: [(String, [(String, String)])] =
            [("DocumentReference", [("extract", NoteGateURIs.extractOperation)])]
            + (terminology
                ? [
                    ("CodeSystem", [("lookup", "http://hl7.org/fhir/OperationDefinition/CodeSystem-lookup")]),
                    ("ConceptMap", [("translate", "http://hl7.org/fhir/OperationDefinition/ConceptMap-translate")]),
                    ("ValueSet", [("expand", "http://hl7.org/fhir/OperationDefinition/ValueSet-expand")]),
                ] : [])
        for (type, operations) in resourceTypes {
            var resource = FHIRElement.complex("resource", [.string("type", type)])
            for (name, definition) in operations {
                resource.append(.complex("operation", [.string("name", name), .string("definition", definition)]))
            }
            rest.append(resource)
        }
        rest.append(.complex("operation", [
            .string("name", "extract"), .string("definition", NoteGateURIs.extractOperation),
        ]))
        var statement = FHIRElement.resource("CapabilityStatement", id: "notegate", [
            .string("url", NoteGateURIs.capabilityStatement),
            .string("version", version),
            .string("name", "NoteGate"),
            .string("title", "NoteGate clinical note gateway"),
            .string("status", "active"),
            .string("date", date),
            .string("publisher", "NoteGate"),
            .string("description",
                "Clinical notes in FHIR DocumentReferences to OMOP-coded Condition, MedicationStatement and "
                    + "Procedure resources" + (notifications ? "; rest-hook endpoint /fhir/notifications for "
                    + "subscription notifications (R4 backport, R4B, R5)" : "")),
            .string("kind", "instance"),
            .complex("software", [.string("name", "NoteGate"), .string("version", version)]),
            .complex("implementation", [.string("description", "NoteGate gateway")]),
            .string("fhirVersion", "4.0.1"),
            .string("format", "json"),
            .string("format", "xml"),
            .string("format", "application/fhir+json"),
            .string("format", "application/fhir+xml"),
        ])
        statement.append(rest)
        return statement
    }
}
