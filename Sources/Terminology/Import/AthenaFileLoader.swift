import Foundation
import GRDB
import GRDBSQLite

/// Streams one Athena file into its table through one prepared statement, binding fields straight from the read
/// buffer.
struct AthenaFileLoader {
    var table: AthenaTable
    var path: String
    var options: AthenaImportOptions
    var bytesBefore: Int
    var bytesTotal: Int

    private var fileName: String { (path as NSString).lastPathComponent }

    /// Loads every good row; returns how many were inserted.
    func load(into db: Database, report: inout ImportReport) throws -> Int {
        let reader = try TSVLineReader(path: path)
        guard let header = try reader.nextLine({ Self.headerNames($0) }) else {
            throw TerminologyError(.importFailed, "\(fileName) is empty (expected a header line)")
        }
        let columnIndexes = try table.columns.map { column in
            guard let index = header.firstIndex(of: column.name) else {
                throw TerminologyError(
                    .importFailed,
                    "\(fileName):1: header has no column \(column.name) (found: \(header.joined(separator: ", ")))")
            }
            return index
        }
        let statement = try db.makeStatement(sql: table.insertSQL)
        let handle = statement.sqliteStatement
        var inserted = 0
        try db.execute(sql: "BEGIN")
        do {
            try loadRows(reader: reader, header: header, columnIndexes: columnIndexes, handle: handle, db: db,
                         inserted: &inserted, report: &report)
        } catch {
            // Leave no transaction open behind a failure: the caller discards the whole file anyway.
            if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
            throw error
        }
        try db.execute(sql: "COMMIT")
        options.progress?(ImportProgress(
            phase: .loading(file: fileName), bytesDone: bytesBefore + reader.bytesRead, bytesTotal: bytesTotal,
            rowsDone: inserted))
        return inserted
    }

