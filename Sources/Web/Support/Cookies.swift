import Foundation
import Hummingbird

/// The cookies Parley sets, with one rule for their attributes.
enum SiteCookie {
    static let session = "parley_session"
    static let csrf = "parley_csrf"

    /// Secure, HttpOnly, SameSite=Lax: sent on top-level navigations from elsewhere (a link
    /// in an email), never on cross-site form posts or fetches, never visible to scripts.
    static func make(_ name: String, value: String, maxAge: Int?) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: true, httpOnly: true, sameSite: .lax)
    }

    static func expired(_ name: String) -> Cookie {
        make(name, value: "", maxAge: 0)
    }
}
