/// One attribute of a medication mention, with its own span.
public struct MedicationAttribute: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case strength, dose, form, route, frequency, duration, prn
        case statusChange = "status_change"
    }

    public var kind: Kind
    /// `[start, end)` in Unicode scalars of the original text.
    public var range: Range<Int>
    /// The text as written.
    public var text: String
    /// Normalized value: `500 mg`, `oral`, `BID`, `every 4-6 hours`, `start`, `stop`, ... (see README).
    public var value: String

    public init(kind: Kind, range: Range<Int>, text: String, value: String) {
        self.kind = kind
        self.range = range
        self.text = text
        self.value = value
    }
}
