/// One row of `CONCEPT_RELATIONSHIP` joined with the concept on its far end.
public struct RelatedConcept: Sendable, Hashable {
    public var relationshipId: String
    public var concept: Concept

    public init(relationshipId: String, concept: Concept) {
        self.relationshipId = relationshipId
        self.concept = concept
    }
}

/// Well-known OMOP relationship ids.
public enum RelationshipID {
    public static let mapsTo = "Maps to"
    public static let mappedFrom = "Mapped from"
    public static let isA = "Is a"
}
