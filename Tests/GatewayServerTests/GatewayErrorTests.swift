import FHIR
import Foundation
import Gateway
@testable import GatewayServer
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Every error status the gateway answers with, each as an OperationOutcome with a precise issue code.
@Suite struct GatewayErrorTests {
    typealias Support = ServerTestSupport
    static let json: HTTPFields = [.contentType: "application/fhir+json"]

    @Test func malformedJSONIs400WithLineAndColumn() async throws {
        let app = try await Support.application()
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/fhir/$extract", method: .post, headers: Self.json,
                body: ByteBuffer(string: "{\n  \"resourceType\": \"Bundle\",\n  \"type\": collection\n}")
            ) { response throws in
                #expect(response.status == .badRequest)
                let issue = try Support.issue(response)
                #expect(issue.code == .structure)
                #expect(issue.line == 3)
            }
        }
    }

    @Test func malformedAndHostileXMLIs400() async throws {
        let app = try await Support.application()
        let xml: HTTPFields = [.contentType: "application/fhir+xml"]
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/fhir/$extract", method: .post, headers: xml,
                body: ByteBuffer(string: "<Bundle xmlns=\"http://hl7.org/fhir\"><type value=\"collection\"></Bundle>")
            ) { response throws in
                #expect(response.status == .badRequest)
                #expect(try Support.issue(response).code == .structure)
            }
            let xxe = """
                <?xml version="1.0"?><!DOCTYPE Bundle [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <Bundle xmlns="http://hl7.org/fhir"><type value="&x;"/></Bundle>
                """
            try await client.execute(uri: "/fhir/$extract", method: .post, headers: xml, body: ByteBuffer(string: xxe)) {
                response throws in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType]?.hasPrefix("application/fhir+xml") == true)
                let issue = try Support.issue(response)
                #expect(issue.code == .security)
                #expect(issue.diagnostics?.contains("root:") != true)
            }
        }
    }

    @Test func missingBodyIs400Required() async throws {
        let app = try await Support.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/fhir/$extract", method: .post, headers: Self.json) { response throws in
                #expect(response.status == .badRequest)
                #expect(try Support.issue(response).code == .required)
            }
        }
    }

    @Test func bearerTokenGuardsWriteOperationsOnly() async throws {
        let app = try await Support.application(GatewayServerConfiguration(authToken: "s3cret"))
        let body = try Support.fixture("two-notes-bundle")
        try await app.test(.router) { client in
            for authorization in [nil, "Bearer wrong", "Basic czNjcmV0", "Bearer s3cre", "Bearer s3crett"] as [String?] {
                var headers = Self.json
                if let authorization { headers[.authorization] = authorization }
                try await client.execute(
                    uri: "/fhir/$extract", method: .post, headers: headers, body: Support.buffer(body)
                ) { response throws in
                    #expect(response.status == .unauthorized, "\(authorization ?? "none")")
                    #expect(response.headers[.wwwAuthenticate] == "Bearer realm=\"notegate\"")
                    #expect(try Support.issue(response).code == .login)
                }
            }
            try await client.execute(
                uri: "/fhir/notifications", method: .post, headers: Self.json,
                body: Support.buffer(NotificationBuilder.json(NotificationBuilder.handshake()))
            ) { #expect($0.status == .unauthorized) }
            var headers = Self.json
            headers[.authorization] = "Bearer s3cret"
            try await client.execute(uri: "/fhir/$extract", method: .post, headers: headers, body: Support.buffer(body)) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/fhir/metadata", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/fhir/CodeSystem/$lookup?system=https://fhir-terminology.ohdsi.org&code=320128",
                                     method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test func unknownPathIs404() async throws {
        let app = try await Support.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/fhir/Patient/1", method: .get) { response throws in
                #expect(response.status == .notFound)
                let issue = try Support.issue(response)
                #expect(issue.code == .notFound)
                #expect(issue.diagnostics?.contains("/fhir/Patient/1") == true)
            }
        }
    }

    @Test func wrongMethodIs405WithAllow() async throws {
        let app = try await Support.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/fhir/$extract", method: .get) { response throws in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
                #expect(try Support.issue(response).code == .notSupported)
            }
            try await client.execute(uri: "/fhir/metadata", method: .delete) { response throws in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
            }
        }
    }

    @Test func unacceptableAnswerFormatIs406() async throws {
        let app = try await Support.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/fhir/metadata", method: .get, headers: [.accept: "text/html"]) { response throws in
                #expect(response.status == .notAcceptable)
                #expect(response.headers[.contentType]?.hasPrefix("application/fhir+json") == true)
                #expect(try Support.issue(response).code == .notSupported)
            }
            try await client.execute(uri: "/fhir/metadata?_format=turtle", method: .get) { response throws in
                #expect(response.status == .notAcceptable)
                #expect(try Support.issue(response).expression == ["_format"])
            }
        }
    }

    @Test func oversizedBodyIs413() async throws {
        let app = try await Support.application(GatewayServerConfiguration(maxBodySize: 1000))
        let body = try Support.fixture("two-notes-bundle")
        #expect(body.count > 1000)
        try await app.test(.router) { client in
            try await client.execute(uri: "/fhir/$extract", method: .post, headers: Self.json, body: Support.buffer(body)) {
                response throws in
                #expect(response.status == .contentTooLarge)
                let issue = try Support.issue(response)
                #expect(issue.code == .tooLong)
                #expect(issue.diagnostics?.contains("1000 bytes") == true)
            }
        }
    }

    @Test func wrongMediaTypeIs415() async throws {
        let app = try await Support.application()
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/fhir/$extract", method: .post, headers: [.contentType: "text/plain"],
                body: ByteBuffer(string: "Patient has hypertension.")
            ) { response throws in
                #expect(response.status == .unsupportedMediaType)
                let issue = try Support.issue(response)
                #expect(issue.code == .notSupported)
                #expect(issue.diagnostics?.contains("text/plain") == true)
            }
        }
    }

    @Test func unprocessableDocumentsAre422() async throws {
        let app = try await Support.application()
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/fhir/DocumentReference/$extract", method: .post, headers: Self.json,
                body: Support.buffer(try Support.fixture("pdf-only-docref"))
            ) { response throws in
                #expect(response.status == .unprocessableContent)
                #expect(try Support.issue(response).code == .notSupported)
            }
            let patient = FHIRJSON.serialize(.resource("Patient", id: "p1"))
            try await client.execute(uri: "/fhir/$extract", method: .post, headers: Self.json, body: Support.buffer(patient)) {
                response throws in
                #expect(response.status == .unprocessableContent)
                #expect(try Support.parse(response).resourceType == "OperationOutcome")
            }
        }
    }

    @Test func unexpectedErrorsAre500WithoutDetails() throws {
        struct Boom: Error, CustomStringConvertible { var description: String { "secret internals" } }
        let request = Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "x", path: "/fhir/$extract"),
            body: RequestBody(buffer: ByteBuffer()))
        let error = GatewayResponder<RouterResponder<BasicRequestContext>>.httpError(
            for: Boom(), request: request, route: .extract, logger: Logger(label: "test"))
        #expect(error.status == .internalServerError)
        #expect(error.outcome.issues.first?.code == .exception)
        #expect(error.outcome.issues.first?.diagnostics?.contains("secret") == false)
    }

    @Test func notificationsWithoutAQueueAre503() async throws {
        let app = try await Support.application()
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/fhir/notifications", method: .post, headers: Self.json,
                body: Support.buffer(NotificationBuilder.json(NotificationBuilder.handshake()))
            ) { response throws in
                #expect(response.status == .serviceUnavailable)
                #expect(try Support.issue(response).code == .notSupported)
            }
        }
    }
}