    private func loadRows(
        reader: TSVLineReader, header: [String], columnIndexes: [Int], handle: OpaquePointer, db: Database,
        inserted: inout Int, report: inout ImportReport
    ) throws {
        var fields = FieldSplitter(expectedCount: header.count)
        var sinceCommit = 0
        while true {
            let outcome: RowOutcome? = try reader.nextLine { line in
                if line.isEmpty { return .skipped }
                guard fields.split(line) else {
                    return .rejected("expected \(header.count) tab-separated fields, found \(fields.count)")
                }
                for (position, column) in table.columns.enumerated() {
                    let range = fields.range(columnIndexes[position])
                    if let problem = Self.bind(
                        line, range, column: column, to: handle, at: Int32(position + 1))
                    {
                        return .rejected(problem)
                    }
                }
                // GRDB turns on extended result codes: compare the primary code.
                let result = sqlite3_step(handle) & 0xFF
                sqlite3_reset(handle)
                switch result {
                case SQLITE_DONE:
                    return .inserted
                case SQLITE_CONSTRAINT:
                    return .rejected(String(cString: sqlite3_errmsg(db.sqliteConnection)))
                default:
                    throw TerminologyError(
                        .importFailed,
                        "\(fileName):\(reader.lineNumber): SQLite error \(result): "
                            + String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
            }
            guard let outcome else { break }
            switch outcome {
            case .skipped:
                continue
            case .inserted:
                inserted += 1
            case .rejected(let message):
                let issue = ImportIssue(file: fileName, line: reader.lineNumber, message: message)
                if options.strict {
                    throw TerminologyError(.importFailed, "\(issue) (strict import stops at the first bad row)")
                }
                report.rejectedRowCount += 1
                if report.issues.count < options.maximumReportedIssues { report.issues.append(issue) }
            }
            sinceCommit += 1
            if sinceCommit & 0xFFFF == 0 {
                options.progress?(ImportProgress(
                    phase: .loading(file: fileName), bytesDone: bytesBefore + reader.bytesRead,
                    bytesTotal: bytesTotal, rowsDone: inserted))
                if options.isCancelled?() == true {
                    throw AthenaImporter.cancelled
                }
            }
            if sinceCommit >= options.rowsPerTransaction {
                try db.execute(sql: "COMMIT; BEGIN")
                sinceCommit = 0
            }
        }
    }

    enum RowOutcome {
        case inserted
        case skipped
        case rejected(String)
    }

    /// Header names, lower-cased and trimmed (Athena writes lower-case; some exports use upper case or a BOM).
    static func headerNames(_ line: UnsafeRawBufferPointer) -> [String] {
        var text = String(decoding: line, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.split(separator: "\t", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
    }

    /// Binds one field; returns a description of the problem when the value does not fit the column.
    static func bind(
        _ line: UnsafeRawBufferPointer, _ range: Range<Int>, column: AthenaTable.Column, to handle: OpaquePointer,
        at index: Int32
    ) -> String? {
        var bytes = UnsafeRawBufferPointer(rebasing: line[range])
        if column.kind != .text, column.kind != .optionalText {
            // Numbers and dates: tolerate padding (some exports pad dates, e.g. `2099-12-31  `).
            bytes = trimmingSpaces(bytes)
        }
        switch column.kind {
        case .integer, .optionalInteger:
            if bytes.isEmpty {
                if case .optionalInteger = column.kind { sqlite3_bind_null(handle, index); return nil }
                return "\(column.name) is empty"
            }
            guard let value = parseInteger(bytes) else {
                return "\(column.name) is not an integer: \(String(decoding: bytes.prefix(40), as: UTF8.self))"
            }
            sqlite3_bind_int64(handle, index, value)
        case .text, .optionalText:
            if bytes.isEmpty {
                if case .optionalText = column.kind { sqlite3_bind_null(handle, index); return nil }
                return "\(column.name) is empty"
            }
            // SQLITE_STATIC: the bytes stay valid until the statement has been stepped and reset.
            sqlite3_bind_text(handle, index, bytes.baseAddress!.assumingMemoryBound(to: CChar.self),
                              Int32(bytes.count), nil)
        case .date:
            if bytes.isEmpty { sqlite3_bind_null(handle, index); return nil }
            guard let value = parseDate(bytes) else {
                return "\(column.name) is not a date (YYYYMMDD): \(String(decoding: bytes.prefix(40), as: UTF8.self))"
            }
            sqlite3_bind_int64(handle, index, value)
        }
        return nil
    }

    static func trimmingSpaces(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var lower = 0, upper = bytes.count
        while lower < upper, bytes[lower] == 0x20 { lower += 1 }
        while upper > lower, bytes[upper - 1] == 0x20 { upper -= 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[lower..<upper])
    }

    static func parseInteger(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        var index = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") { negative = true; index = 1 }
        guard index < bytes.count, bytes.count - index <= 18 else { return nil }
        var value: Int64 = 0
        while index < bytes.count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int64(digit)
            index += 1
        }
        return negative ? -value : value
    }

    /// `YYYYMMDD` or `YYYY-MM-DD` → `YYYYMMDD` with a plausible month and day.
    static func parseDate(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        var value: Int64 = 0
        var digits = 0
        for (offset, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "-"), bytes.count == 10, offset == 4 || offset == 7 { continue }
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int64(digit)
            digits += 1
        }
        guard digits == 8 else { return nil }
        let month = (value / 100) % 100, day = value % 100
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        return value
    }
}

/// Finds the tab-separated fields of one line without copying it. Athena files use no quoting: a tab always
/// separates fields.
struct FieldSplitter {
    let expectedCount: Int
    private var starts: [Int]
    private var ends: [Int]
    private(set) var count = 0

    init(expectedCount: Int) {
        self.expectedCount = expectedCount
        starts = Array(repeating: 0, count: expectedCount)
        ends = Array(repeating: 0, count: expectedCount)
    }

    /// Splits `line`; false when it does not have exactly `expectedCount` fields.
    mutating func split(_ line: UnsafeRawBufferPointer) -> Bool {
        count = 0
        var fieldStart = 0
        var index = 0
        let total = line.count
        while true {
            let remaining = total - index
            let tab = remaining > 0 ? memchr(line.baseAddress! + index, 0x09, remaining) : nil
            let fieldEnd = tab.map { line.baseAddress!.distance(to: UnsafeRawPointer($0)) } ?? total
            if count < expectedCount {
                starts[count] = fieldStart
                ends[count] = fieldEnd
            }
            count += 1
            guard tab != nil else { break }
            fieldStart = fieldEnd + 1
            index = fieldStart
        }
        return count == expectedCount
    }

    func range(_ field: Int) -> Range<Int> { starts[field]..<ends[field] }
}
