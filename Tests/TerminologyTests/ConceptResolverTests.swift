import Testing
@testable import Terminology

/// Resolution against the embedded demonstration vocabulary (real OMOP concept ids).
@Suite struct ConceptResolverTests {
    let resolver = TerminologyFixtures.embeddedResolver
    let conditions: Set<String> = ["Condition", "Observation"]

    private func best(_ text: String, _ domains: Set<String>, strength: Bool = false, form: Bool = false)
        -> RankedCandidate?
    {
        resolver.resolve(ResolutionQuery(text: text, domains: domains, hasStrength: strength, hasForm: form)).best
    }

    @Test func exactNameIgnoringCaseAndPunctuation() throws {
        let hit = try #require(best("TYPE 2 DIABETES MELLITUS.", conditions))
        #expect(hit.concept.conceptId == 201826)
        #expect(hit.matchKind == .exact)
        #expect(hit.score == 1)
    }

    @Test(arguments: [
        ("type II diabetes mellitus", 201826),  // roman numeral
        ("diabetes mellitus type 2", 201826),  // word order
        ("Type 2 diabetes", 201826),  // missing word
        ("type II diabetes", 201826),
        ("T2DM", 201826),  // abbreviation safety net
        ("GI bleed", 192671),  // abbreviation + clinical variant
        ("gastrointestinal haemorrhage", 192671),  // British spelling
        ("kidney stones", 201620),  // plural
        ("atrial fibrilation", 313217),  // typo (deletion)
        ("pnuemonia", 255848),  // typo (transposition)
        ("myocardial infraction", 4329847),  // typo (transposition, long word)
        ("appendectomy", 4198190),
    ])
    func mentionLandsOnTheIntendedConcept(text: String, conceptId: Int) throws {
        let domains: Set<String> = conceptId == 4198190 ? ["Procedure"] : conditions
        let hit = try #require(best(text, domains), "no candidate for \(text)")
        #expect(hit.concept.conceptId == conceptId, "\(text) → \(hit.concept.name)")
        #expect(hit.concept.isStandard)
    }

    @Test func nonStandardNamesGoToTheirStandardConcept() throws {
        let hit = try #require(best("Gastrointestinal hemorrhage, unspecified", conditions))
        #expect(hit.concept.conceptId == 192671)
        #expect(hit.matched?.conceptId == 35208414)
        #expect(hit.matched?.vocabularyId == "ICD10CM")
    }

    @Test func mentionOfAnotherDomainIsNotForcedOntoTheRequestedOne() throws {
        let resolution = resolver.resolve(ResolutionQuery(text: "aspirin", domains: ["Condition"]))
        #expect(resolution.best == nil, "aspirin as a condition gave \(String(describing: resolution.best))")
        let drug = try #require(best("aspirin", ["Drug"]))
        #expect(drug.concept.conceptId == 1112807)
        #expect(drug.concept.conceptClassId == "Ingredient")
    }

    @Test func strengthAndFormPreferTheClinicalDrug() throws {
        let clinical = try #require(best("furosemide 40 mg oral tablets", ["Drug"], strength: true, form: true))
        #expect(clinical.concept.conceptId == 957136)
        #expect(clinical.concept.conceptClassId == "Clinical Drug")
        let bare = try #require(best("furosemide", ["Drug"]))
        #expect(bare.concept.conceptClassId == "Ingredient")
    }

    @Test func unrelatedTextResolvesToNothing() {
        #expect(resolver.resolve(ResolutionQuery(text: "zzqx blorf", domains: [])).best == nil)
        #expect(resolver.resolve(ResolutionQuery(text: "  ,. ", domains: [])).best == nil)
    }

    @Test func closeCandidatesAreFlaggedAmbiguous() throws {
        let fixtureResolver = try ConceptResolver(store: TerminologyFixtures.fixtureStore)
        let cold = fixtureResolver.resolve(ResolutionQuery(text: "common cold", domains: ["Condition"]))
        #expect(cold.ambiguous)
        #expect(Set(cold.candidates.map(\.concept.conceptId)) == [2_000_000_001, 2_000_000_002])
        let diabetes = fixtureResolver.resolve(ResolutionQuery(text: "Type 2 diabetes mellitus", domains: []))
        #expect(!diabetes.ambiguous)
        #expect(diabetes.best?.concept.conceptId == 201826)
        // Synonyms count as exact hits of their concept.
        let synonym = try #require(
            fixtureResolver.resolve(ResolutionQuery(text: "non-insulin dependent diabetes mellitus")).best)
        #expect(synonym.concept.conceptId == 201826)
        #expect(synonym.matchKind == .synonym)
    }

    @Test func retiredConceptsAreNeverCandidates() throws {
        let fixtureResolver = try ConceptResolver(store: TerminologyFixtures.fixtureStore)
        #expect(fixtureResolver.resolve(ResolutionQuery(text: "retired finding")).best == nil)
    }
}
