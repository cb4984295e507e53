import Domain
import Foundation
import Storage
import Testing

@Suite("Comments: inserting")
struct CommentInsertTests {
    @Test(
        "Given a post, when a root comment is inserted, then it is its own root at depth 0 and the post counts it",
        arguments: StoreKind.allCases)
    func insertRoot(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let post = try await site.post(by: ada)
            let created = Date(timeIntervalSince1970: 1_750_000_000.987_654)
            let root = try await site.comment(on: post, by: ada, at: created, text: "First!")
            #expect(root.postID == post.id)
            #expect(root.parentID == nil)
            #expect(root.rootID == root.id)
            #expect(root.depth == 0)
            #expect(root.path == CommentPath.segment(for: root.id))
            #expect(root.authorID == ada.id)
            #expect(root.bodyText == "First!")
            #expect(root.bodyHTML == "<p>First!</p>")
            #expect(root.createdAt == created.truncatedToMilliseconds)
            #expect(root.editedAt == nil && root.deletedAt == nil)
            #expect(root.likeCount == 0 && root.descendantCount == 0)
            #expect(try await site.reread(root) == root)
            #expect(try await site.reread(post)?.commentCount == 1)
        }
    }

    @Test(
        "Given a thread, when replies are inserted below replies, then paths, depths and roots follow the parent",
        arguments: StoreKind.allCases)
    func insertReplies(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let post = try await site.post(by: ada)
            let root = try await site.comment(on: post, by: ada)
            let child = try await site.comment(on: post, by: ada, replyingTo: root)
            let grandchild = try await site.comment(on: post, by: ada, replyingTo: child)

            #expect(child.parentID == root.id)
            #expect(child.rootID == root.id)
            #expect(child.depth == 1)
            #expect(child.path == root.path + "/" + CommentPath.segment(for: child.id))
            #expect(grandchild.parentID == child.id)
            #expect(grandchild.rootID == root.id)
            #expect(grandchild.depth == 2)
            #expect(grandchild.path == CommentPath.path(for: grandchild.id, under: child.path))
            #expect(try await site.reread(grandchild) == grandchild)
        }
    }

    @Test(
        "Given a thread, when a reply is inserted, then the post and every ancestor count one more",
        arguments: StoreKind.allCases)
    func insertCounts(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let post = try await site.post(by: ada)
            let root = try await site.comment(on: post, by: ada)
            let child = try await site.comment(on: post, by: ada, replyingTo: root)
            let sibling = try await site.comment(on: post, by: ada, replyingTo: root)
            let grandchild = try await site.comment(on: post, by: ada, replyingTo: child)
            let otherRoot = try await site.comment(on: post, by: ada)

            #expect(try await site.reread(post)?.commentCount == 5)
            #expect(try await site.reread(root)?.descendantCount == 3)
            #expect(try await site.reread(child)?.descendantCount == 1)
            #expect(try await site.reread(sibling)?.descendantCount == 0)
            #expect(try await site.reread(grandchild)?.descendantCount == 0)
            #expect(try await site.reread(otherRoot)?.descendantCount == 0)
        }
    }

    @Test(
        "Given two posts, when a reply names a parent of the other post, then it is refused and nothing changes",
        arguments: StoreKind.allCases)
    func replyAcrossPosts(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let first = try await site.post("first", by: ada)
            let second = try await site.post("second", by: ada)
            let parent = try await site.comment(on: first, by: ada)
            try await site.comment(on: second, by: ada)

            await #expect(throws: StoreError.missing("parent")) {
                try await site.store.insertComment(
                    NewComment(
                        postID: second.id, parentID: parent.id, authorID: ada.id,
                        bodyText: "stray", bodyHTML: "stray", createdAt: t0))
            }
            #expect(try await site.reread(first)?.commentCount == 1)
            #expect(try await site.reread(second)?.commentCount == 1)
            #expect(try await site.reread(parent) == parent)
            #expect(try await site.allComments(of: first).map(\.id) == [parent.id])
            #expect(try await site.allComments(of: second).count == 1)
        }
    }

    @Test(
        "Given a post, when a comment names an unknown post, parent or author, then it is refused as missing",
        arguments: StoreKind.allCases)
    func missingReferences(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let post = try await site.post(by: ada)
            func new(post: PostID = post.id, parent: CommentID? = nil, author: MemberID = ada.id) -> NewComment {
                NewComment(postID: post, parentID: parent, authorID: author, bodyText: "x", bodyHTML: "x", createdAt: t0)
            }
            await #expect(throws: StoreError.missing("post")) {
                try await site.store.insertComment(new(post: PostID(post.id.rawValue + 1)))
            }
            await #expect(throws: StoreError.missing("parent")) {
                try await site.store.insertComment(new(parent: CommentID(12345)))
            }
            await #expect(throws: StoreError.missing("member")) {
                try await site.store.insertComment(new(author: MemberID(ada.id.rawValue + 1)))
            }
            #expect(try await site.reread(post)?.commentCount == 0)
            #expect(try await site.allComments(of: post).isEmpty)
        }
    }

    @Test(
        "Given comments, when more are inserted, then ids grow in insertion order and a removed id is never reused",
        arguments: StoreKind.allCases)
    func idsNeverReused(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let post = try await site.post(by: ada)
            let first = try await site.comment(on: post, by: ada)
            let second = try await site.comment(on: post, by: ada)
            #expect(first.id < second.id)
            // The newest comment goes; its id must not come back, or old links would point at a stranger's words.
            #expect(try await site.store.deleteComment(id: second.id, at: t0) == .removed)
            let third = try await site.comment(on: post, by: ada)
            #expect(third.id > second.id)
        }
    }

    @Test(
        "Given ids of different lengths, when a subtree is read, then the padded paths keep it apart from its neighbours",
        arguments: StoreKind.allCases)
    func pathPadding(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let post = try await site.post(by: ada)
            // Ids 1 and 10-19: unpadded, "1" would be a prefix of "10".
            let first = try await site.comment(on: post, by: ada)
            var later: [Comment] = []
            for _ in 0..<18 { later.append(try await site.comment(on: post, by: ada)) }
            let replyToFirst = try await site.comment(on: post, by: ada, replyingTo: first)
            let replyToTenth = try await site.comment(on: post, by: ada, replyingTo: later[8])
            #expect(
                try await site.store.descendants(of: first, maxDepth: 9, afterReply: nil, limit: 100).map(\.id)
                    == [replyToFirst.id])
            #expect(
                try await site.store.descendants(of: later[8], maxDepth: 9, afterReply: nil, limit: 100).map(\.id)
                    == [replyToTenth.id])
        }
    }

    @Test("Given no such comment, when it is read, then nothing is found", arguments: StoreKind.allCases)
    func unknownComment(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            #expect(try await site.store.comment(id: CommentID(1)) == nil)
        }
    }
}
