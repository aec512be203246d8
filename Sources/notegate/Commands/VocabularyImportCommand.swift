import ArgumentParser
import Foundation
import Terminology

/// `notegate vocabulary import ATHENA_DIR --database DB [--strict] [--release R]`.
struct VocabularyImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import an Athena vocabulary download (tab-separated CONCEPT.csv, …) into a vocabulary database.",
        discussion: """
            The database is built beside DB and renamed over it only when complete: an interrupted or failed \
            import leaves the previous database in place. Bad rows are reported with file and line and skipped \
            (exit code 0 with a warning), unless --strict. Exit codes: 0 imported; 1 import failed.
            """)

    @Argument(help: "Folder of the Athena download (CONCEPT.csv, CONCEPT_SYNONYM.csv, CONCEPT_RELATIONSHIP.csv, …).")
    var athenaDirectory: String

    @Option(name: .long, help: "The vocabulary database to create or replace.")
    var database: String

    @Flag(name: .long, help: "Stop at the first bad row.")
    var strict = false

    @Option(name: .long, help: "Release label to record (default: the version of the 'None' row of VOCABULARY.csv).")
    var release: String?

    @Flag(name: .long, help: "No progress bar.")
    var quiet = false

    func run() throws {
        var options = AthenaImportOptions(strict: strict, release: release)
        let interactive = isatty(STDERR_FILENO) == 1
        if !quiet { options.progress = ImportProgressBar(interactive: interactive).report }
        let report: ImportReport
        do {
            report = try AthenaImporter(directory: athenaDirectory, options: options).run(into: database)
        } catch let error as TerminologyError {
            if !quiet && interactive { FileHandle.standardError.write(Data("\n".utf8)) }
            FileHandle.standardError.write(Data("notegate: \(error)\n".utf8))
            throw ExitCode(1)
        }
        var summary = "\nimported release \"\(report.release)\" into \(database) in "
            + String(format: "%.1f s", report.elapsedSeconds) + ":"
        for (table, count) in report.rowCounts.sorted(by: { $0.key < $1.key }) { summary += " \(table) \(count);" }
        if !report.missingOptionalFiles.isEmpty {
            summary += "\nnot present (optional): " + report.missingOptionalFiles.joined(separator: ", ")
        }
        if report.rejectedRowCount > 0 {
            summary += "\nwarning: \(report.rejectedRowCount) bad rows skipped"
            for issue in report.issues { summary += "\n  \(issue)" }
            if report.issues.count < report.rejectedRowCount {
                summary += "\n  … \(report.rejectedRowCount - report.issues.count) more"
            }
        }
        FileHandle.standardError.write(Data((summary + "\n").utf8))
    }
}

/// Draws `[#####-----]  42%  CONCEPT_RELATIONSHIP.csv  1234567 rows` on one stderr line (or one line per phase
/// when stderr is not a terminal).
struct ImportProgressBar: Sendable {
    let interactive: Bool

    func report(_ progress: ImportProgress) {
        let phase: String
        switch progress.phase {
        case .loading(let file): phase = file
        case .indexing: phase = "building indexes"
        case .finishing: phase = "finishing"
        }
        let fraction = progress.bytesTotal > 0 ? Double(progress.bytesDone) / Double(progress.bytesTotal) : 1
        let width = 30
        let filled = min(width, Int(fraction * Double(width)))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let text = "[\(bar)] \(String(format: "%3d", Int(fraction * 100)))%  \(phase)  \(progress.rowsDone) rows"
        if interactive {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
        } else if case .loading = progress.phase, progress.rowsDone % 1_048_576 != 0 {
            // Not a terminal: only phase changes and every ~1M rows, so logs stay short.
            return
        } else {
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
    }
}
