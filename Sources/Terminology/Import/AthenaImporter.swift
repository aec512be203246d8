import Foundation
import GRDB
import GRDBSQLite

/// Loads an Athena vocabulary download (tab-separated `CONCEPT.csv`, `CONCEPT_SYNONYM.csv`,
/// `CONCEPT_RELATIONSHIP.csv`, `CONCEPT_ANCESTOR.csv`, `VOCABULARY.csv`) into a NoteGate vocabulary database.
///
/// Built for full downloads (millions of concepts, tens of millions of relationships):
/// - files are streamed through one fixed buffer and rows are bound straight from the bytes into one prepared
///   statement per table (no per-row Swift strings), in large transactions, with `journal_mode=OFF` and
///   `synchronous=OFF`; indexes and the text-search index are built once after the load;
/// - the database is built in `<target>.importing-<pid>` and renamed over the target only when complete, so an
///   interrupted or failed import leaves the previous database untouched and still served;
/// - bad rows are reported with file and line and skipped, unless `strict` is set.
public struct AthenaImporter: Sendable {
    public var directory: String
    public var options: AthenaImportOptions

    public init(directory: String, options: AthenaImportOptions = AthenaImportOptions()) {
        self.directory = directory
        self.options = options
    }

    /// Imports into `databasePath`, replacing any database there only once the new one is complete.
    @discardableResult
    public func run(into databasePath: String) throws -> ImportReport {
        let started = Date()
        let files = try locateFiles()
        let temporaryPath = "\(databasePath).importing-\(getpid())"
        removeDatabaseFiles(at: temporaryPath)
        var report = ImportReport()
        report.missingOptionalFiles = files.filter { $0.path == nil }.map { "\($0.table.fileName).csv" }
        do {
            try build(at: temporaryPath, files: files, report: &report)
            try Self.synchronize(path: temporaryPath)
            guard rename(temporaryPath, databasePath) == 0 else {
                throw TerminologyError(
                    .importFailed,
                    "cannot move \(temporaryPath) to \(databasePath): \(String(cString: strerror(errno)))")
            }
            // A leftover rollback journal of an older database at this path would be applied to the new file.
            removeDatabaseFiles(at: databasePath, keepingMainFile: true)
            try? Self.synchronize(path: (databasePath as NSString).deletingLastPathComponent, directory: true)
        } catch {
            removeDatabaseFiles(at: temporaryPath)
            throw error
        }
        report.elapsedSeconds = Date().timeIntervalSince(started)
        return report
    }

    struct LocatedFile {
        var table: AthenaTable
        var path: String?
        var size: Int
    }

