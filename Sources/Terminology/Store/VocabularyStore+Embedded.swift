import Foundation

extension VocabularyStore {
    /// The Athena-layout folder of the embedded demonstration vocabulary inside the module's resources.
    public static var embeddedVocabularyDirectory: String {
        get throws {
            guard let url = Bundle.module.url(forResource: "Resources/EmbeddedVocabulary", withExtension: nil)
                ?? Bundle.module.resourceURL?.appendingPathComponent("Resources/EmbeddedVocabulary"),
                FileManager.default.fileExists(atPath: url.appendingPathComponent("CONCEPT.csv").path)
            else {
                throw TerminologyError(.storeUnavailable, "the embedded vocabulary is missing from the module bundle")
            }
            return url.path
        }
    }

    /// Opens the embedded default vocabulary (a demonstration subset of OHDSI public sample data).
    ///
    /// The package ships the subset as compact Athena-layout files; the first call imports them with the regular
    /// importer into a cache file named after a hash of their content (`$NOTEGATE_CACHE_DIR`, else
    /// `$XDG_CACHE_HOME/notegate`, else `~/.cache/notegate`, else the temporary folder), and later calls, in this
    /// process or others, open that file directly. The importer's build-then-rename makes concurrent first calls safe.
    public static func openEmbedded(cacheDirectory: String? = nil) throws -> VocabularyStore {
        let source = try embeddedVocabularyDirectory
        let fingerprint = try Self.fingerprint(ofDirectory: source)
        var lastError: (any Error)?
        for directory in candidateCacheDirectories(preferred: cacheDirectory) {
            let path = (directory as NSString).appendingPathComponent("embedded-vocabulary-\(fingerprint).sqlite")
            if FileManager.default.fileExists(atPath: path), let store = try? open(path: path) {
                return store
            }
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                try AthenaImporter(directory: source, options: AthenaImportOptions(strict: true)).run(into: path)
                return try open(path: path)
            } catch {
                lastError = error
            }
        }
        throw TerminologyError(
            .storeUnavailable, "cannot prepare the embedded vocabulary in any cache folder",
            cause: lastError)
    }

    static func candidateCacheDirectories(preferred: String?) -> [String] {
        let environment = ProcessInfo.processInfo.environment
        var directories: [String] = []
        if let preferred { directories.append(preferred) }
        if let configured = environment["NOTEGATE_CACHE_DIR"], !configured.isEmpty { directories.append(configured) }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            directories.append((xdg as NSString).appendingPathComponent("notegate"))
        }
        if let home = environment["HOME"], !home.isEmpty {
            directories.append((home as NSString).appendingPathComponent(".cache/notegate"))
        }
        directories.append((NSTemporaryDirectory() as NSString).appendingPathComponent("notegate"))
        return directories
    }

    /// FNV-1a over the names and bytes of the folder's files: a changed asset gets a new cache file.
    static func fingerprint(ofDirectory directory: String) throws -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }
        mix(VocabularySchema.version.utf8)
        for name in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() {
            mix(name.utf8)
            let data = try Data(contentsOf: URL(fileURLWithPath: (directory as NSString).appendingPathComponent(name)))
            mix(data)
        }
        return String(hash, radix: 16)
    }
}
