import HTTPTypes
import Hummingbird

/// What another origin may do on some of Parley's paths: the one thing the embed's and the
/// Isso API's cross-origin rules differ in.
struct CORSPolicy: Sendable {
    /// Path prefixes the policy covers (a prefix ending without "/" also covers itself alone).
    let prefixes: [String]
    let allowedMethods: String
    let allowedHeaders: String
    let exposedHeaders: String
    /// Whether the browser may send cookies and let the page read the answer to them.
    let allowsCredentials: Bool

    /// Browsers keep a preflight's answer this many seconds (Chromium caps it at 7200).
    static let preflightSeconds = "600"

    func covers(_ path: String) -> Bool {
        prefixes.contains { path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") || path == $0 }
    }
}

/// Cross-origin access for the pages of an allowed origin (`EmbedAllowList`: the settings'
/// embed origins and `--embed-origins`) and for no other, on the paths of one `CORSPolicy`.
/// A refused origin gets no CORS headers at all, which the browser enforces by hiding the
/// answer; a refused preflight is a 403.
///
/// A router middleware, added right after `FrontDoorMiddleware`, because a preflight (`OPTIONS`)
/// matches no route, and Hummingbird runs only the router's own middleware for what no route takes.
struct CORSMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let policy: CORSPolicy
    let allowList: EmbedAllowList

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard policy.covers(request.uri.path), let origin = request.headers[.origin] else {
            return try await next(request, context)
        }
        let allowed = try await allowList.allows(origin)
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            var headers = HTTPFields()
            headers[.vary] = "Origin"
            guard allowed else { return Response(status: .forbidden, headers: headers) }
            headers[.accessControlAllowOrigin] = origin
            if policy.allowsCredentials { headers[.accessControlAllowCredentials] = "true" }
            headers[.accessControlAllowMethods] = policy.allowedMethods
            headers[.accessControlAllowHeaders] = policy.allowedHeaders
            headers[.accessControlMaxAge] = CORSPolicy.preflightSeconds
            return Response(status: .noContent, headers: headers)
        }
        var response = try await next(request, context)
        response.headers[.vary] = response.headers[.vary].map { $0 + ", Origin" } ?? "Origin"
        if allowed {
            response.headers[.accessControlAllowOrigin] = origin
            if policy.allowsCredentials { response.headers[.accessControlAllowCredentials] = "true" }
            response.headers[.accessControlExposeHeaders] = policy.exposedHeaders
        }
        return response
    }
}
