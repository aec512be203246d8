/// The ConText values of one mention. Defaults describe an affirmed, current finding about the patient.
public struct Assertion: Sendable, Hashable, Codable {
    public enum Experiencer: String, Sendable, Hashable, Codable {
        case patient, family, other
    }
    public var negated: Bool
    public var possible: Bool
    public var hypothetical: Bool
    public var historical: Bool
    public var experiencer: Experiencer

    public init(negated: Bool = false, possible: Bool = false, hypothetical: Bool = false,
                historical: Bool = false, experiencer: Experiencer = .patient) {
        self.negated = negated
        self.possible = possible
        self.hypothetical = hypothetical
        self.historical = historical
        self.experiencer = experiencer
    }

    public static let affirmed = Assertion()
}
