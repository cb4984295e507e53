import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    public func toggleLike(commentID: CommentID, memberID: MemberID, at date: Date) async throws -> LikeState {
        try await write { db in
            guard try db.exists("SELECT 1 FROM comments WHERE id = ? AND deleted_at IS NULL", [commentID.rawValue]) else {
                throw StoreError.missing("comment")
            }
            guard try db.exists("SELECT 1 FROM members WHERE id = ? AND deleted_at IS NULL", [memberID.rawValue]) else {
                throw StoreError.missing("member")
            }
            // The like row and the count change together, so the count is always the number of rows.
            let unliked =
                try db.run(
                    "DELETE FROM likes WHERE comment_id = ? AND member_id = ?",
                    [commentID.rawValue, memberID.rawValue]) == 1
            if !unliked {
                try db.run(
                    "INSERT INTO likes (comment_id, member_id, created_at) VALUES (?, ?, ?)",
                    [commentID.rawValue, memberID.rawValue, date.stored])
            }
            try db.run(
                "UPDATE comments SET like_count = like_count + ? WHERE id = ?",
                [unliked ? -1 : 1, commentID.rawValue])
            let count =
                try db.fetchFirst("SELECT like_count FROM comments WHERE id = ?", [commentID.rawValue]) {
                    $0[0] as Int
                } ?? 0
            return LikeState(liked: !unliked, count: count)
        }
    }

    public func likedCommentIDs(memberID: MemberID, among commentIDs: [CommentID]) async throws -> Set<CommentID> {
        guard !commentIDs.isEmpty else { return [] }
        return try await read { db in
            var liked: Set<CommentID> = []
            // In slices, to stay far below SQLite's limit on bound parameters.
            for chunk in commentIDs.chunked(500) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                let ids = try db.fetch(
                    "SELECT comment_id FROM likes WHERE member_id = ? AND comment_id IN (\(marks))",
                    StatementArguments([memberID.rawValue] + chunk.map(\.rawValue))
                ) {
                    CommentID($0[0] as Int64)
                }
                liked.formUnion(ids)
            }
            return liked
        }
    }
}
