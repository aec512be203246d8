import Foundation

/// The JSON shape of one entity in `notegate annotate` output (one object per line). `concept` is the hook for
/// the terminology layer: ClinicalNLP leaves it nil; the gateway fills it when it resolves the mention.
public struct EntityRecord: Codable, Sendable, Equatable {
    public struct Attribute: Codable, Sendable, Equatable {
        public var kind: String
        public var start: Int
        public var end: Int
        public var text: String
        public var value: String
    }

    public struct Assertions: Codable, Sendable, Equatable {
        public var negated: Bool
        public var possible: Bool
        public var hypothetical: Bool
        public var historical: Bool
        public var experiencer: String
    }

    /// A resolved concept (filled by the caller that resolves mentions, e.g. the gateway).
    public struct Concept: Codable, Sendable, Equatable {
        public var id: Int
        public var name: String
        public var vocabulary: String
        public var code: String
        public var domain: String
        public init(id: Int, name: String, vocabulary: String, code: String, domain: String) {
            self.id = id
            self.name = name
            self.vocabulary = vocabulary
            self.code = code
            self.domain = domain
        }
    }

    /// Identifier of the note (JSONL `id` or line number) when several notes are annotated.
    public var note: String?
    public var start: Int
    public var end: Int
    public var text: String
    public var label: String
    public var section: String
    public var sectionCode: String?
    public var source: String
    public var score: Double
    public var conceptKey: String?
    /// Text the terminology layer should resolve (abbreviation expansion, corrected spelling).
    public var preferredText: String?
    public var ambiguous: Bool
    public var assertions: Assertions
    public var attributes: [Attribute]
    public var concept: Concept?

    public init(entity: Entity, sectionCode: String?, note: String? = nil, concept: Concept? = nil) {
        self.note = note
        self.start = entity.range.lowerBound
        self.end = entity.range.upperBound
        self.text = entity.text
        self.label = entity.label.rawValue
        self.section = entity.section.rawValue
        self.sectionCode = sectionCode
        self.source = entity.mention.source
        self.score = entity.mention.score
        self.conceptKey = entity.mention.conceptKey
        self.preferredText = entity.mention.preferredText
        self.ambiguous = entity.mention.ambiguous
        let a = entity.assertion
        self.assertions = Assertions(negated: a.negated, possible: a.possible, hypothetical: a.hypothetical,
                                     historical: a.historical, experiencer: a.experiencer.rawValue)
        self.attributes = entity.attributes.map {
            Attribute(kind: $0.kind.rawValue, start: $0.range.lowerBound, end: $0.range.upperBound, text: $0.text, value: $0.value)
        }
        self.concept = concept
    }
}

extension AnnotatedNote {
    /// One record per entity, with the LOINC code of its section.
    public func entityRecords(note: String? = nil) -> [EntityRecord] {
        var sectionIndex = 0
        return entities.map { entity in
            while sectionIndex + 1 < sections.count, sections[sectionIndex + 1].range.lowerBound <= entity.range.lowerBound {
                sectionIndex += 1
            }
            let code = sections.indices.contains(sectionIndex) && sections[sectionIndex].category == entity.section
                ? sections[sectionIndex].loincCode : nil
            return EntityRecord(entity: entity, sectionCode: code, note: note)
        }
    }
}
