/// `Binary`: raw content (a note referenced from a DocumentReference by URL).
public struct Binary: FHIRResourceView {
    public static let resourceType = "Binary"
    public var element: FHIRElement
    public init(element: FHIRElement) { self.element = element }

    public var contentType: String? { get { primitive("contentType") } set { setPrimitive("contentType", newValue) } }
    public var securityContext: Reference? {
        get { view("securityContext") } set { setView("securityContext", newValue) }
    }
    /// The base64 text of `data`.
    public var data: String? { get { primitive("data") } set { setPrimitive("data", newValue) } }
    /// The decoded bytes; `nil` when absent or not valid base64.
    public var decodedData: [UInt8]? { data.flatMap(Base64.decode) }
}
