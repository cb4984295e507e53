import Foundation

/// A one-time sign-in link as stored: only the SHA-256 of its token, never the token.
public struct SignInToken: Sendable, Hashable {
    public var tokenHash: String
    /// The address the link was sent to, normalised; it may or may not belong to a member yet.
    public var email: String
    /// Where to go once signed in: a local path checked by the web room.
    public var returnPath: String
    public var createdAt: Date
    public var expiresAt: Date
    /// When the link was used; a link works once.
    public var usedAt: Date?

    public init(tokenHash: String, email: String, returnPath: String, createdAt: Date, expiresAt: Date, usedAt: Date? = nil) {
        self.tokenHash = tokenHash
        self.email = email
        self.returnPath = returnPath
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }
}

/// What became of an attempt to use a sign-in link.
public enum SignInRedemption: Sendable, Equatable {
    /// The link was live and is now used: sign in `email`, then go to `returnPath`.
    case redeemed(email: String, returnPath: String)
    /// The link was used before.
    case alreadyUsed
    /// The link is older than its lifetime.
    case expired
    /// No such link (mistyped, or purged).
    case unknown
}
