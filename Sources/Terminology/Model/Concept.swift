/// One row of the OMOP `CONCEPT` table.
///
/// Dates are kept as Athena writes them (`YYYYMMDD` as an integer) so that a full vocabulary stays compact in memory
/// and on disk; `formattedDate(_:)` turns them into FHIR `date` text.
public struct Concept: Sendable, Hashable, Codable {
    public var conceptId: Int
    public var name: String
    public var domainId: String
    public var vocabularyId: String
    public var conceptClassId: String
    /// `S` (standard), `C` (classification) or nil (non-standard).
    public var standardConcept: String?
    public var conceptCode: String
    public var validStartDate: Int?
    public var validEndDate: Int?
    /// `D` (deleted), `U` (upgraded/replaced) or nil while valid.
    public var invalidReason: String?

    public init(
        conceptId: Int, name: String, domainId: String, vocabularyId: String, conceptClassId: String,
        standardConcept: String?, conceptCode: String, validStartDate: Int? = nil, validEndDate: Int? = nil,
        invalidReason: String? = nil
    ) {
        self.conceptId = conceptId
        self.name = name
        self.domainId = domainId
        self.vocabularyId = vocabularyId
        self.conceptClassId = conceptClassId
        self.standardConcept = standardConcept
        self.conceptCode = conceptCode
        self.validStartDate = validStartDate
        self.validEndDate = validEndDate
        self.invalidReason = invalidReason
    }

    public var isStandard: Bool { standardConcept == "S" }
    public var isValid: Bool { invalidReason == nil }

    /// `20991231` → `2099-12-31`; nil when the value is not an 8-digit date.
    public static func formattedDate(_ value: Int?) -> String? {
        guard let value, value >= 1000_01_01, value <= 9999_12_31 else { return nil }
        let year = value / 10000, month = (value / 100) % 100, day = value % 100
        func pad(_ n: Int, _ width: Int) -> String {
            let text = String(n)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
