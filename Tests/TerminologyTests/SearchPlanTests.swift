import Foundation
import GRDB
import Testing
@testable import Terminology

/// The text-search plan (`SearchPlan`, `SearchNameKey`, `SearchTermIndex`) on its own and on a tiny store built so
/// that a common word would swamp the results if the index handed out hits in concept-id order.
@Suite struct SearchPlanTests {
    /// 300 long names sharing the words "chronic" and "pain" (low concept ids, so first in id order), one short exact
    /// name "chronic pain" with the highest id, a rare word in a few names, 20 words starting with "zy" (a crowded
    /// prefix), and a synonym.
    static let store: VocabularyStore = {
        let folder = try! TerminologyFixtures.temporaryDirectory()
        var concepts = ["concept_id\tconcept_name\tdomain_id\tvocabulary_id\tconcept_class_id\tstandard_concept\t"
            + "concept_code\tvalid_start_date\tvalid_end_date\tinvalid_reason"]
        func add(_ id: Int, _ name: String, standard: Bool = true) {
            concepts.append("\(id)\t\(name)\tCondition\tSNOMED\tClinical Finding\t\(standard ? "S" : "")\tT\(id)"
                + "\t20020131\t20991231\t")
        }
        for i in 0..<300 { add(1000 + i, "chronic pain of region number \(i) with extra qualifier words") }
        add(5000, "chronic pain")
        add(5001, "chronic pain non standard twin", standard: false)
        for i in 0..<3 { add(6000 + i, "chronic rarityword pain variant \(i)") }
        let crowded = ["zya", "zyb", "zyc", "zyd", "zye", "zyf", "zyg", "zyh", "zyi", "zyj", "zyk", "zyl", "zym",
                       "zyn", "zyo", "zyp", "zyq", "zyr", "zys", "zyt"]
        for (offset, word) in crowded.enumerated() {
            // zya is the most frequent completion, then zyb, ...
            for copy in 0..<(crowded.count - offset) { add(7000 + offset * 100 + copy, "\(word)osis finding \(copy)") }
        }
        let synonyms = ["concept_id\tconcept_synonym_name\tlanguage_concept_id", "5000\tpersistent ache\t4180186"]
        try! concepts.joined(separator: "\n").appending("\n")
            .write(toFile: folder + "/CONCEPT.csv", atomically: true, encoding: .utf8)
        try! synonyms.joined(separator: "\n").appending("\n")
            .write(toFile: folder + "/CONCEPT_SYNONYM.csv", atomically: true, encoding: .utf8)
        let path = folder + "/search.sqlite"
        try! AthenaImporter(directory: folder, options: AthenaImportOptions(strict: true)).run(into: path)
        return try! VocabularyStore.open(path: path)
    }()

    @Test func shortestNamesComeFirstSoTheExactNameIsNotSwampedByCommonWords() throws {
        // 302 names contain both words; only the first candidates are scored, and they must be the shortest.
        let hits = try Self.store.search(SearchRequest(text: "chronic pain", count: 3), candidateLimit: 10)
        #expect(hits.first?.concept?.conceptId == 5000)
        #expect(hits.first?.score == 1)
        // The runners-up are the shorter names, not the 300 long ones met first in concept-id order.
        #expect(hits.count == 3 && !hits.contains { (1000..<1300).contains($0.concept!.conceptId) })
    }

    @Test func aRareWordDrivesTheQueryAndTheCommonWordIsStillRequired() throws {
        let hits = try Self.store.search(SearchRequest(text: "pain rarityword", count: 10))
        #expect(Set(hits.map { $0.concept!.conceptId }) == [6000, 6001, 6002])
        // A prefix of the rare word as the last (type-ahead) word.
        let typed = try Self.store.search(SearchRequest(text: "chronic rarit", count: 10))
        #expect(Set(typed.map { $0.concept!.conceptId }) == [6000, 6001, 6002])
        #expect(try Self.store.search(SearchRequest(text: "rarityword absentword", count: 10)).isEmpty)
    }

    @Test func filtersApplyToTheRankedCandidates() throws {
        let standard = try Self.store.search(SearchRequest(text: "chronic pain", standardOnly: true, count: 400))
        #expect(!standard.isEmpty && standard.allSatisfy { $0.concept!.isStandard })
        #expect(!standard.contains { $0.concept!.conceptId == 5001 })
        #expect(try Self.store.search(SearchRequest(text: "chronic pain", domains: ["Drug"])).isEmpty)
    }

    @Test func synonymsAreSearchedAndGiveTheirConcept() throws {
        let hits = try Self.store.search(SearchRequest(text: "persistent ach", count: 5))
        #expect(hits.map { $0.concept!.conceptId } == [5000])
    }

