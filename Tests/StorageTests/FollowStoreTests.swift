import Domain
import Foundation
import Storage
import Testing

@Suite("Following discussions")
struct FollowStoreTests {
    @Test(
        "Given posts, when a member follows them, then they are followed, oldest follow first, and following again changes nothing",
        arguments: StoreKind.allCases)
    func follow(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let bob = try await site.member("bob")
            let first = try await site.post("first", by: ada)
            let second = try await site.post("second", by: ada)
            #expect(try await site.store.isFollowing(memberID: bob.id, postID: first.id) == false)
            try await site.store.setFollowing(true, memberID: bob.id, postID: second.id, at: at(1))
            try await site.store.setFollowing(true, memberID: bob.id, postID: first.id, at: at(2))
            try await site.store.setFollowing(true, memberID: bob.id, postID: second.id, at: at(3))
            #expect(try await site.store.isFollowing(memberID: bob.id, postID: first.id))
            #expect(try await site.store.followedPostIDs(memberID: bob.id) == [second.id, first.id])
            #expect(try await site.store.followedPostIDs(memberID: ada.id).isEmpty)
            #expect(try await site.store.isFollowing(memberID: ada.id, postID: first.id) == false)
        }
    }

    @Test(
        "Given a followed post, when it is unfollowed, then it is no longer followed, and unfollowing again changes nothing",
        arguments: StoreKind.allCases)
    func unfollow(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let post = try await site.post(by: ada)
            let other = try await site.post("other", by: ada)
            try await site.store.setFollowing(true, memberID: ada.id, postID: post.id, at: at(1))
            try await site.store.setFollowing(true, memberID: ada.id, postID: other.id, at: at(2))
            try await site.store.setFollowing(false, memberID: ada.id, postID: post.id, at: at(3))
            try await site.store.setFollowing(false, memberID: ada.id, postID: post.id, at: at(4))
            #expect(try await site.store.isFollowing(memberID: ada.id, postID: post.id) == false)
            #expect(try await site.store.followedPostIDs(memberID: ada.id) == [other.id])
        }
    }

    @Test(
        "Given no such post or member, when a follow is asked for, then it is refused as missing",
        arguments: StoreKind.allCases)
    func missing(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let post = try await site.post(by: ada)
            await #expect(throws: StoreError.missing("post")) {
                try await site.store.setFollowing(true, memberID: ada.id, postID: PostID(999), at: t0)
            }
            await #expect(throws: StoreError.missing("member")) {
                try await site.store.setFollowing(true, memberID: MemberID(999), postID: post.id, at: t0)
            }
            #expect(try await site.store.followedPostIDs(memberID: ada.id).isEmpty)
        }
    }
}
