import Foundation
import Testing

/// Access to the shared data sets through `NOTEGATE_DATA`. Suites that need them are enabled only when it is set;
/// `NOTEGATE_REQUIRE_DATA=1` without the data makes `SharedDataRequirementTests` fail.
enum SharedData {
    static var directory: URL? {
        guard let path = ProcessInfo.processInfo.environment["NOTEGATE_DATA"], !path.isEmpty else { return nil }
        let url = URL(fileURLWithPath: path)
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("fhir-r4-examples").path) ? url : nil
    }

    static var isAvailable: Bool { directory != nil }

    static var isRequired: Bool { ProcessInfo.processInfo.environment["NOTEGATE_REQUIRE_DATA"] == "1" }

    static func files(_ relativePath: String, extension fileExtension: String) -> [URL] {
        guard let directory else { return [] }
        let folder = directory.appendingPathComponent(relativePath)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix("." + fileExtension) }.sorted().map { folder.appendingPathComponent($0) }
    }

    static func bytes(_ url: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url))
    }
}

@Suite("Shared data requirement")
struct SharedDataRequirementTests {
    @Test("NOTEGATE_DATA is present when NOTEGATE_REQUIRE_DATA=1")
    func dataPresentWhenRequired() {
        if SharedData.isRequired {
            #expect(SharedData.isAvailable, "NOTEGATE_REQUIRE_DATA=1 but NOTEGATE_DATA does not point at the shared data")
        }
    }
}
