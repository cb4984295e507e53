import Domain
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    public func toggleLike(commentID: CommentID, memberID: MemberID, at date: Date) async throws -> LikeState {
        try await transaction { connection in
            try await Self.lockLiveMember(memberID, connection, logger)
            // Locking the comment's row makes toggles of one comment take turns, so two quick
            // clicks from two instances cannot both insert (or both delete) the same like.
            guard
                try await connection.rows(
                    """
                    SELECT 1 FROM comments WHERE id = \(commentID.rawValue) AND deleted_at IS NULL FOR UPDATE
                    """, logger
                ).first != nil
            else { throw StoreError.missing("comment") }
            // The like row and the count change together, so the count is always the number of
            // rows: delete the like if there is one, else insert it, and move the count to match.
            let row = try await connection.rows(
                """
                WITH unliked AS (
                    DELETE FROM likes WHERE comment_id = \(commentID.rawValue) AND member_id = \(memberID.rawValue)
                    RETURNING 1
                ), liked AS (
                    INSERT INTO likes (comment_id, member_id, created_at)
                    SELECT \(commentID.rawValue), \(memberID.rawValue), \(date.stored)
                    WHERE NOT EXISTS (SELECT 1 FROM unliked)
                    RETURNING 1
                )
                UPDATE comments
                SET like_count = like_count + CASE WHEN EXISTS (SELECT 1 FROM unliked) THEN -1 ELSE 1 END
                WHERE id = \(commentID.rawValue)
                RETURNING NOT EXISTS (SELECT 1 FROM unliked), like_count
                """, logger)[0]
            let (liked, count) = try row.decode((Bool, Int).self)
            return LikeState(liked: liked, count: count)
        }
    }

    public func likedCommentIDs(memberID: MemberID, among commentIDs: [CommentID]) async throws -> Set<CommentID> {
        guard !commentIDs.isEmpty else { return [] }
        // One array parameter, however many comments a page shows.
        let rows = try await rows(
            """
            SELECT comment_id FROM likes WHERE member_id = \(memberID.rawValue) AND comment_id = ANY(\(commentIDs.map(\.rawValue)))
            """)
        return Set(try rows.map { CommentID(try $0.decode(Int64.self)) })
    }
}
