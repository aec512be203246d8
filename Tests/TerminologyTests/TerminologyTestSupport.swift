import Foundation
@testable import Terminology

/// Fixture paths and shared stores for the Terminology suites.
enum TerminologyFixtures {
    static func directory(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!.path
    }

    /// A fresh empty folder under the temporary directory.
    static func temporaryDirectory() throws -> String {
        let path = (NSTemporaryDirectory() as NSString)
            .appendingPathComponent("notegate-terminology-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The fixture Athena folder imported once per test process.
    static let fixtureStore: VocabularyStore = {
        let folder = try! temporaryDirectory()
        let path = (folder as NSString).appendingPathComponent("fixture.sqlite")
        try! AthenaImporter(directory: directory("Athena"), options: AthenaImportOptions(strict: true)).run(into: path)
        return try! VocabularyStore.open(path: path)
    }()

    /// The embedded demonstration vocabulary, built into a private cache folder once per test process so the
    /// embedded-asset import path itself is exercised.
    static let embeddedStore: VocabularyStore = {
        try! VocabularyStore.openEmbedded(cacheDirectory: try! temporaryDirectory())
    }()

    static let embeddedResolver: ConceptResolver = {
        try! ConceptResolver(store: embeddedStore)
    }()
}
