import Domain
import Foundation
import PostgresNIO
import Storage

/// Isso's votes (one per voter and comment, `isso_votes`), dislikes and the latest comments.
extension PostgresStore {
    public func issoVote(commentID: CommentID, voter: String, like: Bool) async throws -> IssoVotes? {
        let id = commentID.rawValue
        return try await transaction { connection in
            // The vote row and the count change together: the insert that wins the primary key
            // is the only one that counts, whichever instance it ran on.
            let query: PostgresQuery =
                like
                ? """
                WITH voted AS (
                    INSERT INTO isso_votes (comment_id, voter)
                    SELECT id, \(voter) FROM comments WHERE id = \(id) AND deleted_at IS NULL AND status = 'visible'
                    ON CONFLICT DO NOTHING RETURNING 1
                )
                UPDATE comments SET like_count = like_count + (SELECT count(*) FROM voted)
                WHERE id = \(id) AND deleted_at IS NULL AND status = 'visible'
                RETURNING like_count, dislike_count
                """
                : """
                WITH voted AS (
                    INSERT INTO isso_votes (comment_id, voter)
                    SELECT id, \(voter) FROM comments WHERE id = \(id) AND deleted_at IS NULL AND status = 'visible'
                    ON CONFLICT DO NOTHING RETURNING 1
                )
                UPDATE comments SET dislike_count = dislike_count + (SELECT count(*) FROM voted)
                WHERE id = \(id) AND deleted_at IS NULL AND status = 'visible'
                RETURNING like_count, dislike_count
                """
            guard let row = try await connection.rows(query, logger).first else { return nil }
            let (likes, dislikes) = try row.decode((Int, Int).self)
            return IssoVotes(likes: likes, dislikes: dislikes)
        }
    }

    public func recordIssoVoter(commentID: CommentID, voter: String) async throws {
        _ = try await rows(
            """
            INSERT INTO isso_votes (comment_id, voter) SELECT id, \(voter) FROM comments WHERE id = \(commentID.rawValue)
            ON CONFLICT DO NOTHING
            """)
    }

    public func dislikeCounts(commentIDs: [CommentID]) async throws -> [CommentID: Int] {
        guard !commentIDs.isEmpty else { return [:] }
        var counts: [CommentID: Int] = [:]
        for row in try await rows(
            "SELECT id, dislike_count FROM comments WHERE dislike_count > 0 AND id = ANY(\(commentIDs.map(\.rawValue)))")
        {
            let (id, count) = try row.decode((Int64, Int).self)
            counts[CommentID(id)] = count
        }
        return counts
    }

    public func latestComments(postID: PostID?, limit: Int, now: Date) async throws -> [Comment] {
        try await comments(
            """
            SELECT \(unescaped: Self.qualifiedCommentColumns) FROM comments JOIN posts ON posts.id = comments.post_id
            WHERE comments.status = 'visible' AND comments.deleted_at IS NULL
              AND (\(postID?.rawValue)::BIGINT IS NULL OR comments.post_id = \(postID?.rawValue))
              AND (posts.state = 'page'
                   OR (posts.state IN ('published', 'scheduled') AND posts.audience = 'everyone' AND posts.published_at <= \(now.stored)))
            ORDER BY comments.created_at DESC, comments.id DESC LIMIT \(limit)
            """)
    }
}
