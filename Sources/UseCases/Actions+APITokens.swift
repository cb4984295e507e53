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

    /// Revoked tokens listed in settings, the most recent ones: enough to see that a token
    /// ended, without a list that grows with every embed sign-in (each one revokes the last).
    public static let revokedAPITokensShown = 5

    /// The viewer's tokens, newest first: every live one, and the latest revoked ones.
    public func apiTokens(of viewer: Member) async throws -> [APIToken] {
        var revokedShown = 0
        return try await store.apiTokens(memberID: viewer.id).filter { token in
            guard token.revokedAt != nil else { return true }
            revokedShown += 1
            return revokedShown <= Self.revokedAPITokensShown
        }
    }

    /// Revokes one of the viewer's own tokens; `notFound` on `token` when it is not theirs or
    /// was revoked already, so no one learns whether another member's token exists.
    public func revokeAPIToken(id: APITokenID, by viewer: Member?) async throws {
        guard let viewer else { throw FieldError("token", .signInRequired) }
        guard try await store.revokeAPIToken(id: id, memberID: viewer.id, at: now) else { throw FieldError("token", .notFound) }
    }

    /// The member a bearer token stands for, or nil for a token that is unknown, revoked, empty
    /// or longer than any token made here (refused before any read). Tokens from the command
    /// line carry `apiTokenPrefix`; the embed's (`issueEmbedToken`) do not, so the prefix is not
    /// asked for. A token is stored as the SHA-256 (hex) of the whole string.
    ///
    /// An embed's token acts as a plain member, whatever the member's role: it lives in the
    /// storage of another site's pages, where every script of that site can read it, so it must
    /// not carry staff powers (moderation, roles, the queue, drafts). Staff moderate in Parley's
    /// own pages, or with a token from the command line.
    public func apiTokenHolder(bearer: String) async throws -> (token: APIToken, member: Member)? {
        guard !bearer.isEmpty, bearer.utf8.count <= 128,
            var holder = try await store.apiTokenHolder(tokenHash: SecretToken.hash(bearer), at: now)
        else { return nil }
        if bearer.hasPrefix(Self.embedTokenPrefix) { holder.member.role = .member }
        return holder
    }
}
