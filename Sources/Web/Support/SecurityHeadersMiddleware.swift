import Hummingbird

/// Gives every response of the site's routes the security headers. The outermost middleware
/// of the server work replaces it (it also covers the router's own 404, 413 and 400).
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        SecurityHeaders.apply(to: &response.headers)
        return response
    }
}
