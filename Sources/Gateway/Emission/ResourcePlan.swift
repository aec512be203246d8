/// What one finding becomes, decided before anything is built: the resource type, its deterministic id and the
/// values the assertion policy chose. The tree builder (`ResourceEmitter.resource(_:finding:context:)`) and the
/// compact JSON renderer (`ResourceEmitter.appendJSON`) both work from it, so they cannot disagree on what is
/// emitted.
struct ResourcePlan: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case condition(clinicalStatus: String?, verificationStatus: String, onsetBeforeNote: Bool)
        case familyMemberHistory
        case medicationStatement(status: String)
        case procedure(status: String)

        var resourceType: String {
            switch self {
            case .condition: "Condition"
            case .familyMemberHistory: "FamilyMemberHistory"
            case .medicationStatement: "MedicationStatement"
            case .procedure: "Procedure"
            }
        }
    }

    var kind: Kind
    var id: String
    var resourceType: String { kind.resourceType }
}
