/// `Bundle` (named `FHIRBundle` so it does not shadow Foundation's `Bundle`).
public struct FHIRBundle: FHIRResourceView {
    public static let resourceType = "Bundle"
    public var element: FHIRElement
    public init(element: FHIRElement) { self.element = element }

    /// A bundle of the given type (`collection`, `transaction`, `searchset`, `batch-response`, ...).
    public init(type: String, entries: [Entry] = []) {
        self.element = .resource(Self.resourceType)
        self.type = type
        self.entries = entries
    }

    /// `Bundle.entry`.
    public struct Entry: FHIRView {
        public var element: FHIRElement
        public init(element: FHIRElement) { self.element = element }

        public init(fullUrl: String? = nil, resource: FHIRElement?, request: Request? = nil) {
            self.element = .complex("entry", [])
            self.fullUrl = fullUrl
            self.resource = resource
            self.request = request
        }

        public var fullUrl: String? { get { primitive("fullUrl") } set { setPrimitive("fullUrl", newValue) } }
        /// The entry's resource (a node named `"resource"` with `resourceType` set).
        public var resource: FHIRElement? {
            get { element.first("resource") }
            set { element.set("resource", to: newValue.map { FHIRElement.nested("resource", resource: $0) }) }
        }
        public var request: Request? { get { view("request") } set { setView("request", newValue) } }
        public var response: Response? { get { view("response") } set { setView("response", newValue) } }
        /// `search.mode` (`match`, `include`, `outcome`).
        public var searchMode: String? { element.string(path: "search.mode") }
    }

    /// `Bundle.entry.request`.
    public struct Request: FHIRView {
        public var element: FHIRElement
        public init(element: FHIRElement) { self.element = element }

        public init(method: String, url: String, ifNoneExist: String? = nil) {
            self.element = .complex("request", [])
            self.method = method
            self.url = url
            self.ifNoneExist = ifNoneExist
        }

        public var method: String? { get { primitive("method") } set { setPrimitive("method", newValue) } }
        public var url: String? { get { primitive("url") } set { setPrimitive("url", newValue) } }
        public var ifNoneExist: String? { get { primitive("ifNoneExist") } set { setPrimitive("ifNoneExist", newValue) } }
        public var ifMatch: String? { get { primitive("ifMatch") } set { setPrimitive("ifMatch", newValue) } }
    }

    /// `Bundle.entry.response`.
    public struct Response: FHIRView {
        public var element: FHIRElement
        public init(element: FHIRElement) { self.element = element }

        public init(status: String, location: String? = nil, outcome: OperationOutcome? = nil) {
            self.element = .complex("response", [])
            self.status = status
            self.location = location
            if let outcome { element.set("outcome", to: .nested("outcome", resource: outcome.element)) }
        }

        public var status: String? { get { primitive("status") } set { setPrimitive("status", newValue) } }
        public var location: String? { get { primitive("location") } set { setPrimitive("location", newValue) } }
        public var etag: String? { get { primitive("etag") } set { setPrimitive("etag", newValue) } }
        public var outcome: OperationOutcome? { element.first("outcome").map(OperationOutcome.init(element:)) }
    }

    public var type: String? { get { primitive("type") } set { setPrimitive("type", newValue) } }
    public var timestamp: String? { get { primitive("timestamp") } set { setPrimitive("timestamp", newValue) } }
    public var total: Int? {
        get { element.integer("total") }
        set { element.set("total", to: newValue.map { .integer("total", $0) }) }
    }
    public var identifier: Identifier? { get { view("identifier") } set { setView("identifier", newValue) } }
    public var entries: [Entry] { get { views("entry") } set { setViews("entry", newValue) } }

    /// The resources of all entries, in order.
    public var resources: [FHIRElement] { element.all("entry").compactMap { $0.first("resource") } }

    public mutating func append(_ entry: Entry) {
        element.append(entry.element.named("entry"))
    }
}
