import HTTPTypes
import Hummingbird
import UseCases

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
