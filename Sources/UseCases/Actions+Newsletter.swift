import Domain
import Foundation
import Mail
import Storage

extension Actions {
    /// Queues the next batches of the posts on their way to the newsletter list: at most
    /// `batchSize` emails in all per call, oldest send first, each with its reader's own signed unsubscribe
    /// link and RFC 8058 headers. A scheduled post waits until it is visible. The batch and
    /// the send's progress commit together, so a crash never mails anyone twice or skips
    /// anyone, and two instances never queue the same batch. Returns how many were queued.
    @discardableResult
    public func sendNewsletterBatches(batchSize: Int) async throws -> Int {
        var queued = 0
        // Scheduled posts' sends wait in this list without taking any of the budget.
        for send in try await store.unfinishedNewsletterSends(limit: 100) where queued < batchSize {
            guard let post = try await store.post(id: send.postID), post.isVisible(at: clock()) else { continue }
            let budget = batchSize - queued
            let batch = try await store.activeSubscribers(after: send.afterSubscriberID, limit: budget)
            let author = try await store.member(id: post.authorID)
            let letters = try await letters()
            let signer = try await LinkSigner.load(store)
            // The same post for every reader: made once per batch.
            let newsletterPost = try newsletterPost(post, authorName: author?.displayName ?? "")
            var jobs: [NewOutboxJob] = []
            for subscriber in batch {
                guard let to = try? MailAddress(subscriber.email) else { continue }
                let unsubscribe = try unsubscribeURL(
                    [.newsletter(subscriber.id)], signer: signer, emails: [subscriber.id: subscriber.email])
                let message = letters.newsletter(
                    to: to, post: newsletterPost, unsubscribeURL: unsubscribe, oneClickUnsubscribeURL: unsubscribe,
                    likeURL: try likeURL(post: post, subscriber: subscriber, signer: signer))
                jobs.append(try message.outboxJob())
            }
            let finished = batch.count < budget
            if try await store.advanceNewsletterSend(
                postID: post.id, from: send.afterSubscriberID, to: batch.last?.id ?? send.afterSubscriberID,
                mail: jobs, finished: finished, now: now)
            {
                queued += jobs.count
            }
        }
        if queued > 0 { mail.mailQueued() }
        return queued
    }

    /// The post's HTML without its images. A page shows only images of its own origin (its
    /// CSP says so); a mail has no CSP, and an image from elsewhere would tell that server who
    /// opened the mail and when. The post's own page, linked at the top, shows them.
    static func withoutImages(_ html: String) -> String {
        // The sanitiser wrote this HTML: tags are well formed and attribute values quoted and
        // escaped, so an image tag ends at the first ">".
        var out = ""
        var rest = Substring(html)
        while let start = rest.range(of: "<img") {
            out += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: ">") else { return out }
            rest = rest[rest.index(after: end)...]
        }
        return out + rest
    }
}
