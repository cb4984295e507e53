import Domain
import Foundation
import Storage

extension InMemoryStore {
    public func unfinishedNewsletterSends(limit: Int) -> [NewsletterSend] {
        guard limit > 0 else { return [] }
        let unfinished = newsletterSends.values.filter { $0.finishedAt == nil }
        return Array(unfinished.sorted { ($0.createdAt, $0.postID) < ($1.createdAt, $1.postID) }.prefix(limit))
    }

    public func advanceNewsletterSend(
        postID: PostID, from: SubscriberID?, to: SubscriberID?, mail: [NewOutboxJob],
        finished: Bool, now: Date
    ) -> Bool {
        // Compare and set: a send another instance moved on (or finished) is not moved again.
        guard var send = newsletterSends[postID], send.finishedAt == nil, send.afterSubscriberID == from else { return false }
        send.afterSubscriberID = to
        if finished { send.finishedAt = now.truncatedToMilliseconds }
        newsletterSends[postID] = send
        _ = appendOutboxJobs(mail, now: now)
        return true
    }
}
