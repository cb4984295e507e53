import Domain
import Foundation
import PostgresNIO
import Storage

/// What one member wrote and liked: their page and their data download.
extension PostgresStore {
    public func comments(
        authorID: MemberID, before: CommentID?, limit: Int, visibleTo visibility: CommentVisibility
    ) async throws -> [Comment] {
        guard limit > 0 else { return [] }
        // A backward walk of comments_author_id from the cursor; ids grow with time, so newest first.
        return try await comments(
            """
            SELECT \(unescaped: Self.commentColumns) FROM comments
            WHERE author_id = \(authorID.rawValue) AND id < \(before?.rawValue ?? Int64.max)
              AND \(unescaped: Self.readableFilter(visibility))
            ORDER BY id DESC
            LIMIT \(limit)
            """)
    }

    public func likes(memberID: MemberID) async throws -> [(commentID: CommentID, at: Date)] {
        try await rows(
            """
            SELECT comment_id, created_at FROM likes WHERE member_id = \(memberID.rawValue) ORDER BY created_at, comment_id
            """
        ).map { row in
            let (commentID, createdAt) = try row.decode((Int64, Int64).self)
            return (CommentID(commentID), Date(millisecondsSince1970: createdAt))
        }
    }
}
