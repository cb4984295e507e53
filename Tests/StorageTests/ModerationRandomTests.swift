import Domain
import Foundation
import Storage
import Testing

/// Random writes, moderation among them, on one engine (the in-memory reference knows nothing
/// of moderation): what must hold after any sequence is checked against the rows themselves.
@Suite("Moderation: random sequences")
struct ModerationRandomTests {
    @Test(
        "Given any sequence of writes and moderation, when the site is read, then counts are exact and everyone sees every counted comment",
        arguments: StoreKind.allCases, [UInt64(3), 4])
    func countsAndVisibilityStayExact(kind: StoreKind, seed: UInt64) async throws {
        try await withSite(kind) { site async throws in
            let members = [try await site.member("ann"), try await site.member("ben"), try await site.member("cat")]
            let staff = try await site.member("mod", role: .moderator)
            let posts = [try await site.post("one", by: members[0]), try await site.post("two", by: members[0])]
            var rng = SeededRandom(seed: seed)
            var ids: [CommentID] = []
            for round in 1...240 {
                let date = at(Double(round))
                let member = members.randomElement(using: &rng)!
                let target = ids.randomElement(using: &rng) ?? CommentID(1)
                let post = posts.randomElement(using: &rng)!
                let entry = NewAuditEntry(at: date, actorID: staff.id, action: .remove)
                // Refusals (a deleted target, a reply across posts...) are part of the sequence.
                do {
                    switch Int.random(in: 0..<100, using: &rng) {
                    case 0..<35:
                        let parent = ids.isEmpty || Bool.random(using: &rng) ? nil : try await site.store.comment(id: target)
                        let hold = Int.random(in: 0..<3, using: &rng) == 0 ? HoldNote(reason: .policy) : nil
                        let comment = try await site.store.insertComment(
                            NewComment(
                                postID: parent?.postID ?? post.id, parentID: parent.map { CommentTree.parentForReply(to: $0) },
                                authorID: member.id, bodyText: "w", bodyHTML: "w", createdAt: date, hold: hold))
                        ids.append(comment.id)
                    case 35..<47: _ = try await site.store.deleteComment(id: target, at: date)
                    case 47..<57:
                        _ = try await site.moderation.approveComment(id: target, notices: nil, audit: entry)
                    case 57..<67: _ = try await site.moderation.removeComment(id: target, audit: entry)
                    case 67..<75: _ = try await site.moderation.restoreComment(id: target, audit: entry)
                    case 75..<82:
                        _ = try await site.moderation.holdComment(id: target, note: HoldNote(reason: .links), audit: audit(.hold, by: nil))
                    case 82..<92:
                        _ = try await site.moderation.reportComment(
                            NewCommentReport(commentID: target, reporterID: member.id, reason: .spam, text: "", createdAt: date),
                            holdAt: 2)
                    default:
                        _ = try await site.store.toggleLike(commentID: target, memberID: member.id, at: date)
                    }
                } catch is StoreError {}
                if round % 60 == 0 { try await Self.check(site, posts: posts) }
            }
        }
    }

    static func check(_ site: Site, posts: [Post]) async throws {
        let data = try await site.store.exportSite()
        expectCountsExact(data)
        for post in posts {
            let rows = data.comments.filter { $0.postID == post.id }
            let everyone = try await site.thread(of: post, as: .everyone)
            let seen = Set(everyone.map(\.id))
            // Every counted comment is shown, so every "N more" can be reached.
            #expect(rows.filter(\.isCounted).allSatisfy { seen.contains($0.id) }, "counted comments of \(post.slug)")
            // A held or removed comment shows to everyone only as a placeholder of visible replies.
            #expect(everyone.allSatisfy { $0.status == .visible || $0.descendantCount > 0 }, "hidden comments of \(post.slug)")
            // Staff see every row, in thread order.
            let staff = try await site.thread(of: post, as: .staff)
            #expect(staff.map(\.id) == rows.sorted { $0.path < $1.path }.map(\.id), "staff read of \(post.slug)")
        }
    }
}
