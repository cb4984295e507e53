import Foundation
import Storage

/// CSRF tokens that only this site can make, signed with the site's key (the one
/// `LinkSigner` signs unsubscribe links with; each kind of message has its own prefix, so
/// one can never stand for another).
///
/// A browser's cookies can be planted by a server on another port of the same host (cookies
/// do not keep ports apart), so a token is worth something only if it is bound to what that
/// server cannot know or make:
/// - signed in, the token is an HMAC of the session token, which lives in an HttpOnly cookie
///   and whose value no one else knows; a planted token is simply not that HMAC;
/// - signed out, there is no session to bind to: the token is a random nonce and its HMAC, so
///   a made-up value is refused, though a token fetched from this site by someone else is not.
///   What keeps such a token from being used across origins is the `Origin` /
///   `Sec-Fetch-Site` rule the web room applies to every unsafe request.
public struct FormTokens: Sendable {
    let signer: LinkSigner

    /// Reads the site's key (made the first time, shared by every instance).
    public static func load(_ store: any SiteStore) async throws -> FormTokens {
        FormTokens(signer: try await LinkSigner.load(store))
    }

    /// The token of a signed-in browser: the same on every page for the session's life.
    public func token(forSession sessionToken: String) -> String {
        signer.mac("csrf-session:" + sessionToken)
    }

    /// A new token for a signed-out browser: `nonce.mac`.
    public func newAnonymousToken() -> String {
        let nonce = SecretToken.make()
        return nonce + "." + signer.mac("csrf-anonymous:" + nonce)
    }

    /// True when `token` is a signed-out token this site made.
    public func isGenuineAnonymous(_ token: String) -> Bool {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].utf8.count == 43 else { return false }
        return SecretToken.constantTimeEquals(signer.mac("csrf-anonymous:" + parts[0]), String(parts[1]))
    }
}
