import Foundation
import HTTPTypes
import Hummingbird
import Logging
import UseCases

/// Cross-site request forgery protection, checked by `FormMiddleware` on every unsafe request
/// (anything but GET, HEAD, OPTIONS, TRACE) of every route but the one declared exempt.
///
/// Two rules, both must hold:
/// 1. **Where it comes from.** A request whose `Sec-Fetch-Site` is `same-site` or `cross-site`,
///    or whose `Origin` names another origin, is refused. Another port of the same host is
///    same-site but not same-origin, so it is refused here even though it can plant cookies.
/// 2. **The token.** The form field `_csrf` (or the `X-CSRF-Token` header, for the page
///    script) must equal this browser's token: for a signed-in browser an HMAC of its session
///    token, for a signed-out one a nonce with its HMAC that the site made (see `FormTokens`).
///    The cookie `__Host-parley_csrf` only carries the token to the browser; a planted cookie
///    is never trusted, since the token is recomputed from the session.
enum CSRF {
    static let formField = "_csrf"
    static let header = HTTPField.Name("X-CSRF-Token")!
    static let fetchSite = HTTPField.Name("Sec-Fetch-Site")!

    /// True for methods that may change something.
    static func isUnsafe(_ method: HTTPRequest.Method) -> Bool {
        ![.get, .head, .options, .trace].contains(method)
    }

    /// True when the submitted token is this browser's. A signed-out browser whose token was
    /// made for this very response (it had none, or one we did not make) cannot have sent it.
    static func isValid(submitted: String?, context: AppRequestContext) -> Bool {
        guard context.sessionToken != nil || !context.issuesCSRFCookie, let submitted, !submitted.isEmpty else { return false }
        return SecretToken.constantTimeEquals(submitted, context.csrfToken)
    }
}

/// The origins a state-changing request may come from: the site's own.
///
/// The site's origin is the one of `--public-url` when it is set (behind a reverse proxy that
/// rewrites `Host`, that is the only name the server knows the browser uses); a request whose
/// `Origin` names the `Host` it was sent to is same-origin too. On which scheme: with an https
/// public URL, only https (a page served over http must not post to the site); otherwise http
/// or https, since a proxy that ends TLS does not say which the browser used. Browsers send
/// `Origin` on every POST and `Sec-Fetch-Site` on every request; a request with neither (an
/// old browser, curl) is left to the token.
struct SiteOrigin: Sendable {
    /// `scheme://host[:port]`, lowercased, without a default port; nil when the URL has none.
    let publicOrigin: String?
    /// Refusals are logged at most once per this many seconds, so a flood of forged posts
    /// cannot flood the log.
    let refusalLog: LogThrottle

    init(publicURL: String, logEvery seconds: Double = 60) {
        publicOrigin = Self.origin(of: publicURL)
        refusalLog = LogThrottle(every: seconds)
    }

    func allows(_ request: Request) -> Bool {
        if let site = request.headers[CSRF.fetchSite]?.lowercased(), site != "same-origin", site != "none" { return false }
        guard let origin = request.headers[.origin]?.lowercased() else { return true }
        if let publicOrigin, origin == publicOrigin { return true }
        guard let authority = request.head.authority?.lowercased(), !authority.isEmpty else { return false }
        let schemes = publicOrigin?.hasPrefix("https://") == true ? ["https://"] : ["http://", "https://"]
        return schemes.contains { origin == $0 + authority }
    }

    /// Logs a refused request's `Origin`, `Sec-Fetch-Site`, `Host` and the public origin (no
    /// cookie, no token), at most once per `refusalLog` period: an operator whose proxy
    /// rewrites `Host` without `--public-url` set learns why every form is refused.
    func logRefusal(_ request: Request, logger: Logger) {
        guard refusalLog.mayLog() else { return }
        // The client wrote these: a bounded length of each.
        let origin = (request.headers[.origin] ?? "none").prefix(200)
        let fetchSite = (request.headers[CSRF.fetchSite] ?? "none").prefix(50)
        let host = (request.head.authority ?? "none").prefix(200)
        logger.warning(
            "Refused a \(request.method) to \(request.uri.path.prefix(200)) from another origin: Origin \(origin), Sec-Fetch-Site \(fetchSite), Host \(host), public origin \(publicOrigin ?? "none"). Behind a proxy that rewrites Host, set --public-url."
        )
    }

    static func origin(of url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            let host = components.host?.lowercased(), !host.isEmpty
        else { return nil }
        let defaultPort = scheme == "https" ? 443 : scheme == "http" ? 80 : nil
        let port = components.port.flatMap { $0 == defaultPort ? nil : ":\($0)" } ?? ""
        return "\(scheme)://\(host)\(port)"
    }
}
