import Domain
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    public func setFollowing(_ following: Bool, memberID: MemberID, postID: PostID, at date: Date) async throws {
        if following {
            // Following twice keeps the first follow and its time. An unknown member or post
            // fails on a foreign key, which `storeError` names.
            _ = try await rows(
                """
                INSERT INTO follows (member_id, post_id, created_at)
                VALUES (\(memberID.rawValue), \(postID.rawValue), \(date.stored))
                ON CONFLICT (member_id, post_id) DO NOTHING
                """)
        } else {
            _ = try await rows(
                """
                DELETE FROM follows WHERE member_id = \(memberID.rawValue) AND post_id = \(postID.rawValue)
                """)
        }
    }

    public func isFollowing(memberID: MemberID, postID: PostID) async throws -> Bool {
        try await !rows(
            """
            SELECT 1 FROM follows WHERE member_id = \(memberID.rawValue) AND post_id = \(postID.rawValue)
            """
        ).isEmpty
    }

    public func followedPostIDs(memberID: MemberID) async throws -> [PostID] {
        try await rows(
            """
            SELECT post_id FROM follows WHERE member_id = \(memberID.rawValue) ORDER BY created_at, post_id
            """
        ).map { PostID(try $0.decode(Int64.self)) }
    }
}
