import Domain
import Foundation
import Storage

/// A token just made: `secret` is shown once and never again (only its hash is stored).
public struct IssuedAPIToken: Sendable {
    public let token: APIToken
    public let member: Member
    public let secret: String
}

/// The member already holds `max` live tokens: one must be revoked before another is made.
public struct APITokenLimitReached: Error, Sendable {
    public let max: Int
}

/// API tokens: made for a member on the command line (`parley token add`), listed and revoked
/// by that member in their settings, and found again by the hash of a bearer token.
extension Actions {
    /// What a token looks like: a fixed prefix (so a leaked one is recognisable, and scanners
    /// can look for it) and 32 random bytes, base64url.
    public static let apiTokenPrefix = "parley_"

    /// `parley token add`: a new token for the live member with `email`, named `name` (one
    /// line, at most `Limits.apiTokenName` characters). Refuses an unknown or deleted member
    /// (`notFound` on `email`) and a member who holds `Limits.apiTokensPerMember` live tokens.
    public func addAPIToken(email rawEmail: String, name rawName: String) async throws -> IssuedAPIToken {
        let name = try TextInput.singleLine(rawName, field: "name", max: Limits.apiTokenName)
        let email = try EmailAddress.normalize(rawEmail)
        guard let member = try await store.member(email: email), !member.isDeleted else { throw FieldError("email", .notFound) }
        let live = try await store.apiTokens(memberID: member.id).filter { $0.revokedAt == nil }
        guard live.count < Limits.apiTokensPerMember else { throw APITokenLimitReached(max: Limits.apiTokensPerMember) }
        let secret = Self.apiTokenPrefix + SecretToken.make()
        do {
            let token = try await store.insertAPIToken(memberID: member.id, name: name, tokenHash: SecretToken.hash(secret), at: now)
            return IssuedAPIToken(token: token, member: member, secret: secret)
        } catch StoreError.missing {
            // Deleted between our read and the insert.
            throw FieldError("email", .notFound)
        }
    }

    /// The viewer's tokens, newest first, revoked ones included (they show as revoked).
    public func apiTokens(of viewer: Member) async throws -> [APIToken] {
        try await store.apiTokens(memberID: viewer.id)
    }

    /// Revokes one of the viewer's own tokens; `notFound` on `token` when it is not theirs or
    /// was revoked already, so no one learns whether another member's token exists.
    public func revokeAPIToken(id: APITokenID, by viewer: Member?) async throws {
        guard let viewer else { throw FieldError("token", .signInRequired) }
        guard try await store.revokeAPIToken(id: id, memberID: viewer.id, at: now) else { throw FieldError("token", .notFound) }
    }

    /// The member a bearer token stands for, or nil for a token that is unknown, revoked, or
    /// not even the shape of one (refused before any read). The one place that knows how a
    /// token is stored: the SHA-256 (hex) of the whole string, prefix included.
    public func apiTokenHolder(bearer: String) async throws -> (token: APIToken, member: Member)? {
        guard bearer.hasPrefix(Self.apiTokenPrefix), bearer.utf8.count <= Self.apiTokenPrefix.utf8.count + 64 else { return nil }
        return try await store.apiTokenHolder(tokenHash: SecretToken.hash(bearer), at: now)
    }
}
