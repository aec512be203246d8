/// ConText (Harkema et al. 2009): decides whether each target mention in a sentence is negated, possible,
/// hypothetical, historical, or experienced by someone other than the patient.
///
/// Cue phrases come from a validated rule file, compiled once into token-hash sequences; each call tokenizes
/// only its sentence. Per category, triggers, pseudo-triggers and terminations are resolved leftmost-longest, and
/// a trigger covers a target when the target lies in its direction, within its word window, before any
/// termination or sentence-ending period. A cue that overlaps the target itself never applies to that target.
public struct AssertionAnalyzer: Sendable {
    public let ruleSet: ContextRuleSet
    let index: ContextPhraseIndex
    /// Categories implied by the section a mention is in (family history → family, ...).
    let sectionDefaults: [SectionCategory: ContextCategorySet]
    /// Words whose following period is not the end of a sentence ("Dr.", "Mr.", "vs.").
    let abbreviationHashes: Set<UInt64>

    static let abbreviations = ["dr", "mr", "mrs", "ms", "st", "vs", "etc", "approx", "no", "fig", "jr", "sr",
                                "prof", "pt", "pts", "hx", "dx", "tx", "sx", "e.g", "i.e", "a.m", "p.m"]

    public init(ruleSet: ContextRuleSet) {
        self.ruleSet = ruleSet
        self.index = ContextPhraseIndex(rules: ruleSet.rules)
        var sectionDefaults: [SectionCategory: ContextCategorySet] = [:]
        for rule in ruleSet.rules where rule.kind == .section {
            if let section = SectionCategory(rawValue: rule.phrase) {
                sectionDefaults[section, default: .none].mask |= rule.categories.mask
            }
        }
        self.sectionDefaults = sectionDefaults
        self.abbreviationHashes = Set(Self.abbreviations.map { AssertionTokenizer.hash($0) })
    }

    /// The analyzer with the rules shipped in the module (`Resources/context_rules.tsv`), parsed once per process.
    public static func loadDefault() throws(ContextRuleError) -> AssertionAnalyzer {
        switch defaultAnalyzer {
        case .success(let analyzer): return analyzer
        case .failure(let error): throw error
        }
    }

    private static let defaultAnalyzer: Result<AssertionAnalyzer, ContextRuleError> = {
        do throws(ContextRuleError) {
            return .success(AssertionAnalyzer(ruleSet: try ContextRuleSet.loadDefault()))
        } catch {
            return .failure(error)
        }
    }()

    /// Assertions for `targets` (one per target, same order) inside `sentence`. All ranges are Unicode-scalar
    /// offsets into the whole note `text`; ranges outside the text are clamped.
    public func analyze(text: [Unicode.Scalar], sentence: Range<Int>, targets: [Range<Int>],
                        section: SectionCategory?) -> [Assertion] {
        guard !targets.isEmpty else { return [] }
        let sentenceRange = sentence.clamped(to: 0..<text.count)
        let tokens = AssertionTokenizer.tokenize(text, range: sentenceRange)
        let implied = section.flatMap { sectionDefaults[$0] } ?? .none
        let scope = SentenceScope(tokens: tokens, abbreviationHashes: abbreviationHashes)
        let matches = index.matches(in: tokens)
        var found = [ContextCategorySet](repeating: .none, count: targets.count)
        for (targetIndex, target) in targets.enumerated() {
            let span = scope.tokenSpan(of: target)
            let cues = select(matches, outside: span)
            guard !cues.isEmpty else { continue }
            for category in ContextCategory.allCases {
                let terminations = cues.filter { $0.rule.kind == .termination && $0.rule.categories.contains(category) }
                    .map(\.start)
                for cue in cues where cue.rule.isTrigger && cue.rule.categories.contains(category) {
                    if scope.covers(span, cue: cue, terminations: terminations) {
                        found[targetIndex].mask |= category.bit
                        break
                    }
                }
            }
        }
        return found.map { categories in
            let all = ContextCategorySet(mask: categories.mask | implied.mask)
            let experiencer: Assertion.Experiencer =
                categories.contains(.family) ? .family
                : categories.contains(.other) ? .other
                : implied.contains(.family) ? .family
                : implied.contains(.other) ? .other : .patient
            return Assertion(negated: all.contains(.negated), possible: all.contains(.possible),
                             hypothetical: all.contains(.hypothetical), historical: all.contains(.historical),
                             experiencer: experiencer)
        }
    }

    /// Convenience for callers holding a String; converts the whole note, so prefer the scalar form in loops.
    public func analyze(text: String, sentence: Range<Int>, targets: [Range<Int>],
                        section: SectionCategory?) -> [Assertion] {
        analyze(text: Array(text.unicodeScalars), sentence: sentence, targets: targets, section: section)
    }

    /// A cue chosen for one category: the rule that acts on that category and its token span.
    struct Cue {
        var start: Int
        var end: Int
        var rule: ContextRule
    }

    /// Leftmost-longest, non-overlapping choice among the phrases that do not touch the target: a pseudo-trigger
    /// ("no increase") thus hides the shorter trigger inside it ("no"), and no cue is read inside the target (with
    /// target "mucosa moist with no erythema", the "no" is part of the finding, not a cue about it).
    private func select(_ matches: [ContextPhraseIndex.Match], outside target: Range<Int>) -> [Cue] {
        var cues: [Cue] = []
        var nextFree = 0
        let targetEnd = max(target.upperBound, target.lowerBound + 1)
        for match in matches where match.start >= nextFree {
            if match.end > target.lowerBound && match.start < targetEnd { continue }
            // Matches at one start come longest first, so the first one that fits wins.
            for rule in index.phrases[match.phrase].rules where rule.kind != .pseudo {
                cues.append(Cue(start: match.start, end: match.end, rule: rule))
            }
            nextFree = match.end
        }
        return cues
    }
}
