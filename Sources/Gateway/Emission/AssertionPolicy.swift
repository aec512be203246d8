import ClinicalNLP

/// DESIGN.md's table: what an assertion does to the emitted resource. The precedence when several values hold
/// is: experiencer (not the patient) > negated > hypothetical > possible > historical > affirmed, because each
/// earlier value changes *whose* or *whether* more than the later ones do. `fhir-profiles/README.md` documents it.
public enum AssertionPolicy {
    public enum ConditionDisposition: Equatable, Sendable {
        /// clinicalStatus is nil for refuted conditions (a refuted problem has no clinical status).
        case condition(clinicalStatus: String?, verificationStatus: String, onsetBeforeNote: Bool)
        case familyMemberHistory
        case omitted(reason: String)
    }

    public enum StatusDisposition: Equatable, Sendable {
        case status(String)
        case omitted(reason: String)
    }

    public static func condition(_ entity: Entity, matchedName: String?, options: EmissionOptions) -> ConditionDisposition {
        let a = entity.assertion
        switch a.experiencer {
        case .family:
            if options.familyHistory == .familyMemberHistory, !a.negated, !a.hypothetical { return .familyMemberHistory }
            return .omitted(reason: "family member")
        case .other:
            return .omitted(reason: "experiencer is not the patient")
        case .patient:
            break
        }
        if a.negated { return .condition(clinicalStatus: nil, verificationStatus: "refuted", onsetBeforeNote: false) }
        if a.hypothetical {
            return options.emitHypotheticalConditions
                ? .condition(clinicalStatus: "active", verificationStatus: "provisional", onsetBeforeNote: false)
                : .omitted(reason: "hypothetical")
        }
        if a.possible { return .condition(clinicalStatus: "active", verificationStatus: "provisional", onsetBeforeNote: false) }
        if a.historical {
            let chronic = [entity.text, matchedName ?? ""].contains { $0.lowercased().contains("chronic") }
            return .condition(clinicalStatus: chronic ? "active" : "resolved", verificationStatus: "unconfirmed", onsetBeforeNote: true)
        }
        return .condition(clinicalStatus: "active", verificationStatus: "unconfirmed", onsetBeforeNote: false)
    }

    public static func medicationStatus(_ assertion: Assertion) -> StatusDisposition {
        if assertion.experiencer != .patient { return .omitted(reason: "experiencer is not the patient") }
        if assertion.negated { return .status("not-taken") }
        if assertion.hypothetical { return .status("intended") }
        if assertion.possible { return .status("unknown") }
        if assertion.historical { return .status("completed") }
        return .status("active")
    }

    public static func procedureStatus(_ assertion: Assertion) -> StatusDisposition {
        if assertion.experiencer != .patient { return .omitted(reason: "experiencer is not the patient") }
        if assertion.negated { return .status("not-done") }
        if assertion.hypothetical { return .status("preparation") }
        if assertion.possible { return .status("unknown") }
        return .status("completed")
    }

    /// NOTE_NLP `term_exists`: N when negated, not the patient, hypothetical or uncertain.
    public static func termExists(_ a: Assertion) -> Bool {
        !(a.negated || a.experiencer != .patient || a.hypothetical || a.possible)
    }
}
