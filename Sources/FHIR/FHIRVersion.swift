/// The FHIR release NoteGate reads and writes by default.
public enum FHIRVersion {
    public static let r4 = "4.0.1"
}
