import Foundation
import Testing
@testable import ClinicalNLP

@Suite("ContextRuleSet: rule file validation")
struct AssertionRuleFileTests {
    private func error(for contents: String) -> ContextRuleError? {
        do {
            _ = try ContextRuleSet(contents: contents, file: "rules.tsv")
            return nil
        } catch {
            return error
        }
    }

    @Test func validFileParses() throws {
        let rules = try ContextRuleSet(contents: """
            # comment
            no\tforward\tnegated\t6

            was ruled out\tbackward\tnegated\t4
            gram negative\tpseudo\tnegated\t-
            but\ttermination\tall\t-
            family history\tforward\tfamily,historical\tsentence
            past_medical_history\tsection\thistorical\t-
            """, file: "rules.tsv")
        #expect(rules.rules.count == 6)
        #expect(rules.rules[0] == ContextRule(phrase: "no", kind: .forward, categories: ContextCategorySet([.negated]),
                                              window: .words(6), line: 2))
        #expect(rules.rules[3].categories == .all)
        #expect(rules.rules[4].window == .sentence)
        #expect(rules.rules[4].categories.categories == [.historical, .family])
    }

    @Test(arguments: [
        ("no\tforward\tnegated", ContextRuleError.Code.wrongColumnCount, "expected 4 tab-separated columns"),
        ("no\tsideways\tnegated\t6", .unknownKind, "unknown kind 'sideways'"),
        ("no\tforward\tnegative\t6", .unknownCategory, "unknown category 'negative'"),
        ("no\tforward\t\t6", .unknownCategory, "unknown category ''"),
        ("no\tforward\tnegated\t0", .invalidWindow, "positive number of words"),
        ("no\tforward\tnegated\t-", .invalidWindow, "positive number of words"),
        ("but\ttermination\tall\t5", .invalidWindow, "takes '-' as window"),
        ("\tforward\tnegated\t6", .emptyPhrase, "phrase column is empty"),
        ("past_history\tsection\thistorical\t-", .unknownSection, "unknown section category 'past_history'"),
        ("family_history\tsection\tnegated\t-", .unknownCategory, "not negated or possible"),
    ])
    func malformedLineIsRejectedWithLineAndReason(line: String, code: ContextRuleError.Code, reason: String) throws {
        let contents = "# header comment\nno\tbackward\tnegated\t3\n" + line + "\n"
        let failure = try #require(error(for: contents))
        #expect(failure.code == code)
        #expect(failure.line == 3)
        #expect(failure.reason.contains(reason), "reason was: \(failure.reason)")
        #expect(failure.description.hasPrefix("rules.tsv:3: "))
    }

    @Test func duplicateRuleNamesTheFirstDefinition() throws {
        let failure = try #require(error(for: "no\tforward\tnegated\t6\nNO\tforward\tnegated\t8\n"))
        #expect(failure.code == .duplicateRule)
        #expect(failure.line == 2)
        #expect(failure.reason.contains("first defined on line 1"))
    }

    @Test func fileWithoutTriggersIsRejected() throws {
        let failure = try #require(error(for: "# nothing\nbut\ttermination\tall\t-\n"))
        #expect(failure.code == .noRules)
        #expect(failure.description == "rules.tsv: the file defines no trigger")
    }

    @Test func malformedFixtureFileReportsFileAndLine() throws {
        let url = try #require(Bundle.module.url(forResource: "malformed_rules", withExtension: "tsv",
                                                 subdirectory: "Fixtures/assertion"))
        #expect {
            _ = try ContextRuleSet(contentsOf: url)
        } throws: { error in
            guard let error = error as? ContextRuleError else { return false }
            return error.file == "malformed_rules.tsv" && error.line == 4 && error.code == .unknownKind
        }
    }

    @Test func missingFileIsAnUnreadableFileError() throws {
        #expect {
            _ = try ContextRuleSet(contentsOf: URL(fileURLWithPath: "/nonexistent/context_rules.tsv"))
        } throws: { error in
            (error as? ContextRuleError)?.code == .unreadableFile
        }
    }

    @Test func shippedRulesAreValid() throws {
        let rules = try ContextRuleSet.loadDefault()
        for category in ContextCategory.allCases {
            #expect(rules.rules.contains { $0.kind == .forward && $0.categories.contains(category) },
                    "no forward trigger for \(category)")
        }
        #expect(rules.rules.contains { $0.kind == .pseudo })
        #expect(rules.rules.contains { $0.kind == .termination })
        #expect(rules.rules.contains { $0.kind == .section && $0.phrase == "family_history" })
    }
}
