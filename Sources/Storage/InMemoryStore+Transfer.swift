import Domain
import Foundation

extension InMemoryStore {
    public func exportSite() -> SiteData {
        SiteData(
            publication: publication(),
            members: storedMembers.values.sorted { $0.member.id < $1.member.id }
                .map { SiteData.MemberRow(member: $0.member, passwordHash: $0.passwordHash) },
            sessions: sessions.sorted { $0.key < $1.key }
                .map { SiteData.SessionRow(tokenHash: $0.key, memberID: $0.value.memberID, createdAt: $0.value.createdAt, expiresAt: $0.value.expiresAt) },
            posts: posts.values.sorted { $0.id < $1.id },
            comments: comments.values.sorted { $0.path < $1.path },
            likes: likes.sorted { ($0.key.commentID, $0.key.memberID) < ($1.key.commentID, $1.key.memberID) }
                .map { SiteData.LikeRow(commentID: $0.key.commentID, memberID: $0.key.memberID, createdAt: $0.value) },
            subscribers: subscribers.sorted { $0.key < $1.key }
                .map { SiteData.SubscriberRow(email: $0.key, status: "active", createdAt: $0.value) }
        )
    }

    public func importSite(_ data: SiteData, replacingExisting: Bool) throws {
        // An actor's method runs alone: erasing and filling are one step to everyone else.
        if replacingExisting { eraseSite() }
        guard isEmptySite() else { throw StoreError.duplicate(field: "site") }
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
        for row in data.subscribers { subscribers[row.email] = row.createdAt }
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
    }
}
