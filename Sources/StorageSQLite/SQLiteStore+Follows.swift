import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    public func setFollowing(_ following: Bool, memberID: MemberID, postID: PostID, at date: Date) async throws {
        try await write { db in
            guard following else {
                try db.run("DELETE FROM follows WHERE member_id = ? AND post_id = ?", [memberID.rawValue, postID.rawValue])
                return
            }
            // Checked first so that the error names what is missing; the foreign keys would refuse anyway.
            guard try db.exists("SELECT 1 FROM members WHERE id = ?", [memberID.rawValue]) else {
                throw StoreError.missing("member")
            }
            guard try db.exists("SELECT 1 FROM posts WHERE id = ?", [postID.rawValue]) else {
                throw StoreError.missing("post")
            }
            // Following again keeps the first follow's time: the list stays in the order it was made.
            try db.run(
                """
                INSERT INTO follows (member_id, post_id, created_at) VALUES (?, ?, ?)
                ON CONFLICT (member_id, post_id) DO NOTHING
                """, [memberID.rawValue, postID.rawValue, date.stored])
        }
    }

    public func isFollowing(memberID: MemberID, postID: PostID) async throws -> Bool {
        try await read { db in
            try db.exists("SELECT 1 FROM follows WHERE member_id = ? AND post_id = ?", [memberID.rawValue, postID.rawValue])
        }
    }

    public func followedPostIDs(memberID: MemberID) async throws -> [PostID] {
        try await read { db in
            try db.fetch(
                "SELECT post_id FROM follows WHERE member_id = ? ORDER BY created_at, post_id",
                [memberID.rawValue]
            ) { PostID($0[0] as Int64) }
        }
    }
}
