import Domain
import HTTPTypes
import Hummingbird
import UseCases

/// Resolves the viewer from the session cookie, hands every request a CSRF token, and sets
/// the headers every response carries (no third-party loads, no framing, no sniffing).
struct ViewerMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let actions: Actions

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        // Assets, avatars and health checks look the same to everyone: a page loads dozens of
        // them, and none needs the session read from the database.
        let path = request.uri.path
        let isAvatar = path.hasPrefix("/members/") && (path.hasSuffix("/avatar.svg") || path.contains("/avatar/"))
        let isPerViewer = !(path.hasPrefix("/static/") || isAvatar || path == "/healthz")
        if isPerViewer, let token = request.cookies[SiteCookie.session]?.value, !token.isEmpty {
            if let member = try await actions.member(sessionToken: token) {
                context.viewer = member
                context.sessionToken = token
            }
        }
        if let csrf = request.cookies[SiteCookie.csrf]?.value, CSRF.isWellFormed(csrf) {
            context.csrfToken = csrf
        } else {
            context.csrfToken = SecretToken.make()
            context.issuesCSRFCookie = true
        }
        var response = try await next(request, context)
        // Never on a response a shared cache may keep (static files, avatars): one visitor's
        // token would be handed to others.
        let cacheable = response.headers[.cacheControl]?.contains("public") ?? false
        if context.issuesCSRFCookie, !cacheable, response.headers[values: .setCookie].allSatisfy({ !$0.hasPrefix(SiteCookie.csrf + "=") }) {
            response.setCookie(SiteCookie.make(SiteCookie.csrf, value: context.csrfToken, maxAge: nil))
        }
        SecurityHeaders.apply(to: &response.headers)
        return response
    }
}
