import FHIR
import Foundation
@testable import Gateway

/// One engine for all suites (building the lexicon from the embedded vocabulary takes a few seconds).
enum TestEngine {
    static let shared: Result<GatewayEngine, any Error> = Result { try GatewayEngine(configuration: GatewayConfiguration(noteGateVersion: "0.1.0")) }
    static func get() throws -> GatewayEngine { try shared.get() }
}

enum TestPaths {
    /// Repository root (the examples are project files, read in place rather than copied into Fixtures).
    static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let examples = root.appendingPathComponent("examples")
    static let profiles = root.appendingPathComponent("fhir-profiles")
    /// The fixed processing time the expected example outputs were generated with (examples/regenerate.sh).
    static let recordedAt = "2026-01-01T00:00:00Z"

    /// Shared data folder from `NOTEGATE_DATA`; nil when unset.
    static var data: URL? {
        guard let path = ProcessInfo.processInfo.environment["NOTEGATE_DATA"], !path.isEmpty else { return nil }
        return URL(fileURLWithPath: path)
    }
    static var requireData: Bool { ProcessInfo.processInfo.environment["NOTEGATE_REQUIRE_DATA"] == "1" }
    /// Data-driven suites run when the data is configured, or must fail when it is required but missing.
    static var dataSuitesEnabled: Bool { data != nil || requireData }

    static func fixture(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try Data(contentsOf: url)
    }
}

extension FHIRElement {
    static func parsed(_ data: Data) throws -> FHIRElement { try FHIRDocument.parse(data).resource }
}

/// A DocumentReference around an attachment, for bad-input tests.
func documentReference(id: String, attachments: [FHIRElement], subject: Bool = true) -> FHIRElement {
    var children: [FHIRElement] = [.string("status", "current")]
    if subject { children.append(.complex("subject", [.string("reference", "Patient/p1")])) }
    children.append(.string("date", "2026-02-01T08:00:00Z"))
    for attachment in attachments { children.append(.complex("content", [attachment.named("attachment")])) }
    return .resource("DocumentReference", id: id, children)
}

func attachment(contentType: String?, data: [UInt8]? = nil, base64: String? = nil, url: String? = nil) -> FHIRElement {
    var children: [FHIRElement] = []
    if let contentType { children.append(.string("contentType", contentType)) }
    if let data { children.append(.string("data", Data(data).base64EncodedString())) }
    if let base64 { children.append(.string("data", base64)) }
    if let url { children.append(.string("url", url)) }
    return .complex("attachment", children)
}

func bundle(_ resources: [(String?, FHIRElement)], type: String = "collection") -> FHIRElement {
    .resource("Bundle", [.string("type", type)] + resources.map { fullUrl, resource in
        var entry: [FHIRElement] = []
        if let fullUrl { entry.append(.string("fullUrl", fullUrl)) }
        entry.append(.nested("resource", resource: resource))
        return .complex("entry", entry)
    })
}
