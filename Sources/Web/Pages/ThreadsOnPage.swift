import Domain
import Foundation
import Storage

/// What a page needs to draw comment cards: the shown windows of threads, their authors,
/// which of them the viewer liked, which authors subscribe (badges) and whom the viewer muted.
/// Read with a fixed number of queries per shown thread, so the cost follows what the page
/// shows, not how big the discussion is.
struct ThreadsOnPage: Sendable {
    var threads: [ThreadNode]
    var members: [MemberID: Member]
    var liked: Set<CommentID>
    /// Authors on the page with an active subscription: the "Subscriber" badge.
    var subscribers: Set<MemberID> = []
    /// Members the viewer muted: their comments are collapsed for the viewer.
    var muted: Set<MemberID> = []

    static let empty = ThreadsOnPage(threads: [], members: [:], liked: [])

    /// Reads a window under each of `tops`: replies at most `relativeDepth` levels below,
    /// at most `replyLimit` of them, depth-first, as the viewer may see them.
    static func read(
        tops: [Comment], relativeDepth: Int, replyLimit: Int, viewer: Member?, alsoMembers: Set<MemberID> = [],
        store: any SiteStore
    ) async throws -> ThreadsOnPage {
        let windows = try await store.descendantWindows(
            of: tops, relativeDepth: relativeDepth, limit: replyLimit, visibleTo: CommentVisibility.of(viewer))
        let threads = tops.map { CommentTree.window(top: $0, descendants: windows[$0.id] ?? []) }
        return try await decorate(threads, viewer: viewer, alsoMembers: alsoMembers, store: store)
    }

    /// Reads the authors, their badges, and the viewer's likes and mutes for threads already built.
    static func decorate(
        _ threads: [ThreadNode], viewer: Member?, alsoMembers: Set<MemberID> = [],
        store: any SiteStore
    ) async throws -> ThreadsOnPage {
        let comments = threads.flatMap(\.allComments)
        let commentAuthors = Set(comments.map(\.authorID))
        let authorIDs = commentAuthors.union(alsoMembers)
        let members = authorIDs.isEmpty ? [:] : try await store.members(ids: authorIDs)
        let liked =
            viewer == nil || comments.isEmpty
            ? Set<CommentID>()
            : try await store.likedCommentIDs(memberID: viewer!.id, among: comments.filter { !$0.isDeleted }.map(\.id))
        let subscribers =
            commentAuthors.isEmpty ? [] : try await store.subscribedMemberIDs(among: commentAuthors.sorted { $0.rawValue < $1.rawValue })
        let muted = viewer == nil || comments.isEmpty ? [] : try await store.mutedMemberIDs(memberID: viewer!.id)
        return ThreadsOnPage(threads: threads, members: members, liked: liked, subscribers: subscribers, muted: muted)
    }
}

/// Whether the viewer may take part in a post's discussion, read once per page: the reason
/// they may not (shown in place of the composer), or nil.
enum DiscussionStanding {
    /// Signed out: the discussion's own closing, else "sign in". Signed in: `DiscussionAccess`
    /// with the viewer's ban and subscription, the same rule the use cases apply.
    static func read(post: Post, viewer: Member?, store: any SiteStore, now: Date) async throws -> FieldError.Reason? {
        let settings = try await store.moderationSettings()
        let access = DiscussionAccess(post: post, defaultAutoCloseDays: settings.autoCloseDays)
        guard let viewer else { return access.isClosed(at: now) ? .discussionClosed : .signInRequired }
        let ban = try await store.ban(memberID: viewer.id)
        let subscribes =
            post.discussion == .subscribers && !viewer.role.isStaff
            ? try await store.subscriber(email: viewer.email)?.status == .active : false
        return access.refusal(for: viewer, ban: ban, isSubscriber: subscribes, at: now)
    }
}
