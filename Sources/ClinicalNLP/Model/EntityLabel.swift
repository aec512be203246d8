/// The mention categories NoteGate extracts. Raw values are the labels used in JSON output and training data.
public enum EntityLabel: String, Sendable, Hashable, Codable, CaseIterable {
    case problem = "PROBLEM"
    case medication = "MEDICATION"
    case procedure = "PROCEDURE"
    case labTest = "LAB_TEST"
}
