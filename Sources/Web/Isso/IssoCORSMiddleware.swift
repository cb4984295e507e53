import HTTPTypes
import Hummingbird

/// Cross-origin access to the Isso API (`/isso/`) for the pages of an allowed origin
/// (`EmbedAllowList`: the settings' embed origins and `--embed-origins`), and for no other.
///
/// Unlike the embed's, it allows credentials: Isso's client sends its requests
/// `withCredentials`, and its edit cookie (`Set-Cookie: N=...`) is what lets the writer of a
/// comment change it for 15 minutes. It exposes `X-Set-Cookie`, which the client copies into
/// the host page's cookies to know which comments it may edit, and `Date`, by which it
/// corrects "2 minutes ago" for the reader's clock. Every change must be sent as JSON, which no
/// HTML form can send: another origin's page can only do so after a preflight this refuses.
/// A router middleware, because a preflight matches no route.
struct IssoCORSMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let allowList: EmbedAllowList

    static let prefix = "/isso"
    static let allowedMethods = "GET, POST, PUT, DELETE"
    static let allowedHeaders = "Origin, Referer, Content-Type"
    static let exposedHeaders = "X-Set-Cookie, Date"
    /// Browsers keep a preflight's answer this many seconds (Chromium caps it at 7200).
    static let preflightSeconds = "600"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard path == Self.prefix || path.hasPrefix(Self.prefix + "/"), let origin = request.headers[.origin] else {
            return try await next(request, context)
        }
        let allowed = try await allowList.allows(origin)
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            var headers = HTTPFields()
            headers[.vary] = "Origin"
            guard allowed else { return Response(status: .forbidden, headers: headers) }
            headers[.accessControlAllowOrigin] = origin
            headers[.accessControlAllowCredentials] = "true"
            headers[.accessControlAllowMethods] = Self.allowedMethods
            headers[.accessControlAllowHeaders] = Self.allowedHeaders
            headers[.accessControlMaxAge] = Self.preflightSeconds
            return Response(status: .noContent, headers: headers)
        }
        var response = try await next(request, context)
        response.headers[.vary] = response.headers[.vary].map { $0 + ", Origin" } ?? "Origin"
        if allowed {
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.accessControlAllowCredentials] = "true"
            response.headers[.accessControlExposeHeaders] = Self.exposedHeaders
        }
        return response
    }
}
