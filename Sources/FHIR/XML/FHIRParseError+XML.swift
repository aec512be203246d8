/// Error codes only the XML reader raises. The shared ones (`syntax`, `invalidUTF8`, `truncated`,
/// `unknownElement`, `unknownResourceType`, `forbiddenConstruct`, `nestingTooDeep`, `inputTooLarge`, `emptyValue`)
/// come from `FHIRParseError.Code` itself.
extension FHIRParseError.Code {
    /// An element outside the FHIR namespace `http://hl7.org/fhir` (or a narrative `div` outside XHTML's).
    public static let xmlNamespace = FHIRParseError.Code("xmlNamespace", issueType: .structure)
    /// An attribute FHIR XML does not define (it has only `value`, `id`, and `url` on extensions).
    public static let xmlUnknownAttribute = FHIRParseError.Code("xmlUnknownAttribute", issueType: .structure)
    /// Character data where FHIR XML puts values in `value` attributes.
    public static let xmlUnexpectedText = FHIRParseError.Code("xmlUnexpectedText", issueType: .structure)
    /// A resource wrapper (`contained`, `entry.resource`, ...) without exactly one resource inside.
    public static let xmlResourceWrapper = FHIRParseError.Code("xmlResourceWrapper", issueType: .structure)
}
