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
    static func read(
        tops: [Comment], relativeDepth: Int, replyLimit: Int, viewer: Member?, alsoMembers: Set<MemberID> = [],
        store: any SiteStore
    ) async throws -> ThreadsOnPage {
        let windows = try await store.descendantWindows(of: tops, relativeDepth: relativeDepth, limit: replyLimit)
        let threads = tops.map { CommentTree.window(top: $0, descendants: windows[$0.id] ?? []) }
        return try await decorate(threads, viewer: viewer, alsoMembers: alsoMembers, store: store)
    }

    /// Reads the authors and the viewer's likes for threads already built.
    static func decorate(
        _ threads: [ThreadNode], viewer: Member?, alsoMembers: Set<MemberID> = [],
        store: any SiteStore
    ) async throws -> ThreadsOnPage {
        let comments = threads.flatMap(\.allComments)
        let authorIDs = Set(comments.map(\.authorID)).union(alsoMembers)
        let members = authorIDs.isEmpty ? [:] : try await store.members(ids: authorIDs)
        let liked =
            viewer == nil || comments.isEmpty
            ? Set<CommentID>()
            : try await store.likedCommentIDs(memberID: viewer!.id, among: comments.filter { !$0.isDeleted }.map(\.id))
        return ThreadsOnPage(threads: threads, members: members, liked: liked)
    }
}
