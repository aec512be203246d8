/// `Attachment`: inline base64 `data` or a `url`.
public struct Attachment: FHIRView {
    public var element: FHIRElement
    public init(element: FHIRElement) { self.element = element }

    public init(contentType: String?, data: [UInt8]? = nil, url: String? = nil) {
        self.element = .complex("attachment", [])
        self.contentType = contentType
        if let data { self.data = Base64.encode(data) }
        self.url = url
    }

    public var contentType: String? { get { primitive("contentType") } set { setPrimitive("contentType", newValue) } }
    public var language: String? { get { primitive("language") } set { setPrimitive("language", newValue) } }
    /// The base64 text of `data`.
    public var data: String? { get { primitive("data") } set { setPrimitive("data", newValue) } }
    public var url: String? { get { primitive("url") } set { setPrimitive("url", newValue) } }
    public var size: Int? { element.integer("size") }
    public var hash: String? { get { primitive("hash") } set { setPrimitive("hash", newValue) } }
    public var title: String? { get { primitive("title") } set { setPrimitive("title", newValue) } }
    public var creation: String? { get { primitive("creation") } set { setPrimitive("creation", newValue) } }

    /// The decoded bytes of `data`; `nil` when absent or not valid base64.
    public var decodedData: [UInt8]? { data.flatMap(Base64.decode) }

    /// The `charset` parameter of `contentType`, lower-cased (e.g. `"utf-8"`).
    public var charset: String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingSpaces().lowercased() == "charset" {
                return parts[1].trimmingSpaces().trimmingQuotes().lowercased()
            }
        }
        return nil
    }

    /// The media type of `contentType` without parameters, lower-cased (e.g. `"text/plain"`).
    public var mediaType: String? {
        contentType.map { ($0.split(separator: ";").first.map(String.init) ?? "").trimmingSpaces().lowercased() }
    }
}

extension Substring {
    func trimmingSpaces() -> String { String(self).trimmingSpaces() }
}

extension String {
    func trimmingQuotes() -> String {
        guard count >= 2, first == "\"", last == "\"" else { return self }
        return String(dropFirst().dropLast())
    }
}
