import Domain
import Foundation
import Mail
import Storage

/// What a sign-in link's page shows before the link is used.
public enum SignInLinkState: Sendable, Equatable {
    /// Live, for an existing member: one button signs them in.
    case ready(email: String)
    /// Live, for an address without an account: the member is made on use, with a name asked once.
    case newMember(email: String)
    case alreadyUsed
    case expired
    case unknown
}

extension Actions {
    /// Mails a one-time sign-in link to `email`. The answer is the same whether or not the
    /// address has an account, so the page reveals nothing; an unknown address becomes a
    /// member when the link is used. The token is random, stored only as its hash, and goes
    /// into the outbox in the same transaction.
    public func requestSignInLink(email rawEmail: String, returnPath: String) async throws {
        let email = try EmailAddress.normalize(rawEmail)
        let to = try recipient(email)
        let token = SecretToken.make()
        let created = now
        let link = try mail.url("/sign-in/link?token=\(token)")
        let message = try await letters().signInLink(to: to, link: link, validMinutes: mail.signInLinkMinutes)
        try await store.insertSignInToken(
            SignInToken(
                tokenHash: SecretToken.hash(token), email: email, returnPath: returnPath, createdAt: created,
                expiresAt: created.addingTimeInterval(mail.signInLinkLifetime)),
            mail: try message.outboxJob())
        mail.logSignInLink?(email, link.absoluteString)
        mail.mailQueued()
    }

    /// What the link `token` would do, without using it: a mail scanner that opens the link
    /// must not use it up, so using it takes a second step (`signIn(linkToken:displayName:)`).
    public func signInLinkState(token: String) async throws -> SignInLinkState {
        guard Self.plausibleToken(token), let stored = try await store.signInToken(hash: SecretToken.hash(token)) else { return .unknown }
        if stored.usedAt != nil { return .alreadyUsed }
        if stored.expiresAt <= clock() { return .expired }
        let member = try await store.member(email: stored.email)
        return member == nil ? .newMember(email: stored.email) : .ready(email: stored.email)
    }

    /// Uses a sign-in link: it works once, before it expires. An address without an account
    /// becomes a member named `displayName` (required then, and checked before the link is
    /// used, so a refused name does not waste the link). Returns the session and where to go.
    public func signIn(linkToken token: String, displayName: String?) async throws -> (session: SignedInSession, returnPath: String) {
        let state = try await signInLinkState(token: token)
        var name: String?
        switch state {
        case .unknown: throw FieldError("token", .notFound)
        case .alreadyUsed: throw FieldError("token", .linkUsed)
        case .expired: throw FieldError("token", .linkExpired)
        case .ready: break
        case .newMember: name = try DisplayName.normalize(displayName ?? "")
        }
        switch try await store.redeemSignInToken(hash: SecretToken.hash(token), now: now) {
        case .unknown: throw FieldError("token", .notFound)
        case .alreadyUsed: throw FieldError("token", .linkUsed)
        case .expired: throw FieldError("token", .linkExpired)
        case .redeemed(let email, let returnPath):
            let member = try await memberForSignIn(email: email, displayName: name)
            return (try await startSession(for: member), returnPath)
        }
    }

    /// The member with `email`, made now if there is none (the link proved the address). A
    /// guest with that address (an imported author) becomes an account: the link proved it is theirs.
    private func memberForSignIn(email: String, displayName: String?) async throws -> Member {
        if let member = try await store.member(email: email) {
            // A placeholder proves no mailbox (no letter reaches `.invalid`): never an account.
            if GuestAddress.isPlaceholder(member.email) { throw FieldError("token", .notFound) }
            guard member.kind == .guest, try await store.turnGuestIntoAccount(memberID: member.id) else { return member }
            return try await store.member(id: member.id) ?? member
        }
        // The address had no account when the page was shown; someone may have made one since.
        let name = try displayName ?? DisplayName.normalize(String(email.prefix(while: { $0 != "@" }).prefix(Limits.displayNameLength)))
        do {
            return try await store.insertMember(
                NewMember(email: email, displayName: name, role: .member, passwordHash: nil, createdAt: now))
        } catch StoreError.duplicate {
            guard let member = try await store.member(email: email) else { throw FieldError("email", .notFound) }
            return member
        }
    }

    /// Deletes sign-in links that expired a day ago or more: they are no use to anyone, and a
    /// day's grace still tells a late clicker "expired" rather than "unknown".
    public func purgeExpiredSignInLinks() async throws -> Int {
        try await store.purgeSignInTokens(expiredBefore: now.addingTimeInterval(-86_400))
    }

    /// Tokens we make are 43 base64url characters; anything far from that is not worth a read.
    static func plausibleToken(_ token: String) -> Bool {
        (20...100).contains(token.utf8.count)
            && token.utf8.allSatisfy {
                $0 == 0x2D || $0 == 0x5F || (0x30...0x39).contains($0)
                    || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0)
            }
    }
}
