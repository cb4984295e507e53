import Domain
import HTTPTypes
import Hummingbird
import UseCases

/// Resolves the viewer from the session cookie and hands the request the CSRF token its
/// forms carry (see `CSRF`). Only the routes that show something per viewer are behind it
/// (`SiteRoutes.register`): assets, avatars and health checks skip the session read.
struct ViewerMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let actions: Actions
    let key: FormTokenKey

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[SiteCookie.session]?.value, !token.isEmpty {
            if let member = try await actions.member(sessionToken: token) {
                context.viewer = member
                context.sessionToken = token
            }
        }
        let tokens = try await key.tokens()
        let cookie = request.cookies[SiteCookie.csrf]?.value
        if let session = context.sessionToken {
            // Bound to the session: whatever cookie the browser holds, the token is this one.
            context.csrfToken = tokens.token(forSession: session)
            context.issuesCSRFCookie = cookie != context.csrfToken
        } else if let cookie, tokens.isGenuineAnonymous(cookie) {
            context.csrfToken = cookie
        } else {
            context.csrfToken = tokens.newAnonymousToken()
            context.issuesCSRFCookie = true
        }
        var response = try await next(request, context)
        // Never on a response a shared cache may keep: one visitor's token would be handed to others.
        let cacheable = response.headers[.cacheControl]?.contains("public") ?? false
        if context.issuesCSRFCookie, !cacheable, response.headers[values: .setCookie].allSatisfy({ !$0.hasPrefix(SiteCookie.csrf + "=") }) {
            response.setCookie(SiteCookie.make(SiteCookie.csrf, value: context.csrfToken, maxAge: nil))
        }
        return response
    }
}
