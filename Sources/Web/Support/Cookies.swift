import Foundation
import Hummingbird

/// The cookies Parley sets, with one rule for their attributes.
///
/// The `__Host-` prefix makes browsers refuse these cookies unless they are Secure, for path
/// "/" and without a Domain: a sibling subdomain cannot plant a session or a CSRF token here.
enum SiteCookie {
    static let session = "__Host-parley_session"
    static let csrf = "__Host-parley_csrf"

    /// Secure, HttpOnly, SameSite=Lax: sent on top-level navigations from elsewhere (a link
    /// in an email), never on cross-site form posts or fetches, never visible to scripts.
    static func make(_ name: String, value: String, maxAge: Int?) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: true, httpOnly: true, sameSite: .lax)
    }

    static func expired(_ name: String) -> Cookie {
        make(name, value: "", maxAge: 0)
    }
}
