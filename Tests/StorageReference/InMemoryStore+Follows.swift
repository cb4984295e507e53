import Domain
import Foundation
import Storage

extension InMemoryStore {
    public func setFollowing(_ following: Bool, memberID: MemberID, postID: PostID, at date: Date) throws {
        let key = FollowKey(memberID: memberID, postID: postID)
        guard following else {
            follows[key] = nil
            return
        }
        guard storedMembers[memberID] != nil else { throw StoreError.missing("member") }
        guard posts[postID] != nil else { throw StoreError.missing("post") }
        // Following again keeps the first follow's time: the list stays in the order it was made.
        if follows[key] == nil { follows[key] = date.truncatedToMilliseconds }
    }

    public func isFollowing(memberID: MemberID, postID: PostID) -> Bool {
        follows[FollowKey(memberID: memberID, postID: postID)] != nil
    }

    public func followedPostIDs(memberID: MemberID) -> [PostID] {
        follows.filter { $0.key.memberID == memberID }
            .sorted { ($0.value, $0.key.postID) < ($1.value, $1.key.postID) }
            .map(\.key.postID)
    }
}
