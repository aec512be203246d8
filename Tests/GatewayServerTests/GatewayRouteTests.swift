import FHIR
import Foundation
import Gateway
@testable import GatewayServer
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct GatewayRouteTests {
    typealias Support = ServerTestSupport

    @Test func metadataIsACapabilityStatementInEitherFormat() async throws {
        let app = try await Support.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/fhir/metadata", method: .get) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/fhir+json; charset=utf-8")
                let statement = try Support.parse(response)
                #expect(statement.resourceType == "CapabilityStatement")
                #expect(statement.string("fhirVersion") == "4.0.1")
                #expect(statement.strings("format").contains("application/fhir+xml"))
                let resources = statement.all(path: "rest.resource")
                #expect(resources.compactMap { $0.string("type") }
                    == ["DocumentReference", "CodeSystem", "ConceptMap", "ValueSet"])
                #expect(statement.all(path: "rest.operation").first?.string("definition")
                    == NoteGateURIs.extractOperation)
            }
            try await client.execute(uri: "/fhir/metadata", method: .get, headers: [.accept: "application/fhir+xml"]) {
                response throws in
                #expect(response.headers[.contentType] == "application/fhir+xml; charset=utf-8")
                #expect(try Support.parse(response).resourceType == "CapabilityStatement")
            }
            try await client.execute(uri: "/fhir/metadata?_format=xml", method: .get) { response throws in
                #expect(response.headers[.contentType]?.hasPrefix("application/fhir+xml") == true)
            }
        }
    }

    @Test func healthReportsQueueState() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let app = try await Support.application(GatewayServerConfiguration(
            notifications: NotificationConfiguration(queuePath: directory.path("q.sqlite"), runsWorker: false)))
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response throws in
                #expect(response.status == .ok)
                let json = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                #expect(json?["status"] as? String == "ok")
                #expect((json?["jobs"] as? [String: Int])?["pending"] == 0)
            }
        }
    }

    @Test func extractAnswersABundleOfCodedResources() async throws {
        let app = try await Support.application()
        let body = try Support.fixture("two-notes-bundle")
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/fhir/$extract", method: .post, headers: [.contentType: "application/fhir+json"],
                body: Support.buffer(body)
            ) { response throws in
                #expect(response.status == .ok)
                let bundle = try Support.parse(response)
                #expect(bundle.resourceType == "Bundle")
                #expect(bundle.string("type") == "collection")
                let resources = bundle.all(path: "entry.resource")
                let types = Set(resources.compactMap(\.resourceType))
                #expect(types.isSuperset(of: ["Condition", "MedicationStatement", "Provenance"]))
                let omopCodes = Set(resources.flatMap { $0.all(path: "code.coding") }
                    .filter { $0.string("system") == NoteGateURIs.omopSystem }.compactMap { $0.string("code") })
                #expect(omopCodes.isSuperset(of: ["201826", "320128"]))  // type 2 diabetes, essential hypertension
            }
        }
    }

    @Test func operationPathsAcceptEscapedDollarAndTheTypeLevelForm() async throws {
        let app = try await Support.application()
        let document = try FHIRJSON.parse(Support.fixture("two-notes-bundle")).all(path: "entry.resource")[1]
        let parameters = FHIRElement.resource("Parameters", [
            .complex("parameter", [.string("name", "resource"), .nested("resource", resource: document)]),
        ])
        try await app.test(.router) { client in
            for uri in ["/fhir/%24extract", "/fhir/DocumentReference/$extract", "/fhir/DocumentReference/%24extract"] {
                try await client.execute(
                    uri: uri, method: .post, headers: [.contentType: "application/fhir+json"],
                    body: Support.buffer(FHIRJSON.serialize(document))
                ) { response throws in
                    #expect(response.status == .ok, "\(uri)")
                    #expect(try Support.parse(response).string("type") == "collection")
                }
            }
            try await client.execute(
                uri: "/fhir/$extract", method: .post, headers: [.contentType: "application/fhir+json"],
                body: Support.buffer(FHIRJSON.serialize(parameters))
            ) { response throws in
                #expect(response.status == .ok)
                let conditions = try Support.parse(response).all(path: "entry.resource")
                    .filter { $0.resourceType == "Condition" }
                #expect(!conditions.isEmpty)
            }
        }
    }

    /// The same content in JSON or XML gives the same resources, and either can be answered in either format.
    @Test func jsonAndXMLInputsGiveIdenticalResults() async throws {
        let app = try await Support.application()
        let json = try Support.fixture("two-notes-bundle")
        let xml = FHIRXML.serialize(try FHIRJSON.parse(json))
        try await app.test(.router) { client in
            var results: [[String]] = []
            for (body, contentType, accept) in [
                (json, "application/fhir+json", "application/fhir+json"),
                (xml, "application/fhir+xml", "application/fhir+json"),
                (json, "application/json", "application/fhir+xml"),
                (xml, "application/xml", "application/xml"),
            ] {
                try await client.execute(
                    uri: "/fhir/$extract", method: .post, headers: [.contentType: contentType, .accept: accept],
                    body: Support.buffer(body)
                ) { response throws in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix(accept) == true)
                    let resources = try Support.parse(response).all(path: "entry.resource")
                    results.append(resources.map { "\($0.resourceType ?? "")/\($0.logicalID ?? "")" }.sorted())
                }
            }
            #expect(results.count == 4)
            #expect(!results[0].isEmpty)
            #expect(results.allSatisfy { $0 == results[0] })
        }
    }

    /// Compact JSON is written from the resource plans, pretty JSON and XML from the trees: the same resources.
    @Test func compactAndTreeRenderedAnswersCarryTheSameResources() async throws {
        let app = try await Support.application()
        let body = try Support.fixture("two-notes-bundle")
        try await app.test(.router) { client in
            var answers: [[String]] = []
            for uri in ["/fhir/$extract", "/fhir/$extract?_pretty=true", "/fhir/$extract?_format=xml"] {
                try await client.execute(
                    uri: uri, method: .post, headers: [.contentType: "application/fhir+json"], body: Support.buffer(body)
                ) { response throws in
                    #expect(response.status == .ok)
                    let bundle = try Support.parse(response)
                    // Provenance.recorded (and so the Bundle's id and timestamp) is the time of each request.
                    answers.append(bundle.all(path: "entry.resource").filter { $0.resourceType != "Provenance" }
                        .map { FHIRJSON.serializeString($0) })
                }
            }
            #expect(answers.count == 3)
            #expect(answers[0].count > 2)
            #expect(answers[1] == answers[0])
            #expect(answers[2] == answers[0])
        }
    }

    @Test func oneBadDocumentDoesNotSinkTheOthers() async throws {
        let app = try await Support.application()
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/fhir/$extract", method: .post, headers: [.contentType: "application/fhir+json"],
                body: Support.buffer(try Support.fixture("one-bad-base64-bundle"))
            ) { response throws in
                #expect(response.status == .ok)
                let resources = try Support.parse(response).all(path: "entry.resource")
                #expect(resources.contains { $0.resourceType == "Condition" })
                let outcome = try #require(resources.last)
                #expect(outcome.resourceType == "OperationOutcome")
                let issue = try #require(OperationOutcome(element: outcome).issues.first { $0.severity == .error })
                #expect(issue.code == .invalid)
                #expect(issue.expression.first?.hasPrefix("Bundle.entry[1]") == true)
            }
        }
    }

    @Test func metricsCountRequestsNotesAndMentions() async throws {
        let metrics = GatewayMetrics()
        let app = try await Support.application(metrics: metrics)
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/fhir/$extract", method: .post, headers: [.contentType: "application/fhir+json"],
                body: Support.buffer(try Support.fixture("two-notes-bundle"))
            ) { #expect($0.status == .ok) }
            try await client.execute(uri: "/nowhere", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/metrics", method: .get) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                let text = String(buffer: response.body)
                #expect(text.contains("notegate_notes_total 2"))
                #expect(text.contains(#"notegate_http_requests_total{method="POST",route="/fhir/$extract",status="200"} 1"#))
                #expect(text.contains(#"notegate_http_requests_total{method="GET",route="unmatched",status="404"} 1"#))
                #expect(text.contains(#"notegate_http_request_duration_seconds_bucket{route="/fhir/$extract""#))
                #expect(text.contains(#"notegate_mentions_total{label="PROBLEM"}"#))
                #expect(text.contains(#"notegate_mentions_total{label="MEDICATION"}"#))
                #expect(text.contains("notegate_mentions_unresolved_ratio"))
                #expect(text.contains("# TYPE notegate_http_request_duration_seconds histogram"))
            }
        }
    }

    @Test func terminologyOperationsAreMounted() async throws {
        let app = try await Support.application()
        let omop = "https://fhir-terminology.ohdsi.org"
        try await app.test(.router) { client in
            try await client.execute(uri: "/fhir/CodeSystem/$lookup?system=\(omop)&code=320128", method: .get) {
                response throws in
                #expect(response.status == .ok)
                let parameters = try Support.parse(response)
                let display = parameters.all("parameter").first { $0.string("name") == "display" }
                #expect(display?.string("valueString") == "Essential hypertension")
            }
            let request = FHIRElement.resource("Parameters", [
                .complex("parameter", [.string("name", "system"), .string("valueUri", omop)]),
                .complex("parameter", [.string("name", "code"), .string("valueCode", "1503297")]),
            ])
            try await client.execute(
                uri: "/fhir/CodeSystem/%24lookup", method: .post, headers: [.contentType: "application/fhir+xml"],
                body: Support.buffer(FHIRXML.serialize(request))
            ) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/fhir+xml") == true)
                let display = try Support.parse(response).all("parameter").first { $0.string("name") == "display" }
                #expect(display?.string("valueString") == "metformin")
            }
            try await client.execute(uri: "/fhir/CodeSystem/$lookup?system=\(omop)&code=999999999", method: .get) {
                response throws in
                #expect(response.status == .notFound)
                #expect(try Support.issue(response).code == .notFound)
            }
            try await client.execute(uri: "/fhir/CodeSystem/$lookup?code=320128", method: .get) { response throws in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/fhir/ValueSet/$expand?filter=hypertension&count=5", method: .get) {
                response throws in
                #expect(response.status == .ok)
                #expect(try Support.parse(response).resourceType == "ValueSet")
            }
            try await client.execute(
                uri: "/fhir/ConceptMap/$translate?system=http://snomed.info/sct&code=59621000&targetsystem=\(omop)",
                method: .get
            ) { response throws in
                #expect(response.status == .ok)
                #expect(try Support.parse(response).resourceType == "Parameters")
            }
        }
    }
}
