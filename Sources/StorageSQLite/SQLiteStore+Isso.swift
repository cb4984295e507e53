import Domain
import Foundation
import GRDB
import Storage

/// Isso's votes (one per voter and comment, `isso_votes`), dislikes and the latest comments.
extension SQLiteStore {
    public func issoVote(commentID: CommentID, voter: String, like: Bool) async throws -> IssoVotes? {
        try await write { db in
            guard
                try db.exists(
                    "SELECT 1 FROM comments WHERE id = ? AND deleted_at IS NULL AND status = 'visible'", [commentID.rawValue])
            else { return nil }
            if try db.run("INSERT OR IGNORE INTO isso_votes (comment_id, voter) VALUES (?, ?)", [commentID.rawValue, voter]) > 0 {
                let column = like ? "like_count" : "dislike_count"
                try db.run("UPDATE comments SET \(column) = \(column) + 1 WHERE id = ?", [commentID.rawValue])
            }
            return try db.fetchFirst(
                "SELECT like_count, dislike_count FROM comments WHERE id = ?", [commentID.rawValue],
                { IssoVotes(likes: $0[0], dislikes: $0[1]) })
        }
    }

    public func recordIssoVoter(commentID: CommentID, voter: String) async throws {
        try await write { db in
            try db.run("INSERT OR IGNORE INTO isso_votes (comment_id, voter) VALUES (?, ?)", [commentID.rawValue, voter])
        }
    }

    public func dislikeCounts(commentIDs: [CommentID]) async throws -> [CommentID: Int] {
        guard !commentIDs.isEmpty else { return [:] }
        return try await read { db in
            var counts: [CommentID: Int] = [:]
            // In slices, so no statement outgrows SQLite's limit on parameters.
            for slice in stride(from: 0, to: commentIDs.count, by: 500).map({ commentIDs[$0..<min($0 + 500, commentIDs.count)] }) {
                let marks = Array(repeating: "?", count: slice.count).joined(separator: ", ")
                let rows = try Row.fetchAll(
                    db, sql: "SELECT id, dislike_count FROM comments WHERE dislike_count > 0 AND id IN (\(marks))",
                    arguments: StatementArguments(slice.map(\.rawValue)))
                for row in rows { counts[CommentID(row[0] as Int64)] = row[1] }
            }
            return counts
        }
    }

    public func latestComments(postID: PostID?, limit: Int, now: Date) async throws -> [Comment] {
        try await read { db in
            let columns = Self.qualifiedCommentColumns
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT \(columns) FROM comments JOIN posts ON posts.id = comments.post_id
                    WHERE comments.status = 'visible' AND comments.deleted_at IS NULL AND (? IS NULL OR comments.post_id = ?)
                      AND (posts.state = 'page'
                           OR (posts.state IN ('published', 'scheduled') AND posts.audience = 'everyone' AND posts.published_at <= ?))
                    ORDER BY comments.created_at DESC, comments.id DESC LIMIT ?
                    """, arguments: [postID?.rawValue, postID?.rawValue, now.stored, limit]
            ).map(Self.decodeComment)
        }
    }
}
