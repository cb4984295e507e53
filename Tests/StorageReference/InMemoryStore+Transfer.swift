import Domain
import Foundation
import Storage

extension InMemoryStore {
    public func exportSite() -> SiteData {
        SiteData(
            publication: publication(),
            members: storedMembers.values.sorted { $0.member.id < $1.member.id }
                .map { SiteData.MemberRow(member: $0.member, passwordHash: $0.passwordHash) },
            sessions: sessions.sorted { $0.key < $1.key }
                .map {
                    SiteData.SessionRow(
                        tokenHash: $0.key, memberID: $0.value.memberID, createdAt: $0.value.createdAt, expiresAt: $0.value.expiresAt)
                },
            posts: posts.values.sorted { $0.id < $1.id },
            comments: comments.values.sorted { $0.path < $1.path },
            likes: likes.sorted { ($0.key.commentID, $0.key.memberID) < ($1.key.commentID, $1.key.memberID) }
                .map { SiteData.LikeRow(commentID: $0.key.commentID, memberID: $0.key.memberID, createdAt: $0.value) },
            subscribers: subscribers.values.sorted { $0.subscriber.id < $1.subscriber.id }
                .map { stored in
                    let s = stored.subscriber
                    return SiteData.SubscriberRow(
                        id: s.id, email: s.email, status: s.status.rawValue, createdAt: s.createdAt,
                        confirmTokenHash: stored.confirmTokenHash,
                        confirmRequestedAt: stored.confirmRequestedAt, confirmedAt: s.confirmedAt, source: s.source.rawValue)
                },
            avatars: avatars.sorted { $0.key < $1.key }.map { SiteData.AvatarRow(memberID: $0.key, avatar: $0.value) },
            follows: follows.sorted { ($0.key.memberID, $0.key.postID) < ($1.key.memberID, $1.key.postID) }
                .map { SiteData.FollowRow(memberID: $0.key.memberID, postID: $0.key.postID, createdAt: $0.value) },
            secrets: secrets,
            moderation: moderationRows,
            spamModel: spamModelRows,
            writer: writerRows,
            imports: importRows
        )
    }

    public func writeSite(_ data: SiteData, replacingExisting: Bool) throws {
        // An actor's method runs alone: erasing and filling are one step to everyone else.
        // The rows are checked before anything changes, so a bad copy leaves the store as it was,
        // as the databases' rollback does.
        guard replacingExisting || isEmptySite() else { throw StoreError.duplicate(field: "site") }
        var statuses: [SubscriberStatus] = []
        for row in data.subscribers {
            guard let status = SubscriberStatus(rawValue: row.status) else { throw StoreError.missing("subscriber status \(row.status)") }
            statuses.append(status)
        }
        if replacingExisting { eraseSite() }
        storedPublication = data.publication
        for row in data.members {
            storedMembers[row.member.id] = StoredMember(member: row.member, passwordHash: row.passwordHash)
            memberIDsByEmail[row.member.email] = row.member.id
            lastMemberID = max(lastMemberID, row.member.id.rawValue)
        }
        for row in data.sessions {
            sessions[row.tokenHash] = StoredSession(memberID: row.memberID, createdAt: row.createdAt, expiresAt: row.expiresAt)
        }
        for post in data.posts {
            posts[post.id] = post
            postIDsBySlug[post.slug] = post.id
            lastPostID = max(lastPostID, post.id.rawValue)
        }
        for comment in data.comments {
            comments[comment.id] = comment
            lastCommentID = max(lastCommentID, comment.id.rawValue)
        }
        for row in data.likes { likes[LikeKey(commentID: row.commentID, memberID: row.memberID)] = row.createdAt }
        for (row, status) in zip(data.subscribers, statuses) {
            let subscriber = Subscriber(
                id: row.id, email: row.email, status: status, createdAt: row.createdAt,
                confirmedAt: row.confirmedAt, source: SubscriberSource(rawValue: row.source) ?? .form)
            subscribers[row.id] = StoredSubscriber(
                subscriber: subscriber, confirmTokenHash: row.confirmTokenHash,
                confirmRequestedAt: row.confirmRequestedAt)
            subscriberIDsByEmail[row.email] = row.id
            lastSubscriberID = max(lastSubscriberID, row.id.rawValue)
        }
        for row in data.avatars { avatars[row.memberID] = row.avatar }
        for row in data.follows { follows[FollowKey(memberID: row.memberID, postID: row.postID)] = row.createdAt }
        secrets = data.secrets
        moderationRows = data.moderation
        spamModelRows = data.spamModel
        writerRows = data.writer
        importRows = data.imports
    }

    public func isEmptySite() -> Bool {
        storedMembers.isEmpty && posts.isEmpty && comments.isEmpty && subscribers.isEmpty
    }

    public func eraseSite() {
        storedPublication = nil
        storedMembers = [:]
        memberIDsByEmail = [:]
        sessions = [:]
        posts = [:]
        postIDsBySlug = [:]
        comments = [:]
        likes = [:]
        subscribers = [:]
        subscriberIDsByEmail = [:]
        avatars = [:]
        signInTokens = [:]
        follows = [:]
        notifications = [:]
        newsletterSends = [:]
        secrets = [:]
        moderationRows = SiteData.ModerationRows()
        spamModelRows = SpamModelRows()
        writerRows = SiteData.WriterRows()
        importRows = SiteData.ImportRows()
    }
}
