import Domain
import Foundation
import Storage
import StorageReference
import Testing

/// Windows under subtrees bigger than `Limits.windowScanLimit` are walked reply by reply
/// instead of scanned; they must come out exactly as the reference store's.
@Suite("Comments: windows under big subtrees")
struct BigSubtreeTests {
    /// root ─ a ─ (a1 … a240, each a direct reply of a; a1 has a chain of 3 below it)
    ///      ├ b ─ b1
    ///      └ c
    static func build(_ site: Site) async throws -> (root: Comment, a: Comment) {
        let ada = try await site.member("ada")
        let post = try await site.post(by: ada)
        var clock = 0.0
        func next() -> Date { clock += 1; return at(clock) }
        let root = try await site.comment(on: post, by: ada, at: next())
        let a = try await site.comment(on: post, by: ada, replyingTo: root, at: next())
        var chainTop: Comment?
        for index in 0..<(Limits.windowScanLimit + 40) {
            let reply = try await site.comment(on: post, by: ada, replyingTo: a, at: next())
            if index == 0 { chainTop = reply }
        }
        var chain = chainTop!
        for _ in 0..<3 { chain = try await site.comment(on: post, by: ada, replyingTo: chain, at: next()) }
        let b = try await site.comment(on: post, by: ada, replyingTo: root, at: next())
        try await site.comment(on: post, by: ada, replyingTo: b, at: next())
        try await site.comment(on: post, by: ada, replyingTo: root, at: next())
        // One reply deleted in the middle of the wide list: its placeholder must not break the walk.
        let replies = try await site.store.descendants(of: a, maxDepth: a.depth + 1, afterReply: nil, limit: 10)
        _ = try await site.store.deleteComment(id: replies[5].id, at: next())
        return (try await site.reread(root)!, try await site.reread(a)!)
    }

    @Test(
        "Given a big subtree, when windows are read at any depth, length and starting point, then they equal the reference's",
        arguments: StoreKind.allCases)
    func walkedWindowsMatchReference(kind: StoreKind) async throws {
        let reference = Site(store: InMemoryStore())
        let expected = try await Self.build(reference)
        try await withSite(kind) { site async throws in
            let given = try await Self.build(site)
            #expect(given.root.descendantCount > Limits.windowScanLimit)
            let wideReplies = try await reference.store.descendants(of: expected.a, maxDepth: 9, afterReply: nil, limit: 400)
            for (top, referenceTop) in [(given.root, expected.root), (given.a, expected.a)] {
                for maxDepth in [top.depth + 1, top.depth + 2, top.depth + 5] {
                    for limit in [1, 2, 8, 30] {
                        var starts: [CommentID?] = [nil]
                        if top.id == given.a.id { starts += [wideReplies[0].id, wideReplies[100].id] }
                        for after in starts {
                            let got = try await site.store.descendants(of: top, maxDepth: maxDepth, afterReply: after, limit: limit)
                            let want = try await reference.store.descendants(
                                of: referenceTop, maxDepth: maxDepth, afterReply: after, limit: limit)
                            #expect(got.map(\.id) == want.map(\.id), "depth \(maxDepth) limit \(limit) after \(String(describing: after))")
                        }
                    }
                }
            }
            let windows = try await site.store.descendantWindows(of: [given.root, given.a], relativeDepth: 2, limit: 8)
            let want = try await reference.store.descendantWindows(of: [expected.root, expected.a], relativeDepth: 2, limit: 8)
            #expect(windows.mapValues { $0.map(\.id) } == want.mapValues { $0.map(\.id) })
            for after in [wideReplies[0].id, wideReplies[100].id] {
                #expect(
                    try await site.store.countDescendants(of: given.a, throughReply: after)
                        == (try await reference.store.countDescendants(of: expected.a, throughReply: after)))
            }
        }
    }
}
