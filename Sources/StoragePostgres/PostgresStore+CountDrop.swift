import Domain
import Logging
import PostgresNIO
import Storage

extension PostgresStore {
    /// The counts that fall when many visible comments leave at once (an account deleted, a ban
    /// that removes a member's comments): one per comment on its post's `comment_count` and on
    /// each ancestor's `descendant_count`, summed first so each row is updated once, in two
    /// statements whatever the number of comments.
    struct CountDrop {
        private var perPost: [Int64: Int64] = [:]
        private var perAncestor: [Int64: Int64] = [:]

        /// Counts one visible comment of `postID` at `path` as leaving.
        mutating func add(postID: Int64, path: String) {
            perPost[postID, default: 0] += 1
            for ancestor in CommentPath.ancestorIDs(ofPath: path) { perAncestor[ancestor.rawValue, default: 0] += 1 }
        }

        /// Lowers the counts, inside the caller's transaction.
        func apply(_ connection: PostgresConnection, _ logger: Logger) async throws {
            if !perPost.isEmpty {
                try await connection.query(
                    """
                    UPDATE posts SET comment_count = comment_count - fewer.n
                    FROM unnest(\(Array(perPost.keys))::bigint[], \(Array(perPost.values))::bigint[]) AS fewer (id, n)
                    WHERE posts.id = fewer.id
                    """, logger: logger)
            }
            if !perAncestor.isEmpty {
                try await connection.query(
                    """
                    UPDATE comments SET descendant_count = descendant_count - fewer.n
                    FROM unnest(\(Array(perAncestor.keys))::bigint[], \(Array(perAncestor.values))::bigint[]) AS fewer (id, n)
                    WHERE comments.id = fewer.id
                    """, logger: logger)
            }
        }
    }
}
