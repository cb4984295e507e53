import Domain
import Foundation
import GRDB
import Storage

// What a member has written and liked: for their page and their data download.
extension SQLiteStore {
    public func comments(
        authorID: MemberID, before: CommentID?, limit: Int, visibleTo visibility: CommentVisibility
    ) async throws -> [Comment] {
        guard limit > 0 else { return [] }
        return try await read { db in
            // A backward walk of comments_author_id from `before`; ids are below Int64.max.
            try db.fetch(
                """
                SELECT \(Self.commentColumns) FROM comments
                WHERE author_id = ? AND id < ? AND \(Self.readableFilter(visibility)) ORDER BY id DESC LIMIT ?
                """, [authorID.rawValue, before?.rawValue ?? Int64.max, limit], Self.decodeComment)
        }
    }

    public func likes(memberID: MemberID) async throws -> [(commentID: CommentID, at: Date)] {
        try await read { db in
            try db.fetch(
                "SELECT comment_id, created_at FROM likes WHERE member_id = ? ORDER BY created_at, comment_id",
                [memberID.rawValue]
            ) { (commentID: CommentID($0[0] as Int64), at: $0.date(1)) }
        }
    }
}
