import Testing
@testable import ClinicalNLP

/// The byte-level header lookup gives exactly the String lookup's rule for every candidate: exact keys, word
/// re-spacing at slashes, leading-word prefixes, parentheses, and non-ASCII text (String path).
@Suite struct HeaderLookupTests {
    @Test func byteLookupAgreesWithStringLookup() throws {
        let sectionizer = try Sectionizer.loadDefault()
        let lookup = sectionizer.headerLookup
        var buffers = HeaderLookup.Buffers()
        var candidates = [
            "HPI", "Meds", "MEDICATIONS", "Current  Medications", "PAST MEDICAL HISTORY/PAST SURGICAL HISTORY",
            "Past Medical History (PMH)", "A&P", "A/P", "assessment / plan", "HEENT", "Plan of care going forward",
            "Medications on admission and at discharge", "Foo", "x", "", "   ", "(only parentheses)",
            "Family history of colon cancer in the father", "Review of systems: negative", "PMH/PSH", "Médications",
        ]
        for key in sectionizer.rules.rules.keys.sorted() {
            candidates.append(key.uppercased())
            candidates.append(key + " extra words here")
            candidates.append(key.replacingOccurrences(of: " ", with: "/"))
        }
        var byteAnswers = 0
        for candidate in candidates {
            let scalars = Array(candidate.unicodeScalars)
            let expected = sectionizer.lookup(scalars[...])
            switch lookup.lookup(scalars[...], maxWords: sectionizer.rules.maxWords, buffers: &buffers) {
            case .none:
                // Only non-ASCII candidates leave the byte path.
                #expect(candidate.unicodeScalars.contains { $0.value >= 0x80 }, "\(candidate)")
            case .some(let rule):
                byteAnswers += 1
                #expect(rule == expected, "\(candidate)")
            }
        }
        #expect(byteAnswers == candidates.count - 1)
        // The fixture covers hits of each kind, not only misses.
        let hits = candidates.filter { sectionizer.lookup(Array($0.unicodeScalars)[...]) != nil }
        #expect(hits.count > sectionizer.rules.rules.count)
    }
}
