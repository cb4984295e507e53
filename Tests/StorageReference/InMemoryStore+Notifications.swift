import Domain
import Foundation
import Storage

extension InMemoryStore {
    /// Writes the notification rows a new comment calls for (see `CommentNotices`): reply,
    /// then mentions, then followers, each member at most once.
    func notify(about comment: Comment, parent: Comment?, _ notices: CommentNotices) {
        var told: Set<MemberID> = [comment.authorID]
        func add(_ recipient: MemberID, _ kind: NotificationKind, dueAt: Date) {
            guard told.insert(recipient).inserted else { return }
            lastNotificationID += 1
            let id = NotificationID(lastNotificationID)
            notifications[id] = PendingNotification(
                id: id, recipientID: recipient, kind: kind, commentID: comment.id,
                postID: comment.postID, createdAt: comment.createdAt,
                dueAt: dueAt.truncatedToMilliseconds)
        }
        if let parent, !parent.isDeleted, let author = storedMembers[parent.authorID]?.member,
            !author.isDeleted, author.notifyReplies
        {
            add(author.id, .reply, dueAt: notices.replyDueAt)
        }
        for id in notices.mentioned {
            guard let member = storedMembers[id]?.member, !member.isDeleted, member.notifyMentions else { continue }
            add(id, .mention, dueAt: notices.replyDueAt)
        }
        let followers = follows.keys.filter { $0.postID == comment.postID }.map(\.memberID).sorted()
        for id in followers where storedMembers[id]?.member.isDeleted == false {
            add(id, .follow, dueAt: notices.followDueAt)
        }
    }

    public func dueNotificationRecipients(now: Date, limit: Int) -> [MemberID] {
        guard limit > 0 else { return [] }
        // Compared in whole milliseconds, as the databases compare their integer columns.
        let nowMS = now.millisecondsSince1970
        var earliest: [MemberID: Date] = [:]
        for row in notifications.values where row.dueAt.millisecondsSince1970 <= nowMS {
            earliest[row.recipientID] = min(earliest[row.recipientID] ?? row.dueAt, row.dueAt)
        }
        return Array(earliest.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map(\.key).prefix(limit))
    }

    public func pendingNotifications(recipientID: MemberID, limit: Int) -> [PendingNotification] {
        guard limit > 0 else { return [] }
        let theirs = notifications.values.filter { $0.recipientID == recipientID }
        return Array(theirs.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }.prefix(limit))
    }

    public func completeNotifications(_ ids: [NotificationID], mail: NewOutboxJob?, now: Date) -> Bool {
        // All or nothing: a row already gone means another instance sent this group.
        guard ids.allSatisfy({ notifications[$0] != nil }) else { return false }
        for id in ids { notifications[id] = nil }
        if let mail { _ = appendOutboxJobs([mail], now: now) }
        return true
    }
}
