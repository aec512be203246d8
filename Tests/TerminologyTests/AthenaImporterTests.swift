import Foundation
import Testing
@testable import Terminology

@Suite struct AthenaImporterTests {
    @Test func importsEveryTableAndRecordsTheRelease() throws {
        let store = TerminologyFixtures.fixtureStore
        #expect(store.release == "fixture-release 1")
        #expect(try store.rowCount(table: "concept") == 9)
        #expect(try store.rowCount(table: "concept_synonym") == 3)
        #expect(try store.rowCount(table: "concept_relationship") == 7)
        #expect(try store.rowCount(table: "concept_ancestor") == 3)
        let concept = try #require(try store.concept(vocabularyId: "SNOMED", code: "44054006"))
        #expect(concept.conceptId == 201826)
        #expect(concept.validStartDate == 20020131)
        #expect(Concept.formattedDate(concept.validEndDate) == "2099-12-31")
        #expect(try store.metadata()["rows.concept"] == "9")
    }

    @Test func badRowsAreReportedWithFileAndLineAndSkipped() throws {
        let folder = try TerminologyFixtures.temporaryDirectory()
        let path = (folder as NSString).appendingPathComponent("bad.sqlite")
        let report = try AthenaImporter(directory: TerminologyFixtures.directory("AthenaBadRows")).run(into: path)
        #expect(report.rowCounts["concept"] == 2)
        #expect(report.rejectedRowCount == 4)
        let lines = report.issues.map(\.line)
        #expect(lines == [3, 4, 5, 6])
        #expect(report.issues.allSatisfy { $0.file == "CONCEPT.csv" })
        #expect(report.issues[0].message.contains("expected 10 tab-separated fields, found 9"))
        #expect(report.issues[1].message.contains("concept_id is not an integer"))
        #expect(report.issues[2].message.contains("valid_start_date is not a date"))
        #expect(report.issues[3].message.lowercased().contains("unique"))
        #expect(report.missingOptionalFiles.contains("CONCEPT_RELATIONSHIP.csv"))
        let store = try VocabularyStore.open(path: path)
        #expect(try store.concept(id: 2_000_000_001)?.name == "Common cold")
    }

    @Test func strictImportStopsAtTheFirstBadRow() throws {
        let folder = try TerminologyFixtures.temporaryDirectory()
        let path = (folder as NSString).appendingPathComponent("strict.sqlite")
        let options = AthenaImportOptions(strict: true)
        let error = #expect(throws: TerminologyError.self) {
            try AthenaImporter(directory: TerminologyFixtures.directory("AthenaBadRows"), options: options)
                .run(into: path)
        }
        #expect(error?.code == .importFailed)
        #expect(error?.message.contains("CONCEPT.csv:3:") == true)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func missingColumnFailsAndLeavesTheExistingDatabase() throws {
        let folder = try TerminologyFixtures.temporaryDirectory()
        let path = (folder as NSString).appendingPathComponent("vocabulary.sqlite")
        try AthenaImporter(directory: TerminologyFixtures.directory("Athena")).run(into: path)
        let error = #expect(throws: TerminologyError.self) {
            try AthenaImporter(directory: TerminologyFixtures.directory("AthenaMissingColumn")).run(into: path)
        }
        #expect(error?.message.contains("header has no column concept_code") == true)
        #expect(error?.message.contains("CONCEPT.csv:1") == true)
        let store = try VocabularyStore.open(path: path)
        #expect(store.release == "fixture-release 1")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["vocabulary.sqlite"])
    }

    @Test func interruptedImportLeavesTheOldDatabaseServed() throws {
        let folder = try TerminologyFixtures.temporaryDirectory()
        let path = (folder as NSString).appendingPathComponent("vocabulary.sqlite")
        var first = AthenaImportOptions()
        first.release = "old release"
        try AthenaImporter(directory: TerminologyFixtures.directory("Athena"), options: first).run(into: path)
        let served = try VocabularyStore.open(path: path)

        var interrupted = AthenaImportOptions()
        interrupted.release = "new release"
        interrupted.isCancelled = { true }
        #expect(throws: TerminologyError.self) {
            try AthenaImporter(directory: TerminologyFixtures.directory("Athena"), options: interrupted)
                .run(into: path)
        }
        // The open store keeps answering, a fresh open still sees the old release, no temporary file is left.
        #expect(try served.concept(id: 201826)?.name == "Type 2 diabetes mellitus")
        #expect(try VocabularyStore.open(path: path).release == "old release")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["vocabulary.sqlite"])

        // A completed import replaces it.
        var second = AthenaImportOptions()
        second.release = "new release"
        try AthenaImporter(directory: TerminologyFixtures.directory("Athena"), options: second).run(into: path)
        #expect(try VocabularyStore.open(path: path).release == "new release")
    }

    @Test func missingConceptFileIsAnError() throws {
        let folder = try TerminologyFixtures.temporaryDirectory()
        let error = #expect(throws: TerminologyError.self) {
            try AthenaImporter(directory: folder).run(into: (folder as NSString).appendingPathComponent("x.sqlite"))
        }
        #expect(error?.message.contains("CONCEPT.csv") == true)
    }

    @Test func openingSomethingElseIsRefused() throws {
        let folder = try TerminologyFixtures.temporaryDirectory()
        #expect(throws: TerminologyError.self) {
            try VocabularyStore.open(path: (folder as NSString).appendingPathComponent("absent.sqlite"))
        }
        let junk = (folder as NSString).appendingPathComponent("junk.sqlite")
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: junk))
        #expect(throws: TerminologyError.self) { try VocabularyStore.open(path: junk) }
    }
}
