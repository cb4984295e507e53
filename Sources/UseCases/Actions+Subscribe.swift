import Domain
import Foundation
import Mail
import Storage

extension Actions {
    /// Starts a double opt-in: the address gets a confirmation email and is only mailed posts
    /// once it confirms. The reader sees the same answer whatever the outcome (new, pending,
    /// already subscribed), so the form reveals nothing about who is on the list.
    @discardableResult
    public func subscribe(email rawEmail: String) async throws -> SubscribeOutcome {
        let email = try EmailAddress.normalize(rawEmail)
        let to = try recipient(email)
        let token = SecretToken.make()
        let message = try await letters().confirmSubscription(to: to, confirmLink: try mail.url("/subscribe/confirm?token=\(token)"))
        let outcome = try await store.requestSubscription(
            email: email, confirmTokenHash: SecretToken.hash(token), now: now,
            mail: try message.outboxJob())
        if outcome == .confirmationSent { mail.mailQueued() }
        return outcome
    }

    /// Confirms a subscription from the emailed link; nil when the link is unknown, used or too old.
    public func confirmSubscription(token: String) async throws -> Subscriber? {
        guard Self.plausibleToken(token) else { return nil }
        let current = now
        return try await store.confirmSubscription(
            tokenHash: SecretToken.hash(token),
            requestedAfter: current.addingTimeInterval(-mail.confirmationLifetime), now: current)
    }

    /// The signed one-click link that takes `topics` off, as an absolute URL.
    public func unsubscribeURL(_ topics: [UnsubscribeTopic]) async throws -> URL {
        try unsubscribeURL(topics, signer: try await LinkSigner.load(store), emails: try await LinkSigner.emails(of: topics, in: store))
    }

    /// The signed link, with a signer and subscribers' addresses the caller already has.
    func unsubscribeURL(_ topics: [UnsubscribeTopic], signer: LinkSigner, emails: [SubscriberID: String] = [:]) throws -> URL {
        try mail.url("/unsubscribe?" + signer.sign(topics, emails: emails).query)
    }

    /// Whether `link` is one we signed: the unsubscribe page shows what it would turn off only then.
    public func isGenuine(_ link: UnsubscribeLink) async throws -> Bool {
        try await LinkSigner.load(store).isValid(link, emails: try await LinkSigner.emails(of: link.topics, in: store))
    }

    /// Turns off what a signed link names: no sign-in needed, the signature is the credential.
    /// Doing it twice is harmless. Throws `notAllowed` for a link we did not sign.
    public func unsubscribe(_ link: UnsubscribeLink) async throws {
        guard try await isGenuine(link) else { throw FieldError("link", .notAllowed) }
        for topic in link.topics {
            switch topic {
            case .newsletter(let id):
                _ = try await store.unsubscribe(id: id, now: now)
            case .replies(let memberID):
                if let member = try await store.member(id: memberID) {
                    try await store.setNotificationSwitches(memberID: memberID, replies: false, mentions: member.notifyMentions)
                }
            case .mentions(let memberID):
                if let member = try await store.member(id: memberID) {
                    try await store.setNotificationSwitches(memberID: memberID, replies: member.notifyReplies, mentions: false)
                }
            case .follow(let memberID, let postID):
                try await store.setFollowing(false, memberID: memberID, postID: postID, at: now)
            case .allFollows(let memberID):
                for postID in try await store.followedPostIDs(memberID: memberID) {
                    try await store.setFollowing(false, memberID: memberID, postID: postID, at: now)
                }
            }
        }
    }
}
