import Domain
import Foundation
import Storage
import Testing

/// "Given" steps for the member moderation, settings and audit log tests. Comments are held or
/// removed here by raw SQL (with their counts moved as the store moves them), so these tests
/// stand on the schema alone and not on the comment moderation port.
enum MemberModerationFixtures {
    /// An audit entry as a use case would hand it to the store.
    static func entry(
        _ action: AuditAction, by actor: Member?, at date: Date = t0, comment: Comment? = nil, subject: Member? = nil,
        post: Post? = nil, reason: String = "", before: String = "", after: String = ""
    ) -> NewAuditEntry {
        NewAuditEntry(
            at: date, actorID: actor?.id, action: action, commentID: comment?.id, subjectID: subject?.id, postID: post?.id,
            reason: reason, before: before, after: after)
    }

    /// Takes a visible comment out of view as the store would: status changed, and the post's
    /// count and every ancestor's descendant count one lower.
    static func setStatus(_ status: CommentStatus, of comment: Comment, on site: Site) async throws {
        let ancestors = CommentPath.ancestorIDs(ofPath: comment.path).map { String($0.rawValue) }
        try await executeRaw("UPDATE comments SET status = '\(status.rawValue)' WHERE id = \(comment.id.rawValue)", on: site.store)
        try await executeRaw(
            "UPDATE posts SET comment_count = comment_count - 1 WHERE id = \(comment.postID.rawValue)", on: site.store)
        if !ancestors.isEmpty {
            try await executeRaw(
                "UPDATE comments SET descendant_count = descendant_count - 1 WHERE id IN (\(ancestors.joined(separator: ", ")))",
                on: site.store)
        }
    }

    /// Raw SQL, run as it is (tests only).
    static func raw(_ sql: String, on site: Site) async throws {
        try await executeRaw(sql, on: site.store)
    }
}

/// Checks every stored counter against the rows, counting only what is counted: visible
/// comments that are not deleted, in each post and below each comment.
func expectVisibleCountsExact(_ data: SiteData, sourceLocation: SourceLocation = #_sourceLocation) {
    let counted = data.comments.filter { !$0.isDeleted && $0.status == .visible }
    for post in data.posts {
        let live = counted.filter { $0.postID == post.id }.count
        #expect(post.commentCount == live, "comment count of post \(post.id)", sourceLocation: sourceLocation)
    }
    for comment in data.comments {
        let prefix = comment.path + String(CommentPath.separator)
        let below = counted.filter { $0.path.hasPrefix(prefix) }.count
        #expect(comment.descendantCount == below, "descendant count of comment \(comment.id)", sourceLocation: sourceLocation)
    }
}
