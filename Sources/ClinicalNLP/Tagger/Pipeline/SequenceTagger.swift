/// The learned tagger as a `MentionDetector` for `ClinicalPipeline`: tags the note with a `TaggerModel`, using the
/// pipeline's sections and dictionary matches as features, and maps model labels onto NoteGate's `EntityLabel`.
/// Model labels with no mapping (e.g. BC5CDR's `Chemical` unless mapped) are not reported as mentions.
public struct SequenceTagger: MentionDetector {
    public let model: TaggerModel
    public let labelMapping: [String: EntityLabel]
    public static let source = "tagger"

    /// `labelMapping` overrides the default: NoteGate labels as themselves, `Disease`/`Problem` → PROBLEM,
    /// `Chemical`/`Drug` → MEDICATION, `Test`/`Lab` → LAB_TEST, `Procedure` → PROCEDURE.
    public init(model: TaggerModel, labelMapping: [String: EntityLabel] = [:]) {
        self.model = model
        var mapping: [String: EntityLabel] = [:]
        for label in model.tagSet.labels {
            if let mapped = labelMapping[label] ?? Lexicon.label(named: label) ?? Self.extraNames[label.uppercased()] {
                mapping[label] = mapped
            }
        }
        self.labelMapping = mapping
    }

    public init(modelPath: String, labelMapping: [String: EntityLabel] = [:]) throws {
        self.init(model: try TaggerModelFile.read(path: modelPath), labelMapping: labelMapping)
    }

    private static let extraNames: [String: EntityLabel] = [
        "CHEMICAL": .medication, "TREATMENT": .medication, "PROCEDURES": .procedure, "DISORDER": .problem,
        "SPECIFICDISEASE": .problem, "DISEASECLASS": .problem, "PROBLEM": .problem,
    ]

    public func detectMentions(in text: AnalyzedText) -> [Mention] {
        let spans = model.predict(scalars: text.scalars) { tokens in
            TaggerContext.make(tokens: tokens, sections: model.featureSet.useSections ? text.sections : [],
                               dictionaryMatches: model.featureSet.useDictionary ? text.dictionaryMatches : [])
        }
        return spans.compactMap { span in
            guard let label = labelMapping[span.label] else { return nil }
            return Mention(range: span.range, text: text.substring(span.range), label: label, conceptKey: nil,
                           source: Self.source, score: span.score)
        }
    }
}
