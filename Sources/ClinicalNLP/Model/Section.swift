/// A section of a note: the header as written (if any) and the body that follows it up to the next header.
public struct Section: Sendable, Hashable, Codable {
    public var category: SectionCategory
    /// The header as written, e.g. `HISTORY OF PRESENT ILLNESS:`; nil for text before the first header.
    public var headerRange: Range<Int>?
    /// `[start, end)` of the body in Unicode scalars of the original text.
    public var bodyRange: Range<Int>
    /// LOINC document-section code where one exists (e.g. `10164-2` for HPI).
    public var loincCode: String?
    /// The header text as written, trimmed (without the colon).
    public var headerText: String?

    public init(category: SectionCategory, headerRange: Range<Int>?, bodyRange: Range<Int>,
                loincCode: String?, headerText: String? = nil) {
        self.category = category
        self.headerRange = headerRange
        self.bodyRange = bodyRange
        self.loincCode = loincCode
        self.headerText = headerText
    }

    /// Whole extent: header start (or body start) to body end.
    public var range: Range<Int> { (headerRange?.lowerBound ?? bodyRange.lowerBound)..<bodyRange.upperBound }
}
