import Domain
import Foundation
import Storage

/// A signed-in session: the token goes in the cookie, only its hash is stored.
public struct SignedInSession: Sendable {
    public let token: String
    public let member: Member
    public let expiresAt: Date
}

extension Actions {
    /// How long a session lasts without signing in again.
    public static let sessionLifetime: TimeInterval = 30 * 86_400

    /// Signs in with email and password. Unknown address and wrong password are the same
    /// error and take the same time, so the form never tells whether an address has an account.
    public func signIn(email rawEmail: String, password: String) async throws -> SignedInSession {
        let email = try EmailAddress.normalize(rawEmail)
        guard !password.isEmpty else { throw FieldError("password", .required) }
        guard password.count <= Limits.passwordLength.upperBound else { throw FieldError("password", .wrongCredentials) }
        let member = try await store.member(email: email)
        let hash = try await member.asyncFlatMap { try await store.passwordHash(memberID: $0.id) }
        let matches = await passwords.verify(password, hashOrDecoy: hash)
        guard let member, hash != nil, matches else { throw FieldError("password", .wrongCredentials) }
        return try await startSession(for: member)
    }

    /// Opens a new session for a member whose identity was proven some other way.
    public func startSession(for member: Member) async throws -> SignedInSession {
        let token = SecretToken.make()
        let created = now
        let expires = created.addingTimeInterval(Self.sessionLifetime)
        try await store.insertSession(tokenHash: SecretToken.hash(token), memberID: member.id, createdAt: created, expiresAt: expires)
        return SignedInSession(token: token, member: member, expiresAt: expires)
    }

    /// The member a session cookie belongs to, or nil.
    public func member(sessionToken token: String) async throws -> Member? {
        guard !token.isEmpty, token.utf8.count <= 128 else { return nil }
        return try await store.member(sessionTokenHash: SecretToken.hash(token), now: clock())
    }

    /// Ends a session; an unknown token is already signed out.
    public func signOut(sessionToken token: String) async throws {
        guard !token.isEmpty, token.utf8.count <= 128 else { return }
        try await store.deleteSession(tokenHash: SecretToken.hash(token))
    }
}

extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

extension Actions {
    /// The site's CSRF tokens, under its signing key (read from the store: keep the result).
    public func formTokens() async throws -> FormTokens {
        try await FormTokens.load(store)
    }
}
