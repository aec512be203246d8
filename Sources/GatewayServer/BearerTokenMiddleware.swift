import Hummingbird

/// Requires `Authorization: Bearer <token>` on the routes it guards (the write operations: `$extract` and the
/// notification endpoint). The comparison takes the same time wherever the tokens differ.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let header = request.headers[.authorization] else {
            throw FHIRHTTPError.unauthorized("this operation requires 'Authorization: Bearer <token>'")
        }
        let prefix = "bearer "
        guard header.count > prefix.count, header.prefix(prefix.count).lowercased() == prefix else {
            throw FHIRHTTPError.unauthorized("the Authorization header must use the Bearer scheme")
        }
        let presented = header.dropFirst(prefix.count).trimmingLeadingSpaces()
        guard Self.constantTimeEquals(Array(presented.utf8), Array(token.utf8)) else {
            throw FHIRHTTPError.unauthorized("the bearer token is not valid")
        }
        return try await next(request, context)
    }

    static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        var difference = UInt8(lhs.count == rhs.count ? 0 : 1)
        for index in 0..<max(lhs.count, rhs.count) {
            let left = index < lhs.count ? lhs[index] : 0
            let right = index < rhs.count ? rhs[index] : 0
            difference |= left ^ right
        }
        return difference == 0
    }
}

extension Substring {
    fileprivate func trimmingLeadingSpaces() -> Substring {
        drop { $0 == " " || $0 == "\t" }
    }
}
