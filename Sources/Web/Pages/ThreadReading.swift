import Domain
import Storage

/// What a page needs to draw comment cards: the shown windows of threads, their authors,
/// and which of them the viewer liked. Read with a fixed number of queries per shown
/// thread, so the cost follows what the page shows, not how big the discussion is.
struct ThreadsOnPage: Sendable {
    var threads: [ThreadNode]
    var members: [MemberID: Member]
    var liked: Set<CommentID>

    static let empty = ThreadsOnPage(threads: [], members: [:], liked: [])

    /// Reads a window under each of `tops`: replies at most `relativeDepth` levels below,
    /// at most `replyLimit` of them, depth-first.
    static func read(tops: [Comment], relativeDepth: Int, replyLimit: Int, viewer: Member?, alsoMembers: Set<MemberID> = [],
                     store: any SiteStore) async throws -> ThreadsOnPage {
        var threads: [ThreadNode] = []
        threads.reserveCapacity(tops.count)
        for top in tops {
            let below = replyLimit > 0 && top.descendantCount > 0
                ? try await store.descendants(of: top, maxDepth: top.depth + relativeDepth, afterReply: nil, limit: replyLimit)
                : []
            threads.append(CommentTree.window(top: top, descendants: below))
        }
        return try await decorate(threads, viewer: viewer, alsoMembers: alsoMembers, store: store)
    }

    /// Reads the authors and the viewer's likes for threads already built.
    static func decorate(_ threads: [ThreadNode], viewer: Member?, alsoMembers: Set<MemberID> = [],
                         store: any SiteStore) async throws -> ThreadsOnPage {
        let comments = threads.flatMap(\.allComments)
        var authorIDs = Set(comments.map(\.authorID)).union(alsoMembers)
        if let viewer { authorIDs.insert(viewer.id) }
        let members = authorIDs.isEmpty ? [:] : try await store.members(ids: authorIDs)
        let liked = viewer == nil || comments.isEmpty
            ? Set<CommentID>()
            : try await store.likedCommentIDs(memberID: viewer!.id, among: comments.filter { !$0.isDeleted }.map(\.id))
        return ThreadsOnPage(threads: threads, members: members, liked: liked)
    }
}
