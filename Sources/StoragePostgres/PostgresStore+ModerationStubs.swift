import Domain
import Foundation
import Storage

// Stubs of the moderation ports until they are built (issue 9, in progress): the contract
// compiles, every call fails. Delete a stub as its method is implemented.

extension PostgresStore {
    public func approveComment(id: CommentID, notices: CommentNotices?, audit: NewAuditEntry) async throws -> Comment {
        throw ModerationNotBuilt()
    }

    public func removeComment(id: CommentID, audit: NewAuditEntry) async throws -> Comment {
        throw ModerationNotBuilt()
    }

    public func restoreComment(id: CommentID, audit: NewAuditEntry) async throws -> Comment {
        throw ModerationNotBuilt()
    }

    public func holdComment(id: CommentID, note: HoldNote, audit: NewAuditEntry?) async throws -> Comment {
        throw ModerationNotBuilt()
    }

    public func updateCommentBody(id: CommentID, text: String, html: String, editedAt: Date, hold: HoldNote?) async throws -> Comment {
        throw ModerationNotBuilt()
    }

    public func reportComment(_ report: NewCommentReport, holdAt threshold: Int) async throws -> ReportOutcome {
        throw ModerationNotBuilt()
    }

    public func reports(commentID: CommentID) async throws -> [CommentReport] {
        throw ModerationNotBuilt()
    }

    public func moderationQueue(_ tab: ModerationTab, before: CommentID?, limit: Int) async throws -> [QueuedComment] {
        throw ModerationNotBuilt()
    }

    public func moderationCounts() async throws -> [ModerationTab: Int] {
        throw ModerationNotBuilt()
    }

    public func moderation(commentID: CommentID) async throws -> QueuedComment? {
        throw ModerationNotBuilt()
    }

    public func authorHistories(memberIDs: Set<MemberID>) async throws -> [MemberID: AuthorHistory] {
        throw ModerationNotBuilt()
    }

    public func visibleCommentCount(authorID: MemberID) async throws -> Int {
        throw ModerationNotBuilt()
    }

    public func setPinnedComment(_ commentID: CommentID?, postID: PostID, audit: NewAuditEntry) async throws {
        throw ModerationNotBuilt()
    }

    public func setFeatured(_ featured: Bool, commentID: CommentID, audit: NewAuditEntry) async throws {
        throw ModerationNotBuilt()
    }
}
