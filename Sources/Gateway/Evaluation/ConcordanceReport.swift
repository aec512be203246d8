/// Scores of `notegate evaluate-concordance`: codes NoteGate emits for notes versus the coded resources of the
/// same bundle, at OMOP concept level.
public struct ConcordanceReport: Sendable, Codable, Equatable {
    public struct Counts: Sendable, Codable, Equatable {
        /// Gold concepts of the note's encounter that the vocabulary knows, and how many of them were emitted.
        public var goldInVocabulary = 0
        public var goldFound = 0
        /// Gold codes the vocabulary does not know (left out of recall).
        public var goldNotInVocabulary = 0
        /// Emitted concepts (distinct per note, affirmed resources only) and how many are in the patient's coded
        /// record up to the note's date.
        public var emitted = 0
        public var emittedInRecord = 0

        public var recall: Double { goldInVocabulary == 0 ? 1 : Double(goldFound) / Double(goldInVocabulary) }
        public var precision: Double { emitted == 0 ? 1 : Double(emittedInRecord) / Double(emitted) }

        static func + (a: Counts, b: Counts) -> Counts {
            Counts(goldInVocabulary: a.goldInVocabulary + b.goldInVocabulary, goldFound: a.goldFound + b.goldFound,
                   goldNotInVocabulary: a.goldNotInVocabulary + b.goldNotInVocabulary, emitted: a.emitted + b.emitted,
                   emittedInRecord: a.emittedInRecord + b.emittedInRecord)
        }
    }

    /// A concept counted as a miss or a false positive, with how often.
    public struct Example: Sendable, Codable, Equatable {
        public var conceptId: Int
        public var name: String
        public var resourceType: String
        public var count: Int
    }

    public var bundles = 0
    public var notes = 0
    /// Notes whose encounter has gold codes.
    public var notesWithGold = 0
    public var documentsWithIssues = 0
    public var overall = Counts()
    /// Per gold/emitted resource type: Condition, Procedure, MedicationRequest (gold) ↔ MedicationStatement (emitted).
    public var byType: [String: Counts] = [:]
    public var missed: [Example] = []
    public var falsePositives: [Example] = []

    public var recall: Double { overall.recall }
    public var precision: Double { overall.precision }
}
