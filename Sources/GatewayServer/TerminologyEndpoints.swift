import FHIR
import Foundation
import Hummingbird
import Terminology

/// Mounts the terminology operations (`CodeSystem/$lookup`, `ConceptMap/$translate`, `ValueSet/$expand`) of
/// `TerminologyOperations`: GET with query parameters, POST with a `Parameters` resource (JSON or XML) or an
/// `application/x-www-form-urlencoded` form. These are reads, so they never require the bearer token.
struct TerminologyEndpoints: Sendable {
    let operations: TerminologyOperations
    let maxBodySize: Int

    typealias Operation = @Sendable (TerminologyOperations, Input) async throws -> FHIRElement

    enum Input {
        case query([(name: String, value: String)])
        case parameters(FHIRElement)
    }

    func register(on router: Router<BasicRequestContext>) {
        let table: [(GatewayRoute, Operation)] = [
            (.lookup, { operations, input in
                switch input {
                case .query(let items): try await operations.lookup(queryItems: items)
                case .parameters(let parameters): try await operations.lookup(parameters: parameters)
                }
            }),
            (.translate, { operations, input in
                switch input {
                case .query(let items): try await operations.translate(queryItems: items)
                case .parameters(let parameters): try await operations.translate(parameters: parameters)
                }
            }),
            (.expand, { operations, input in
                switch input {
                case .query(let items): try await operations.expand(queryItems: items)
                case .parameters(let parameters): try await operations.expand(parameters: parameters)
                }
            }),
        ]
        for (route, operation) in table {
            let path = RouterPath(route.path)
            router.get(path) { request, _ in
                let exchange = try FHIRExchange(request: request)
                let items = QueryItems.parse(request.uri.query ?? "").filter { !$0.name.hasPrefix("_") }
                return exchange.respond(try await operation(operations, .query(items)))
            }
            router.post(path) { request, _ in
                try await handlePost(request, operation: operation)
            }
        }
    }

    private func handlePost(_ request: Request, operation: Operation) async throws -> Response {
        if let contentType = request.headers[.contentType],
           contentType.lowercased().hasPrefix("application/x-www-form-urlencoded")
        {
            let buffer = try await request.body.collect(upTo: maxBodySize)
            let items = QueryItems.parse(String(buffer: buffer)).filter { !$0.name.hasPrefix("_") }
            return try FHIRExchange(request: request).respond(try await operation(operations, .query(items)))
        }
        let (body, format) = try await FHIRExchange.readBody(request, limit: maxBodySize)
        let exchange = try FHIRExchange(request: request, requestFormat: format)
        guard body.resourceType == "Parameters" else {
            throw FHIRHTTPError(
                status: .badRequest, code: .invalid,
                diagnostics: "the operation takes a Parameters resource, got \(body.resourceType ?? body.name)",
                expression: body.resourceType ?? body.name)
        }
        return exchange.respond(try await operation(operations, .parameters(body)))
    }
}

/// `a=1&b=x%20y&b=z` → ordered (name, value) pairs, `+` as space, percent escapes decoded.
enum QueryItems {
    static func parse(_ query: String) -> [(name: String, value: String)] {
        query.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let rawName = parts.first, !rawName.isEmpty else { return nil }
            let rawValue = parts.count > 1 ? parts[1] : ""
            return (decode(rawName), decode(rawValue))
        }
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
