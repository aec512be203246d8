import FHIR
import Foundation
import Gateway
@testable import GatewayServer
import Hummingbird
import HummingbirdTesting
import Terminology
import Testing

/// Shared, expensive set-up: one `GatewayEngine` on the embedded vocabulary for the whole test process.
enum ServerTestSupport {
    static let engineResult: Result<GatewayEngine, any Error> = Result { try GatewayEngine() }

    static func engine() throws -> GatewayEngine { try engineResult.get() }

    static func terminology() throws -> TerminologyOperations {
        TerminologyOperations(service: LocalTerminologyService(store: try engine().store))
    }

    static func fixture(_ name: String, _ ext: String = "json") throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures") else {
            throw MissingFixture(name: "\(name).\(ext)")
        }
        return try Data(contentsOf: url)
    }

    struct MissingFixture: Error { var name: String }

    /// Builds the application the way `notegate serve` does, with the given configuration.
    static func application(
        _ configuration: GatewayServerConfiguration = GatewayServerConfiguration(),
        metrics: GatewayMetrics = GatewayMetrics()
    ) async throws -> some ApplicationProtocol {
        try await GatewayApplication.build(
            configuration: configuration, engine: try engine(), terminology: try terminology(), metrics: metrics)
    }

    static func parse(_ response: TestResponse) throws -> FHIRElement {
        let bytes = Array(response.body.readableBytesView)
        let type = response.headers[.contentType] ?? ""
        return type.contains("xml") ? try FHIRXML.parse(bytes) : try FHIRJSON.parse(bytes)
    }

    /// The single issue of an OperationOutcome response.
    static func issue(_ response: TestResponse) throws -> OperationOutcome.Issue {
        let element = try parse(response)
        #expect(element.resourceType == "OperationOutcome")
        return try #require(OperationOutcome(element: element).issues.first)
    }

    static func buffer(_ data: Data) -> ByteBuffer { ByteBuffer(bytes: data) }
}

/// A temporary directory removed by `cleanUp`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("notegate-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func cleanUp() { try? FileManager.default.removeItem(at: url) }
}
