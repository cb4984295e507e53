import Domain
import Foundation
import Storage
import Testing

/// A thread with every shape a page meets:
///
///     root
///     ├── a
///     │   ├── a1
///     │   │   └── a1x
///     │   │       └── a1xy
///     │   └── a2
///     ├── b
///     └── c
///         └── c1
struct GivenThread {
    let post: Post
    let root, a, a1, a1x, a1xy, a2, b, c, c1: Comment
    let neighbour: Comment

    init(_ site: Site) async throws {
        let ada = try await site.member("ada")
        post = try await site.post(by: ada)
        var clock = 0.0
        func next() -> Date { clock += 1; return at(clock) }
        root = try await site.comment(on: post, by: ada, at: next())
        a = try await site.comment(on: post, by: ada, replyingTo: root, at: next())
        b = try await site.comment(on: post, by: ada, replyingTo: root, at: next())
        a1 = try await site.comment(on: post, by: ada, replyingTo: a, at: next())
        c = try await site.comment(on: post, by: ada, replyingTo: root, at: next())
        a1x = try await site.comment(on: post, by: ada, replyingTo: a1, at: next())
        a2 = try await site.comment(on: post, by: ada, replyingTo: a, at: next())
        c1 = try await site.comment(on: post, by: ada, replyingTo: c, at: next())
        a1xy = try await site.comment(on: post, by: ada, replyingTo: a1x, at: next())
        // Another thread of the same post, which no read of `root`'s subtree may touch.
        neighbour = try await site.comment(on: post, by: ada, at: next())
        try await site.comment(on: post, by: ada, replyingTo: neighbour, at: next())
    }
}

@Suite("Comments: reading a thread")
struct CommentThreadTests {
    func ids(_ comments: [Comment]) -> [CommentID] { comments.map(\.id) }

