/// One rejected row of an Athena file.
public struct ImportIssue: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public var description: String { "\(file):\(line): \(message)" }
}

/// What an import did.
public struct ImportReport: Sendable {
    /// Rows loaded per table name.
    public var rowCounts: [String: Int] = [:]
    /// Rows rejected, in file order; only the first `AthenaImportOptions.maximumReportedIssues` are kept.
    public var issues: [ImportIssue] = []
    /// Total number of rejected rows.
    public var rejectedRowCount = 0
    public var release = ""
    public var elapsedSeconds = 0.0
    /// Files that were looked for but absent (all optional).
    public var missingOptionalFiles: [String] = []

    public init() {}
}

/// Progress of a running import, reported every few tens of thousands of rows.
public struct ImportProgress: Sendable {
    public enum Phase: Sendable, Equatable {
        case loading(file: String)
        case indexing
        case finishing
    }

    public var phase: Phase
    public var bytesDone: Int
    public var bytesTotal: Int
    public var rowsDone: Int
}

public struct AthenaImportOptions: Sendable {
    /// Abort at the first bad row instead of skipping it.
    public var strict = false
    /// Release label to record; defaults to the `None` row of VOCABULARY.csv.
    public var release: String?
    public var maximumReportedIssues = 100
    /// SQLite page cache for the build, in KiB (bounds memory; the index sort spills to temporary files).
    public var cacheKiB = 262_144
    /// SQLite page cache while indexes and the text index are built, in KiB (each sorter thread may use as much).
    public var indexCacheKiB = 65_536
    /// Rows per transaction during the load.
    public var rowsPerTransaction = 1_000_000
    public var progress: (@Sendable (ImportProgress) -> Void)?
    /// Polled during the load; returning true abandons the import (the old database stays in place).
    public var isCancelled: (@Sendable () -> Bool)?

    public init(strict: Bool = false, release: String? = nil) {
        self.strict = strict
        self.release = release
    }
}
