import Foundation
import GRDB

/// A NoteGate OMOP vocabulary database (SQLite through GRDB), opened read-only for many concurrent readers.
///
/// Databases are written only by `AthenaImporter`, which builds a complete file beside the target and renames it into
/// place; a store therefore never sees a half-written vocabulary and never needs to write.
public final class VocabularyStore: Sendable {
    /// The read-only connection pool (several reader connections; no writer).
    public let reader: any DatabaseReader
    /// The database file.
    public let path: String
    /// The vocabulary release, e.g. `v5.0 30-AUG-24` (from the `None` row of VOCABULARY or the import's `--release`).
    public let release: String

    init(reader: any DatabaseReader, path: String) throws {
        self.reader = reader
        self.path = path
        self.release = try reader.read { db in
            guard try db.tableExists("vocabulary_metadata") else {
                throw TerminologyError(.storeUnavailable, "\(path) is not a NoteGate vocabulary database")
            }
            let version = try String.fetchOne(
                db, sql: "SELECT value FROM vocabulary_metadata WHERE key = 'schema_version'")
            guard version == VocabularySchema.version else {
                throw TerminologyError(
                    .storeUnavailable,
                    "\(path) has vocabulary schema \(version ?? "none"), expected \(VocabularySchema.version); "
                        + "re-import it with `notegate vocabulary import`")
            }
            return try String.fetchOne(db, sql: "SELECT value FROM vocabulary_metadata WHERE key = 'release'")
                ?? "unknown"
        }
    }

    /// Opens an imported vocabulary database read-only.
    public static func open(path: String, maximumReaderCount: Int = 4) throws -> VocabularyStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw TerminologyError(.storeUnavailable, "vocabulary database \(path) does not exist")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.maximumReaderCount = maximumReaderCount
        configuration.label = "vocabulary"
        configuration.prepareDatabase { db in
            // Lookups touch few pages; a larger page cache mostly helps the resolver's start-up scan.
            // Memory-mapped reads (as much of the file as SQLite allows, 2 GB by default) save a pread and a copy per
            // page, which is most of a point read's cost; safe because the file never changes under a store.
            try db.execute(sql: "PRAGMA cache_size = -16384; PRAGMA mmap_size = 1099511627776")
        }
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            return try VocabularyStore(reader: pool, path: path)
        } catch let error as TerminologyError {
            throw error
        } catch {
            throw TerminologyError(.storeUnavailable, "cannot open vocabulary database \(path)", cause: error)
        }
    }

    /// Runs a read without the BEGIN/COMMIT a `DatabasePool.read` wraps around it. Safe here because the database
    /// never changes under a store (imports build a new file and rename it), and it halves the cost of a point
    /// lookup.
    func fastRead<T>(_ body: (Database) throws -> T) throws -> T {
        try reader.unsafeRead(body)
    }

    /// Metadata written by the importer (release, import time, source, row counts).
    public func metadata() throws -> [String: String] {
        try reader.read { db in
            var result: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT key, value FROM vocabulary_metadata") {
                result[row["key"]] = row["value"]
            }
            return result
        }
    }
}
