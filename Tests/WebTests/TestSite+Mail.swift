import Domain
import Foundation
import Mail
import Storage
import UseCases

extension TestSite {
    /// Every message in the outbox, oldest first (ids are handed out in order from 1).
    func outbox() async throws -> [MailMessage] {
        var messages: [MailMessage] = []
        var id: Int64 = 1
        var misses = 0
        // Ids can skip on PostgreSQL (a rolled-back insert uses one up), so a few misses are allowed.
        while misses < 20 {
            if let job = try await store.outboxJob(id: OutboxJobID(id)) {
                messages.append(try MailMessage(outboxJSON: job.messageJSON))
                misses = 0
            } else {
                misses += 1
            }
            id += 1
        }
        return messages
    }

    /// The outbox messages to `address`.
    func mail(to address: String) async throws -> [MailMessage] {
        try await outbox().filter { $0.to.address == address }
    }

    /// The same site's use cases with the clock at `date`: for what happens minutes later.
    func actions(at date: Date) -> Actions {
        Actions(store: store, clock: { date }, passwords: actions.passwords, events: actions.events, mail: actions.mail)
    }

    /// A live sign-in link token for `email`, made straight in the store (no mail read needed).
    func signInToken(for email: String, createdAt: Date = Date(), lifetime: TimeInterval = 900) async throws -> String {
        let token = SecretToken.make()
        let message = MailMessage(from: try MailAddress("parley@example.com"), to: try MailAddress(email), subject: "Sign in", text: token)
        try await store.insertSignInToken(
            SignInToken(
                tokenHash: SecretToken.hash(token), email: email, returnPath: "/",
                createdAt: createdAt.truncatedToMilliseconds,
                expiresAt: createdAt.addingTimeInterval(lifetime).truncatedToMilliseconds),
            mail: try message.outboxJob())
        return token
    }
}

/// The first `PATH?QUERY` of this site found in `text` after `marker` (e.g. "/sign-in/link?token="), without the host.
func link(in text: String, after marker: String) -> String? {
    guard let start = text.range(of: marker) else { return nil }
    let tail = text[start.lowerBound...]
    let end = tail.firstIndex(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" }) ?? tail.endIndex
    return String(tail[..<end]).replacingOccurrences(of: "&amp;", with: "&")
}
