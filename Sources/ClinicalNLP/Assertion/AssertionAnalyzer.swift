/// ConText (Harkema et al. 2009): decides whether each target mention in a sentence is negated, possible,
/// hypothetical, historical, or experienced by someone other than the patient.
///
/// Cue phrases come from a validated rule file, compiled once into token-hash sequences; each call tokenizes
/// only its sentence. Per category, triggers, pseudo-triggers and terminations are resolved leftmost-longest, and
/// a trigger covers a target when the target lies in its direction, within its word window, before any
/// termination or sentence-ending period. A cue that overlaps the target itself never applies to that target.
///
/// A class, though immutable: the pipeline calls it once per sentence, and a struct of a dozen arrays, sets and
/// tables was copied (a retain and release per member) on every call.
public final class AssertionAnalyzer: Sendable {
    public let ruleSet: ContextRuleSet
    let index: ContextPhraseIndex
    /// Categories implied by the section a mention is in (family history → family, ...).
    let sectionDefaults: [SectionCategory: ContextCategorySet]
    /// The same few entries as a list: a linear scan of enum cases is cheaper than hashing the section per call.
    let sectionDefaultList: [(SectionCategory, UInt8)]
    /// Words whose following period is not the end of a sentence ("Dr.", "Mr.", "vs.").
    let abbreviationHashes: Set<UInt64>

    static let abbreviations = ["dr", "mr", "mrs", "ms", "st", "vs", "etc", "approx", "no", "fig", "jr", "sr",
                                "prof", "pt", "pts", "hx", "dx", "tx", "sx", "e.g", "i.e", "a.m", "p.m"]

    /// Negated and possible exclude each other: a trigger of one ends the other's scope ("no fever, possible
    /// pneumonia": the pneumonia is possible, not negated).
    static let rivals: [ContextCategory: ContextCategory] = [.negated: .possible, .possible: .negated]

    public init(ruleSet: ContextRuleSet) {
        self.ruleSet = ruleSet
        self.index = ContextPhraseIndex(rules: ruleSet.rules, rivals: Self.rivals)
        var sectionDefaults: [SectionCategory: ContextCategorySet] = [:]
        for rule in ruleSet.rules where rule.kind == .section {
            if let section = SectionCategory(rawValue: rule.phrase) {
                sectionDefaults[section, default: .none].mask |= rule.categories.mask
            }
        }
        self.sectionDefaults = sectionDefaults
        self.sectionDefaultList = sectionDefaults.map { ($0.key, $0.value.mask) }
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
        var scratch = Scratch()
        var assertions = [Assertion]()
        analyze(text: text, sentence: sentence, targets: targets, section: section, into: &assertions, scratch: &scratch)
        return assertions
    }

    /// `analyze`, writing into `assertions` (replaced) and reusing `scratch`'s arrays: the pipeline calls this once
    /// per sentence group with one scratch per note, instead of allocating tokens, matches, scope and cue arrays
    /// for every sentence.
    func analyze(text: [Unicode.Scalar], sentence: Range<Int>, targets: [Range<Int>], section: SectionCategory?,
                 into assertions: inout [Assertion], scratch: inout Scratch) {
        assertions.removeAll(keepingCapacity: true)
        guard !targets.isEmpty else { return }
        var implied = ContextCategorySet.none
        if let section {
            for (candidate, mask) in sectionDefaultList where candidate == section { implied = ContextCategorySet(mask: mask) }
        }
        let sentenceRange = sentence.clamped(to: 0..<text.count)
        text.withUnsafeBufferPointer { scratch.scope.tokenize($0, range: sentenceRange) }
        index.matches(in: scratch.scope.tokens, into: scratch.matches)
        // Most sentences hold no cue at all.
        guard !scratch.matches.isEmpty else {
            let assertion = Self.assertion(found: 0, implied: implied.mask)
            for _ in targets { assertions.append(assertion) }
            return
        }
        scratch.scope.measure(abbreviationHashes: abbreviationHashes)
        let matches = scratch.matches.elements
        for target in targets {
            let span = scratch.scope.tokenSpan(of: target)
            // Only cues within `maximumReach` tokens of the target can reach it: keeps a huge "sentence" (a note
            // without punctuation) linear in its length.
            let lower = Self.firstMatch(in: matches, startingAtOrAfter: span.lowerBound - Self.maximumReach)
            let upper = Self.firstMatch(in: matches, startingAtOrAfter: span.upperBound + Self.maximumReach)
            select(UnsafeBufferPointer(rebasing: matches[lower..<upper]), outside: span, into: scratch.cues)
            let found = scratch.scope.categories(of: span, cues: scratch.cues.elements)
            assertions.append(Self.assertion(found: found, implied: implied.mask))
        }
    }

    /// The furthest, in tokens, a cue may sit from its target, even with a `sentence` window.
    static let maximumReach = 200

    /// Binary search: index of the first match whose start is `>= token`.
    private static func firstMatch(in matches: UnsafeBufferPointer<ContextPhraseIndex.Match>,
                                   startingAtOrAfter token: Int) -> Int {
        var low = 0
        var high = matches.count
        while low < high {
            let middle = (low + high) / 2
            if matches[middle].start < token { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Convenience for callers holding a String; converts the whole note, so prefer the scalar form in loops.
    public func analyze(text: String, sentence: Range<Int>, targets: [Range<Int>],
                        section: SectionCategory?) -> [Assertion] {
        analyze(text: Array(text.unicodeScalars), sentence: sentence, targets: targets, section: section)
    }

    /// A cue chosen in a sentence: one action of a matched phrase and its token span.
    struct Cue {
        var start: Int
        var end: Int
        var action: ContextPhraseIndex.Action
    }

    @inline(__always)
    private static func overlaps(_ match: ContextPhraseIndex.Match, _ span: Range<Int>) -> Bool {
        match.end > span.lowerBound && match.start < max(span.upperBound, span.lowerBound + 1)
    }

    /// Leftmost-longest, non-overlapping choice among the phrases that do not touch the target: a pseudo-trigger
    /// ("no increase") thus hides the shorter trigger inside it ("no"), and no cue is read inside the target (with
    /// target "mucosa moist with no erythema", the "no" is part of the finding, not a cue about it).
    private func select(_ matches: UnsafeBufferPointer<ContextPhraseIndex.Match>, outside target: Range<Int>,
                        into cues: ScratchBuffer<Cue>) {
        cues.removeAll()
        var nextFree = 0
        index.actions.withUnsafeBufferPointer { actions in
            index.phraseActions.withUnsafeBufferPointer { phraseActions in
                for match in matches where match.start >= nextFree {
                    if Self.overlaps(match, target) { continue }
                    // Matches at one start come longest first, so the first one that fits wins; pseudo-triggers
                    // have no action but still take their tokens.
                    for action in phraseActions[match.phrase] {
                        cues.append(Cue(start: match.start, end: match.end, action: actions[action]))
                    }
                    nextFree = match.end
                }
            }
        }
    }

    private static func assertion(found: UInt8, implied: UInt8) -> Assertion {
        let all = ContextCategorySet(mask: found | implied)
        let sentence = ContextCategorySet(mask: found)
        let impliedSet = ContextCategorySet(mask: implied)
        let experiencer: Assertion.Experiencer =
            sentence.contains(.family) ? .family
            : sentence.contains(.other) ? .other
            : impliedSet.contains(.family) ? .family
            : impliedSet.contains(.other) ? .other : .patient
        return Assertion(negated: all.contains(.negated), possible: all.contains(.possible),
                         hypothetical: all.contains(.hypothetical), historical: all.contains(.historical),
                         experiencer: experiencer)
    }
}
