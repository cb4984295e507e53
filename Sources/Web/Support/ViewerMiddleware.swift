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

/// The security headers of every response.
enum SecurityHeaders {
    /// Nothing from another origin: scripts, styles, images and form targets are our own.
    static let contentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    static func apply(to headers: inout HTTPFields) {
        if headers[.contentSecurityPolicy] == nil { headers[.contentSecurityPolicy] = contentSecurityPolicy }
        headers[.xContentTypeOptions] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
    }
}

/// Cross-site request forgery protection by double submit: a random token lives in an
/// HttpOnly SameSite cookie and in every form; a state-changing request must carry both and
/// they must match. Another site can make a browser send the cookie (not with SameSite=Lax
/// on a POST, but older browsers) yet can neither read it nor guess it for the form.
enum CSRF {
    static let formField = "_csrf"
    static let header = HTTPField.Name("X-CSRF-Token")!

    static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 43 && token.utf8.allSatisfy { $0.isBase64URL }
    }

    /// True when the request's form field (or header, for scripts) matches the cookie.
    static func isValid(submitted: String?, context: AppRequestContext) -> Bool {
        guard !context.issuesCSRFCookie, let submitted, isWellFormed(submitted) else { return false }
        return SecretToken.constantTimeEquals(submitted, context.csrfToken)
    }
}

extension UInt8 {
    var isBase64URL: Bool {
        (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self) || (0x30...0x39).contains(self) || self == 0x2D || self == 0x5F
    }
}
