import HTTPTypes
import Hummingbird

/// Cross-origin access to the JSON API and the live streams, for the embed on the pages of an
/// allowed origin (`EmbedAllowList`) and for no other.
///
/// It never allows credentials: the embed sends no cookie (a host page's request would carry
/// Parley's cookies as third-party ones, which browsers increasingly drop) but the bearer token
/// its sign-in popup handed it, so another site can neither ride on a reader's session nor read
/// an answer meant for one. A refused origin gets no CORS headers at all, which the browser
/// enforces by hiding the answer; a refused preflight is a 403.
///
/// A router middleware, added right after `FrontDoorMiddleware`, because a preflight (`OPTIONS`)
/// matches no route, and Hummingbird runs only the router's own middleware for what no route takes.
struct EmbedCORSMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let allowList: EmbedAllowList

    /// The paths the embed reaches from other origins.
    static let sharedPrefixes = ["/api/v1/", "/live/"]
    static let allowedMethods = "GET, POST, PUT, PATCH, DELETE"
    static let allowedHeaders = "Authorization, Content-Type, If-None-Match, Last-Event-ID"
    static let exposedHeaders = "ETag, Location, Retry-After"
    /// Browsers keep a preflight's answer this many seconds (Chromium caps it at 7200).
    static let preflightSeconds = "600"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard Self.sharedPrefixes.contains(where: { path.hasPrefix($0) }), let origin = request.headers[.origin] else {
            return try await next(request, context)
        }
        let allowed = try await allowList.allows(origin)
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            var headers = HTTPFields()
            headers[.vary] = "Origin"
            guard allowed else { return Response(status: .forbidden, headers: headers) }
            headers[.accessControlAllowOrigin] = origin
            headers[.accessControlAllowMethods] = Self.allowedMethods
            headers[.accessControlAllowHeaders] = Self.allowedHeaders
            headers[.accessControlMaxAge] = Self.preflightSeconds
            return Response(status: .noContent, headers: headers)
        }
        var response = try await next(request, context)
        response.headers[.vary] = response.headers[.vary].map { $0 + ", Origin" } ?? "Origin"
        if allowed {
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.accessControlExposeHeaders] = Self.exposedHeaders
        }
        return response
    }
}