    @Test func crowdedPrefixKeepsItsMostFrequentCompletions() throws {
        let row = try #require(try Self.store.reader.read { db in
            try Row.fetchOne(db, sql: "SELECT documents, completions FROM concept_name_prefix WHERE prefix = 'zy'")
        })
        let documents: Int = row[0]
        let stored: String = row[1]
        let completions = stored.split(separator: " ").map(String.init)
        #expect(completions.count == SearchTermIndex.completionLimit)
        #expect(completions.first == "zyaosis")
        #expect(!completions.contains("zytosis"))  // the least frequent fall off
        #expect(documents == (1...20).reduce(0, +))
        // A short prefix still finds names through its frequent completions.
        let hits = try Self.store.search(SearchRequest(text: "zy", count: 5))
        #expect(hits.count == 5 && hits.allSatisfy { $0.concept!.name.hasPrefix("zy") })
        // With other words to drive the query, the prefix is checked exactly, rare completions included.
        let rare = try Self.store.search(SearchRequest(text: "finding 0 zy", count: 30))
        #expect(rare.count == 20 && rare.contains { $0.concept!.conceptId == 8900 })
        #expect(try Self.store.search(SearchRequest(text: "finding zyt", count: 5)).map { $0.concept!.conceptId }
            == [8900])
    }

    @Test(arguments: [
        ("essential hypertension", 320128), ("type 2 diab", 201826), ("heart fa", 316139),
        ("chronic kidney disease", 46271022), ("covid 19", 37311061), ("aspirin", 1112807),
    ])
    func embeddedVocabularyRanksTheIntendedConceptFirst(query: String, conceptId: Int) throws {
        let hits = try TerminologyFixtures.embeddedStore.search(SearchRequest(text: query, count: 5))
        #expect(hits.first?.concept?.conceptId == conceptId)
    }

    @Test func planChecksAVeryCommonWordInsteadOfIntersectingIt() {
        let plan = SearchPlan.plan([
            .word("common", documents: 1_000_000), .word("rare", documents: 40),
            .prefix("ty", documents: 500, completions: ["type", "typical"], complete: true),
        ])
        #expect(plan.match == "\"rare\" AND (\"type\" OR \"typical\")")
        #expect(plan.checkedWords == ["common"])
        #expect(plan.checkedPrefix == nil)
    }

    @Test func planIntersectsWordsOfComparableFrequency() {
        let plan = SearchPlan.plan([.word("alpha", documents: 90_000), .word("beta", documents: 20_000)])
        #expect(plan.match == "\"beta\" AND \"alpha\"")
        #expect(plan.checkedWords.isEmpty)
    }

    @Test func planChecksAnIncompletePrefixUnlessItDrives() {
        let checked = SearchPlan.plan([
            .word("rare", documents: 10),
            .prefix("ab", documents: 200, completions: ["abc", "abd"], complete: false),
        ])
        #expect(checked.match == "\"rare\"")
        #expect(checked.checkedPrefix == "ab")
        let driving = SearchPlan.plan([.prefix("ab", documents: 200, completions: ["abc"], complete: false)])
        #expect(driving.match == "\"abc\"")
        #expect(driving.checkedPrefix == nil)
    }

    @Test func planForAWordInNoNameMatchesNothing() {
        #expect(SearchPlan.plan([.word("absent", documents: 0), .word("alpha", documents: 5)]).match == nil)
        #expect(SearchPlan.plan([.prefix("qx", documents: 0, completions: [], complete: true)]).match == nil)
        // A word the index may split differently (decimal point) is left to FTS5 as a phrase, never ruled out.
        #expect(SearchPlan.plan([.word("2.5", documents: nil)]).match == "\"2.5\"")
    }

    @Test func nameKeysDecodeAndOrderByLength() {
        let short = SearchNameKey.encode(words: 2, characters: 12, name: .concept(2_000_000_001))
        let longer = SearchNameKey.encode(words: 2, characters: 13, name: .synonym(rowid: 7))
        #expect(SearchNameKey.decode(short) == .concept(2_000_000_001))
        #expect(SearchNameKey.decode(longer) == .synonym(rowid: 7))
        #expect(short < longer && short > 0)
        #expect(SearchNameKey.minimumKey(characters: 13) <= longer)
        #expect(SearchNameKey.minimumKey(characters: 13) > short)
    }

    @Test func minimumCharactersCountsDistinctWholeWordsAndANewPrefix() {
        #expect(VocabularyStore.minimumCharacters(["chronic", "pain"], lastIsPrefix: false) == 12)
        #expect(VocabularyStore.minimumCharacters(["chronic", "pa"], lastIsPrefix: true) == 10)
        // The prefix may be the same token as a whole word: it adds nothing.
        #expect(VocabularyStore.minimumCharacters(["chronic", "chron"], lastIsPrefix: true) == 7)
        #expect(VocabularyStore.minimumCharacters(["pain", "pain"], lastIsPrefix: false) == 4)
    }
}