    /// Finds each table's file by name, case-insensitively, as `.csv` (Athena) or `.tsv`.
    func locateFiles() throws -> [LocatedFile] {
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw TerminologyError(.importFailed, "cannot read Athena directory \(directory)", cause: error)
        }
        var byName: [String: String] = [:]
        for entry in entries {
            let lower = entry.lowercased()
            for suffix in [".csv", ".tsv"] where lower.hasSuffix(suffix) {
                byName[String(lower.dropLast(suffix.count))] = entry
            }
        }
        return try AthenaTable.all.map { table in
            guard let entry = byName[table.fileName.lowercased()] else {
                if table.required {
                    throw TerminologyError(
                        .importFailed, "\(directory) has no \(table.fileName).csv (an Athena download has one)")
                }
                return LocatedFile(table: table, path: nil, size: 0)
            }
            let path = (directory as NSString).appendingPathComponent(entry)
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            return LocatedFile(table: table, path: path, size: size)
        }
    }

    private func build(at path: String, files: [LocatedFile], report: inout ImportReport) throws {
        var configuration = Configuration()
        configuration.label = "vocabulary-import"
        let cacheKiB = options.cacheKiB
        configuration.prepareDatabase { db in
            // Nothing of a half-built file is worth protecting: it is renamed into place only when complete.
            try db.execute(sql: """
                PRAGMA journal_mode = OFF;
                PRAGMA synchronous = OFF;
                PRAGMA locking_mode = EXCLUSIVE;
                PRAGMA cache_size = -\(cacheKiB);
                PRAGMA temp_store = FILE;
                PRAGMA threads = 2;
                """)
        }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        let migrator = VocabularySchema.migrator
        try migrator.migrate(queue, upTo: VocabularySchema.tablesMigration)

        let bytesTotal = files.reduce(0) { $0 + $1.size }
        var bytesBefore = 0
        try queue.inDatabase { db in
            for file in files {
                guard let filePath = file.path else { continue }
                let loader = AthenaFileLoader(
                    table: file.table, path: filePath, options: options, bytesBefore: bytesBefore,
                    bytesTotal: bytesTotal)
                let count = try loader.load(into: db, report: &report)
                report.rowCounts[file.table.tableName] = count
                bytesBefore += file.size
            }
        }
        for table in AthenaTable.all where report.rowCounts[table.tableName] == nil {
            report.rowCounts[table.tableName] = 0
        }
        if options.isCancelled?() == true { throw Self.cancelled }

        options.progress?(ImportProgress(phase: .indexing, bytesDone: bytesTotal, bytesTotal: bytesTotal,
                                         rowsDone: report.rowCounts.values.reduce(0, +)))
        // Index sorts and the FTS5 build stream through the sorter and spill to temporary files; a big page cache
        // buys them little, and each sorter thread may use as much memory as the cache, so peak memory would be
        // several times the cache size.
        let indexCacheKiB = min(cacheKiB, options.indexCacheKiB)
        try queue.inDatabase { db in try db.execute(sql: "PRAGMA cache_size = -\(indexCacheKiB)") }
        try migrator.migrate(queue)
        if options.isCancelled?() == true { throw Self.cancelled }

        options.progress?(ImportProgress(phase: .finishing, bytesDone: bytesTotal, bytesTotal: bytesTotal,
                                         rowsDone: report.rowCounts.values.reduce(0, +)))
        let release = try queue.inDatabase { db in
            let fromFile = try String.fetchOne(
                db, sql: "SELECT vocabulary_version FROM vocabulary WHERE vocabulary_id = 'None'")
            let release = options.release ?? fromFile.flatMap { $0.isEmpty ? nil : $0 } ?? "unknown"
            var metadata: [String: String] = [
                "schema_version": VocabularySchema.version,
                "release": release,
                "imported_at": ISO8601DateFormatter().string(from: Date()),
                "source": (directory as NSString).lastPathComponent,
                "rejected_rows": String(report.rejectedRowCount),
            ]
            for (table, count) in report.rowCounts { metadata["rows.\(table)"] = String(count) }
            for (key, value) in metadata {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO vocabulary_metadata (key, value) VALUES (?, ?)",
                    arguments: [key, value])
            }
            // Sampled statistics so the planner picks the covering indexes; a full ANALYZE would reread 50M rows.
            try db.execute(sql: "PRAGMA analysis_limit = 1000; ANALYZE;")
            return release
        }
        report.release = release
        try queue.close()
    }

    static let cancelled = TerminologyError(.importFailed, "import cancelled; the previous database is unchanged")

    private func removeDatabaseFiles(at path: String, keepingMainFile: Bool = false) {
        let suffixes = keepingMainFile ? ["-journal", "-wal", "-shm"] : ["", "-journal", "-wal", "-shm"]
        for suffix in suffixes { unlink(path + suffix) }
    }

    /// Flushes a file (or directory entry) to disk: the build ran with `synchronous=OFF`.
    static func synchronize(path: String, directory: Bool = false) throws {
        let descriptor = open(path, directory ? O_RDONLY | O_DIRECTORY : O_RDWR)
        guard descriptor >= 0 else {
            throw TerminologyError(.importFailed, "cannot open \(path) to flush it: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw TerminologyError(.importFailed, "cannot flush \(path): \(String(cString: strerror(errno)))")
        }
    }
}