    @Test(
        "Given a thread, when its descendants are read, then they come depth-first with replies oldest first",
        arguments: StoreKind.allCases)
    func depthFirst(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let t = try await GivenThread(site)
            let all = try await site.store.descendants(of: t.root, maxDepth: 10, afterReply: nil, limit: 100)
            #expect(ids(all) == ids([t.a, t.a1, t.a1x, t.a1xy, t.a2, t.b, t.c, t.c1]))
            #expect(try await site.reread(t.root)?.descendantCount == 8)
        }
    }

    @Test("Given a thread, when read to a depth, then deeper replies are left out", arguments: StoreKind.allCases)
    func maxDepth(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let t = try await GivenThread(site)
            #expect(
                ids(try await site.store.descendants(of: t.root, maxDepth: 1, afterReply: nil, limit: 100))
                    == ids([t.a, t.b, t.c]))
            #expect(
                ids(try await site.store.descendants(of: t.root, maxDepth: 2, afterReply: nil, limit: 100))
                    == ids([t.a, t.a1, t.a2, t.b, t.c, t.c1]))
            // The depth is absolute, not counted from the top of the window.
            #expect(
                ids(try await site.store.descendants(of: t.a, maxDepth: 3, afterReply: nil, limit: 100))
                    == ids([t.a1, t.a1x, t.a2]))
            #expect(try await site.store.descendants(of: t.root, maxDepth: 0, afterReply: nil, limit: 100).isEmpty)
        }
    }

    @Test(
        "Given a thread, when read with a limit, then the first comments in path order come",
        arguments: StoreKind.allCases)
    func limit(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let t = try await GivenThread(site)
            #expect(
                ids(try await site.store.descendants(of: t.root, maxDepth: 10, afterReply: nil, limit: 3))
                    == ids([t.a, t.a1, t.a1x]))
            #expect(
                ids(try await site.store.descendants(of: t.root, maxDepth: 1, afterReply: nil, limit: 2))
                    == ids([t.a, t.b]))
            #expect(try await site.store.descendants(of: t.root, maxDepth: 10, afterReply: nil, limit: 0).isEmpty)
        }
    }

    @Test(
        "Given several threads, when their windows are read at once, then each equals its own descendants read",
        arguments: StoreKind.allCases)
    func windowsAtOnce(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let t = try await GivenThread(site)
            // Tops as a page reads them: fresh, with their current descendant counts.
            var tops: [Comment] = []
            for given in [t.root, t.a, t.b, t.neighbour] { tops.append(try #require(try await site.store.comment(id: given.id))) }
            let windows = try await site.store.descendantWindows(of: tops, relativeDepth: 2, limit: 3)
            for top in tops {
                let one = try await site.store.descendants(of: top, maxDepth: top.depth + 2, afterReply: nil, limit: 3)
                #expect(ids(windows[top.id] ?? []) == ids(one))
            }
            #expect(windows[t.b.id] == nil)
            #expect(ids(windows[t.root.id] ?? []) == ids([t.a, t.a1, t.a2]))
        }
    }

    @Test(
        "Given a page ended at a reply, when counting what came before, then the replies up to its subtree's end are counted",
        arguments: StoreKind.allCases)
    func countThroughReply(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let t = try await GivenThread(site)
            // a's subtree is a, a1, a1x, a1xy, a2: five comments
            #expect(try await site.store.countDescendants(of: t.root, throughReply: t.a.id) == 5)
            #expect(try await site.store.countDescendants(of: t.root, throughReply: t.b.id) == 6)
            #expect(try await site.store.countDescendants(of: t.root, throughReply: t.c.id) == 8)
            #expect(try await site.store.countDescendants(of: t.a, throughReply: t.a1.id) == 3)
            // A deleted placeholder is not counted
            _ = try await site.store.deleteComment(id: t.a1.id, at: at(100))
            #expect(try await site.store.countDescendants(of: t.root, throughReply: t.a.id) == 4)
        }
    }

    @Test(
        "Given a page ended at a reply, when the thread continues after it, then that reply's whole subtree is skipped",
        arguments: StoreKind.allCases)
    func afterReply(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let t = try await GivenThread(site)
            #expect(
                ids(try await site.store.descendants(of: t.root, maxDepth: 10, afterReply: t.a.id, limit: 100))
                    == ids([t.b, t.c, t.c1]))
            #expect(
                ids(try await site.store.descendants(of: t.root, maxDepth: 10, afterReply: t.b.id, limit: 1))
                    == ids([t.c]))
            #expect(try await site.store.descendants(of: t.root, maxDepth: 10, afterReply: t.c.id, limit: 100).isEmpty)
            #expect(
                ids(try await site.store.descendants(of: t.a, maxDepth: 10, afterReply: t.a1.id, limit: 100))
                    == ids([t.a2]))
            #expect(
                ids(try await site.store.descendants(of: t.root, maxDepth: 1, afterReply: t.a.id, limit: 100))
                    == ids([t.b, t.c]))
        }
    }

    @Test(
        "Given the reply a page ended at was removed since, when the thread continues after it, then it continues where it was",
        arguments: StoreKind.allCases)
    func afterRemovedReply(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let t = try await GivenThread(site)
            #expect(try await site.store.deleteComment(id: t.b.id, at: at(100)) == .removed)
            #expect(
                ids(try await site.store.descendants(of: t.root, maxDepth: 10, afterReply: t.b.id, limit: 100))
                    == ids([t.c, t.c1]))
        }
    }

    @Test(
        "Given a focused reply, when its descendants are read, then only its own subtree comes",
        arguments: StoreKind.allCases)
    func focusedSubtree(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let t = try await GivenThread(site)
            #expect(
                ids(try await site.store.descendants(of: t.a1, maxDepth: 10, afterReply: nil, limit: 100))
                    == ids([t.a1x, t.a1xy]))
            #expect(try await site.store.descendants(of: t.a2, maxDepth: 10, afterReply: nil, limit: 100).isEmpty)
        }
    }

    @Test("Given a deep reply, when its ancestors are read, then they come root first", arguments: StoreKind.allCases)
    func ancestors(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let t = try await GivenThread(site)
            let chain = try await site.store.ancestors(of: t.a1xy)
            #expect(ids(chain) == ids([t.root, t.a, t.a1, t.a1x]))
            #expect(chain.first == (try await site.reread(t.root)))
            #expect(try await site.store.ancestors(of: t.root).isEmpty)
            #expect(ids(try await site.store.ancestors(of: t.c1)) == ids([t.root, t.c]))
        }
    }

    @Test(
        "Given a thread read by the store, when the domain builds its window, then nothing is hidden or counted twice",
        arguments: StoreKind.allCases)
    func windowAgreesWithCounts(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let t = try await GivenThread(site)
            let root = try #require(try await site.reread(t.root))
            let shown = try await site.store.descendants(of: root, maxDepth: 2, afterReply: nil, limit: 4)
            let window = CommentTree.window(top: root, descendants: shown)
            // Shown: a, a1, a2, b. Hidden: a1's two below the depth cut, and c with c1.
            #expect(window.shownCommentCount == 5)
            #expect(window.hiddenReplyCount == 2)
            #expect(window.replies[0].replies[0].hiddenReplyCount == 2)
        }
    }
}

@Suite("Comments: editing")
struct CommentEditTests {
    @Test(
        "Given a comment, when its body is updated, then text, rendering and edit time change and nothing else",
        arguments: StoreKind.allCases)
    func edit(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let post = try await site.post(by: ada)
            let comment = try await site.comment(on: post, by: ada, text: "teh")
            let edited = Date(timeIntervalSince1970: 1_750_000_500.4567)
            try await site.store.updateCommentBody(id: comment.id, text: "the", html: "<p>the</p>", editedAt: edited)
            var expected = comment
            expected.bodyText = "the"
            expected.bodyHTML = "<p>the</p>"
            expected.editedAt = edited.truncatedToMilliseconds
            #expect(try await site.reread(comment) == expected)
        }
    }

    @Test(
        "Given no such comment or a placeholder, when its body is updated, then it is refused as missing",
        arguments: StoreKind.allCases)
    func editMissing(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let post = try await site.post(by: ada)
            let root = try await site.comment(on: post, by: ada)
            try await site.comment(on: post, by: ada, replyingTo: root)
            #expect(try await site.store.deleteComment(id: root.id, at: at(1)) == .placeholder)
            await #expect(throws: StoreError.missing("comment")) {
                try await site.store.updateCommentBody(id: root.id, text: "back", html: "back", editedAt: at(2))
            }
            await #expect(throws: StoreError.missing("comment")) {
                try await site.store.updateCommentBody(id: CommentID(999), text: "x", html: "x", editedAt: at(2))
            }
            #expect(try await site.reread(root)?.bodyText == "")
        }
    }
}
