import Hummingbird

/// The gateway's endpoints, in one table: the router registers them, the outer responder uses the table to tell
/// 405 (known path, other method) from 404 and to label metrics with the route instead of the raw path.
enum GatewayRoute: String, CaseIterable, Sendable {
    case metadata = "/fhir/metadata"
    case extract = "/fhir/$extract"
    case documentReferenceExtract = "/fhir/DocumentReference/$extract"
    case notifications = "/fhir/notifications"
    case lookup = "/fhir/CodeSystem/$lookup"
    case translate = "/fhir/ConceptMap/$translate"
    case expand = "/fhir/ValueSet/$expand"
    case health = "/healthz"
    case metrics = "/metrics"

    var path: String { rawValue }

    var methods: [HTTPRequest.Method] {
        switch self {
        case .metadata, .health, .metrics: [.get]
        case .extract, .documentReferenceExtract, .notifications: [.post]
        case .lookup, .translate, .expand: [.get, .post]
        }
    }

    /// The route a request path names (trailing slash tolerated), if any.
    init?(path: String) {
        var path = path
        if path.count > 1, path.hasSuffix("/") { path.removeLast() }
        self.init(rawValue: path)
    }
}
