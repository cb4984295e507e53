import Domain
import Foundation
import Mail
import Storage

extension Actions {
    /// Turns due notifications into emails: every member with a notification due gets one
    /// email telling all their waiting ones (a burst of replies is one email), queued in the
    /// same transaction that deletes them, so none is told twice or lost. What the member no
    /// longer wants (a switch turned off, a discussion unfollowed, a comment deleted since) is
    /// dropped silently. Returns how many emails were queued. Safe to run on several
    /// instances at once: a group that another instance took is left to it.
    @discardableResult
    public func sendDueNotifications(recipients limit: Int = 50) async throws -> Int {
        let current = now
        var queued = 0
        let recipients = try await store.dueNotificationRecipients(now: current, limit: limit)
        guard !recipients.isEmpty else { return 0 }
        // Read once for every email of this pass.
        let letters = try await letters()
        let signer = try await LinkSigner.load(store)
        for recipientID in recipients {
            let pending = try await store.pendingNotifications(recipientID: recipientID, limit: 100)
            guard !pending.isEmpty else { continue }
            let job: NewOutboxJob?
            do {
                job = try await notificationEmail(to: recipientID, telling: pending, letters: letters, signer: signer)
            } catch is MailError {
                // A message that can never be written (say, an address the mail room refuses) is
                // dropped, not retried every few seconds ahead of everyone else's.
                job = nil
            }
            if try await store.completeNotifications(pending.map(\.id), mail: job, now: current), job != nil { queued += 1 }
        }
        if queued > 0 { mail.mailQueued() }
        return queued
    }

    /// The one email that tells `recipientID` about `pending`, or nil when nothing in it is still wanted.
    private func notificationEmail(
        to recipientID: MemberID, telling pending: [PendingNotification], letters: Letters,
        signer: LinkSigner
    ) async throws -> NewOutboxJob? {
        guard let member = try await store.member(id: recipientID), !member.isDeleted,
            let to = try? MailAddress(member.email, name: member.displayName)
        else { return nil }
        let followed = Set(try await store.followedPostIDs(memberID: member.id))
        // One line per comment, told for the strongest reason: a reply beats a mention beats a follow.
        var strongest: [CommentID: PendingNotification] = [:]
        for row in pending {
            let wanted =
                switch row.kind {
                case .reply: member.notifyReplies
                case .mention: member.notifyMentions
                case .follow: followed.contains(row.postID)
                }
            guard wanted else { continue }
            if let seen = strongest[row.commentID], Self.rank(seen.kind) <= Self.rank(row.kind) { continue }
            strongest[row.commentID] = row
        }
        var comments: [(PendingNotification, Comment)] = []
        for row in strongest.values.sorted(by: { $0.id < $1.id }) {
            // Only what everyone may read goes out by mail (a comment held since is not told).
            if let comment = try await store.comment(id: row.commentID), !comment.isDeleted, comment.status == .visible {
                comments.append((row, comment))
            }
        }
        guard !comments.isEmpty else { return nil }
        let authors = try await store.members(ids: Set(comments.map(\.1.authorID)))
        var posts: [PostID: Post] = [:]
        var items: [DigestItem] = []
        for (row, comment) in comments {
            if posts[comment.postID] == nil { posts[comment.postID] = try await store.post(id: comment.postID) }
            guard let post = posts[comment.postID] else { continue }
            items.append(
                DigestItem(
                    kind: row.kind, commenterName: authors[comment.authorID]?.displayName ?? "",
                    postTitle: post.title, excerpt: comment.bodyText,
                    commentURL: try mail.url("/p/\(post.slug)/comment/\(comment.id)")))
        }
        guard !items.isEmpty else { return nil }
        var topics: [UnsubscribeTopic] = []
        if comments.contains(where: { $0.0.kind == .reply }) { topics.append(.replies(member.id)) }
        if comments.contains(where: { $0.0.kind == .mention }) { topics.append(.mentions(member.id)) }
        let followedPosts = Set(comments.filter { $0.0.kind == .follow }.map(\.0.postID)).sorted()
        if followedPosts.count > UnsubscribeLink.maxTopics - 2 {
            topics.append(.allFollows(member.id))
        } else {
            topics += followedPosts.map { .follow(member.id, $0) }
        }
        let unsubscribe = try unsubscribeURL(topics, signer: signer)
        let message = letters.notificationDigest(
            to: to, recipientName: member.displayName, items: items,
            unsubscribeURL: unsubscribe, oneClickUnsubscribeURL: unsubscribe,
            settingsURL: try mail.url("/settings"))
        return try message.outboxJob()
    }

    private static func rank(_ kind: NotificationKind) -> Int {
        switch kind {
        case .reply: 0
        case .mention: 1
        case .follow: 2
        }
    }
}
