import Domain
import Foundation
import Storage

extension InMemoryStore {
    public func deleteAccount(memberID: MemberID, comments mode: DeletedAccountComments, at date: Date) throws {
        guard let stored = storedMembers[memberID] else { throw StoreError.missing("member") }
        // Deleting twice changes nothing: the first time took everything there was to take.
        guard !stored.member.isDeleted else { return }
        let email = stored.member.email

        // Their likes first, so that the counts of comments that stay drop with them.
        for key in likes.keys where key.memberID == memberID {
            likes[key] = nil
            comments[key.commentID]?.likeCount -= 1
        }

        // Deepest first: a reply goes before its parent is looked at, so a parent left with no
        // replies is removed rather than kept as a placeholder.
        let theirs = comments.values.filter { $0.authorID == memberID && !$0.isDeleted }
            .sorted { ($1.depth, $1.id) < ($0.depth, $0.id) }
        for comment in theirs {
            switch mode {
            case .remove:
                // Deepest first, so each is still there when its turn comes: pruning only
                // removes placeholders, and these are all live.
                _ = try deleteComment(id: comment.id, at: date)
            case .placeholders:
                adjustCounts(of: comment, by: -1)
                comments[comment.id]?.deletedAt = date.truncatedToMilliseconds
                comments[comment.id]?.bodyText = ""
                comments[comment.id]?.bodyHTML = ""
            }
        }

        sessions = sessions.filter { $0.value.memberID != memberID }
        follows = follows.filter { $0.key.memberID != memberID }
        notifications = notifications.filter { $0.value.recipientID != memberID }
        avatars[memberID] = nil
        signInTokens = signInTokens.filter { $0.value.email != email }
        outbox.jobs = outbox.jobs.filter { $0.value.recipient != email }
        if let subscriberID = subscriberIDsByEmail.removeValue(forKey: email) {
            subscribers[subscriberID] = nil
        }

        var scrubbed = stored.member
        scrubbed.email = DeletedAccount.email(for: memberID)
        scrubbed.displayName = ""
        scrubbed.bio = ""
        scrubbed.role = .member
        scrubbed.notifyReplies = false
        scrubbed.notifyMentions = false
        scrubbed.avatarVersion = nil
        scrubbed.deletedAt = date.truncatedToMilliseconds
        storedMembers[memberID] = StoredMember(member: scrubbed, passwordHash: nil)
        memberIDsByEmail[email] = nil
        memberIDsByEmail[scrubbed.email] = memberID
    }
}
