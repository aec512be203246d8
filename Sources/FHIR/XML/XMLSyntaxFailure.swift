/// A failure found while reading FHIR XML, before it is turned into the FHIR module's public parse error.
struct XMLSyntaxFailure: Error, Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// Not well-formed XML, invalid UTF-8, truncated input (reported by libxml2).
        case malformed
        /// A DOCTYPE: FHIR XML never has one, and refusing it shuts out entity tricks and external DTDs.
        case doctypeForbidden
        /// Wrong or missing namespace on a FHIR element.
        case namespace
        /// An element the FHIR definitions do not know at that place.
        case unknownElement
        /// An attribute FHIR XML does not allow (only `value`, `id`, and `url` on extensions).
        case unknownAttribute
        /// Text content where FHIR XML puts values in `value` attributes.
        case unexpectedText
        /// A primitive without a value or a complex element without content.
        case emptyElement
        /// A resource wrapper without exactly one resource inside.
        case resourceWrapper
        /// Input above the configured size or nesting limit.
        case tooLarge
    }

    var kind: Kind
    var message: String
    var line: Int
    var column: Int
    var path: String? = nil
    var libxml2Code: Int? = nil
}
