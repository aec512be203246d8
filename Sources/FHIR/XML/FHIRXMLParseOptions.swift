/// Limits and strictness of the FHIR XML reader.
public struct FHIRXMLParseOptions: Sendable, Equatable {
    /// Inputs larger than this are refused before parsing (default 256 MiB).
    public var maxInputBytes: Int
    /// Deepest element nesting accepted (default 128; the deepest official R4 example nests 21 levels).
    public var maxDepth: Int
    /// When true, elements the R4 definitions do not know are kept (primitives as strings) instead of refused.
    public var keepUnknownElements: Bool

    public init(maxInputBytes: Int = 256 << 20, maxDepth: Int = 128, keepUnknownElements: Bool = false) {
        self.maxInputBytes = maxInputBytes
        self.maxDepth = maxDepth
        self.keepUnknownElements = keepUnknownElements
    }

    public static let `default` = FHIRXMLParseOptions()
}
