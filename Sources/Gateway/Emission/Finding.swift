import ClinicalNLP

/// One entity of a note with its resolution: the unit every output (FHIR resources, NOTE_NLP rows) is made from.
public struct Finding: Sendable, Hashable {
    public var entity: Entity
    /// nil when the mention could not be resolved to a standard concept.
    public var match: ConceptMatch?
    /// LOINC code of the section the entity is in, when the sectionizer knows one.
    public var sectionLOINC: String?

    public init(entity: Entity, match: ConceptMatch?, sectionLOINC: String? = nil) {
        self.entity = entity
        self.match = match
        self.sectionLOINC = sectionLOINC
    }

    public var isAmbiguous: Bool { (match?.ambiguous ?? false) || entity.mention.ambiguous }
}
