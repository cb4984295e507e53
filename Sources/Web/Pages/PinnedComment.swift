import Domain
import Storage

/// Staff pin one root comment to the top of a discussion: on the post page and on the first
/// page of the discussion it comes first, whatever the sort.
enum PinnedComment {
    /// `roots` with the post's pinned comment first: moved there when it is among them, read
    /// and put there when it is not (one read). A pinned comment that is no longer a visible
    /// root of this post is left out.
    static func first(in roots: [Comment], post: Post, store: any SiteStore) async throws -> [Comment] {
        guard let pinnedID = post.pinnedCommentID else { return roots }
        if let index = roots.firstIndex(where: { $0.id == pinnedID }) {
            var arranged = roots
            arranged.insert(arranged.remove(at: index), at: 0)
            return arranged
        }
        guard let pinned = try await store.comment(id: pinnedID), pinned.postID == post.id, pinned.parentID == nil,
            !pinned.isDeleted, pinned.status == .visible
        else { return roots }
        return [pinned] + roots
    }
}
