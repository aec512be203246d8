/// One annotated row of the NegEx/ConText evaluation TSV (`id condition sentence negation temporality experiencer`).
public struct AssertionEvaluationRow: Sendable, Hashable {
    public enum Temporality: String, Sendable, Hashable {
        case recent = "Recent"
        case historical = "Historical"
        /// What the ConText README calls hypothetical.
        case notParticular = "Not particular"
    }

    public enum Experiencer: String, Sendable, Hashable {
        case patient = "Patient"
        case familyMember = "Family member"
        case other = "Other"
    }

    /// 1-based line in the file.
    public var line: Int
    public var id: String
    public var condition: String
    public var sentence: String
    public var negated: Bool
    public var temporality: Temporality
    public var experiencer: Experiencer

    public init(line: Int, id: String, condition: String, sentence: String, negated: Bool,
                temporality: Temporality, experiencer: Experiencer) {
        self.line = line
        self.id = id
        self.condition = condition
        self.sentence = sentence
        self.negated = negated
        self.temporality = temporality
        self.experiencer = experiencer
    }
}
