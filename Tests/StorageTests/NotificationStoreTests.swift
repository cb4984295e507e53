import Domain
import Foundation
import Storage
import Testing

/// Ada writes the post and its first comment; Bob, Cyd and Dan read and reply.
struct GivenDiscussion {
    let ada, bob, cyd, dan: Member
    let post: Post
    /// Ada's root comment.
    let root: Comment

    init(_ site: Site) async throws {
        ada = try await site.member("ada")
        bob = try await site.member("bob")
        cyd = try await site.member("cyd")
        dan = try await site.member("dan")
        post = try await site.post(by: ada)
        root = try await site.comment(on: post, by: ada, at: at(1))
    }
}

@Suite("Notifications: written with the comment")
struct NotificationWritingTests {
    @Test(
        "Given a comment, when someone replies to it, then its author gets one reply row due after the grouping window",
        arguments: StoreKind.allCases)
    func reply(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let d = try await GivenDiscussion(site)
            let reply = try await site.commentWithNotices(
                on: d.post, by: d.bob, replyingTo: d.root, at: at(10),
                replyDueAt: at(610), followDueAt: at(3_610))
            let rows = try await site.store.pendingNotifications(recipientID: d.ada.id, limit: 10)
            #expect(rows.count == 1)
            let row = try #require(rows.first)
            #expect(row.kind == .reply && row.commentID == reply.id && row.postID == d.post.id)
            #expect(row.createdAt == at(10) && row.dueAt == at(610) && row.recipientID == d.ada.id)
            #expect(try await site.notified(d.bob).isEmpty)
        }
    }

    @Test("Given a comment, when it is inserted without notices, then no one is told", arguments: StoreKind.allCases)
    func withoutNotices(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let d = try await GivenDiscussion(site)
            try await site.store.setFollowing(true, memberID: d.cyd.id, postID: d.post.id, at: t0)
            try await site.comment(on: d.post, by: d.bob, replyingTo: d.root, at: at(10))
            #expect(try await site.notified(d.ada).isEmpty)
            #expect(try await site.notified(d.cyd).isEmpty)
        }
    }

    @Test(
        "Given replies that must not tell the parent's author, when they are written, then no reply row is made",
        arguments: StoreKind.allCases)
    func replyExclusions(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let d = try await GivenDiscussion(site)
            // Their own reply.
            try await site.commentWithNotices(on: d.post, by: d.ada, replyingTo: d.root, at: at(2))
            // Replies turned off.
            let cydsRoot = try await site.comment(on: d.post, by: d.cyd, at: at(3))
            try await site.store.setNotificationSwitches(memberID: d.cyd.id, replies: false, mentions: true)
            try await site.commentWithNotices(on: d.post, by: d.bob, replyingTo: cydsRoot, at: at(4))
            // A deleted parent (a placeholder kept by another reply).
            let dansRoot = try await site.comment(on: d.post, by: d.dan, at: at(5))
            try await site.comment(on: d.post, by: d.ada, replyingTo: dansRoot, at: at(6))
            #expect(try await site.store.deleteComment(id: dansRoot.id, at: at(7)) == .placeholder)
            try await site.commentWithNotices(on: d.post, by: d.bob, replyingTo: dansRoot, at: at(8))
            // An author whose account is deleted (placeholders keep their comment).
            let eve = try await site.member("eve")
            let evesRoot = try await site.comment(on: d.post, by: eve, at: at(9))
            try await site.store.deleteAccount(memberID: eve.id, comments: .placeholders, at: at(10))
            try await site.commentWithNotices(on: d.post, by: d.bob, replyingTo: evesRoot, at: at(11))

            for member in [d.ada, d.cyd, d.dan, eve, d.bob] {
                #expect(try await site.notified(member).isEmpty, "\(member.id)")
            }
        }
    }

    @Test(
        "Given mentions, when the comment is written, then each mentioned member with mentions on gets one mention row",
        arguments: StoreKind.allCases)
    func mentions(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let d = try await GivenDiscussion(site)
            let eve = try await site.member("eve")
            let fay = try await site.member("fay")
            try await site.store.setNotificationSwitches(memberID: eve.id, replies: true, mentions: false)
            try await site.store.deleteAccount(memberID: fay.id, comments: .remove, at: at(2))
            let comment = try await site.commentWithNotices(
                on: d.post, by: d.bob, at: at(10),
                mentioning: [d.cyd.id, d.dan.id, d.cyd.id, d.bob.id, eve.id, fay.id, MemberID(999)],
                replyDueAt: at(600))
            #expect(try await site.notified(d.cyd) == ["mention \(comment.id)"])
            #expect(try await site.notified(d.dan) == ["mention \(comment.id)"])
            #expect(try await site.store.pendingNotifications(recipientID: d.cyd.id, limit: 1).first?.dueAt == at(600))
            for member in [d.bob, eve, fay, d.ada] {
                #expect(try await site.notified(member).isEmpty, "\(member.id)")
            }
        }
    }

    @Test(
        "Given the parent's author is also mentioned, when the reply is written, then they get the reply row only",
        arguments: StoreKind.allCases)
    func replyBeatsMention(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let d = try await GivenDiscussion(site)
            let reply = try await site.commentWithNotices(
                on: d.post, by: d.bob, replyingTo: d.root, at: at(10),
                mentioning: [d.ada.id])
            #expect(try await site.notified(d.ada) == ["reply \(reply.id)"])
        }
    }

    @Test(
        "Given the parent's author turned replies off but not mentions, when mentioned in a reply, then they get a mention",
        arguments: StoreKind.allCases)
    func mentionWhenRepliesOff(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let d = try await GivenDiscussion(site)
            try await site.store.setNotificationSwitches(memberID: d.ada.id, replies: false, mentions: true)
            let reply = try await site.commentWithNotices(
                on: d.post, by: d.bob, replyingTo: d.root, at: at(10),
                mentioning: [d.ada.id])
            #expect(try await site.notified(d.ada) == ["mention \(reply.id)"])
        }
    }

    @Test(
        "Given followers, when a comment is written, then every follower not already told gets one follow row, the commenter none",
        arguments: StoreKind.allCases)
    func followers(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let d = try await GivenDiscussion(site)
            let eve = try await site.member("eve")
            let other = try await site.post("other", by: d.ada)
            for member in [d.ada, d.bob, d.cyd, d.dan] {
                try await site.store.setFollowing(true, memberID: member.id, postID: d.post.id, at: t0)
            }
            try await site.store.setFollowing(true, memberID: eve.id, postID: other.id, at: t0)
            // Replies and mentions switched off do not stop a follow row: following is its own switch.
            try await site.store.setNotificationSwitches(memberID: d.dan.id, replies: false, mentions: false)
            let reply = try await site.commentWithNotices(
                on: d.post, by: d.bob, replyingTo: d.root, at: at(10),
                mentioning: [d.cyd.id], replyDueAt: at(600), followDueAt: at(3_600))
            #expect(try await site.notified(d.ada) == ["reply \(reply.id)"])
            #expect(try await site.notified(d.cyd) == ["mention \(reply.id)"])
            #expect(try await site.notified(d.dan) == ["follow \(reply.id)"])
            #expect(try await site.store.pendingNotifications(recipientID: d.dan.id, limit: 1).first?.dueAt == at(3_600))
            #expect(try await site.notified(d.bob).isEmpty)
            #expect(try await site.notified(eve).isEmpty)
        }
    }
}

@Suite("Notifications: grouping and sending")
struct NotificationStoreTests {
    @Test(
        "Given rows due at different times, when the due recipients are read, then only those due come, earliest first",
        arguments: StoreKind.allCases)
    func dueRecipients(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let d = try await GivenDiscussion(site)
            let bobs = try await site.comment(on: d.post, by: d.bob, at: at(2))
            let cyds = try await site.comment(on: d.post, by: d.cyd, at: at(3))
            let dans = try await site.comment(on: d.post, by: d.dan, at: at(4))
            try await site.commentWithNotices(on: d.post, by: d.ada, replyingTo: bobs, at: at(5), replyDueAt: at(300))
            try await site.commentWithNotices(on: d.post, by: d.ada, replyingTo: cyds, at: at(6), replyDueAt: at(100))
            try await site.commentWithNotices(on: d.post, by: d.ada, replyingTo: dans, at: at(7), replyDueAt: at(900))
            // A later row of Bob's, not due yet, does not hide his earlier due one.
            try await site.commentWithNotices(on: d.post, by: d.cyd, replyingTo: bobs, at: at(8), replyDueAt: at(2_000))

            #expect(try await site.store.dueNotificationRecipients(now: at(99), limit: 10).isEmpty)
            #expect(try await site.store.dueNotificationRecipients(now: at(300), limit: 10) == [d.cyd.id, d.bob.id])
            #expect(try await site.store.dueNotificationRecipients(now: at(5_000), limit: 10) == [d.cyd.id, d.bob.id, d.dan.id])
            #expect(try await site.store.dueNotificationRecipients(now: at(5_000), limit: 1) == [d.cyd.id])
        }
    }

    @Test(
        "Given a member's rows, due or not, when their pending notifications are read, then all come, oldest first",
        arguments: StoreKind.allCases)
    func pendingOldestFirst(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let d = try await GivenDiscussion(site)
            let first = try await site.commentWithNotices(on: d.post, by: d.bob, replyingTo: d.root, at: at(10), replyDueAt: at(9_000))
            let second = try await site.commentWithNotices(
                on: d.post, by: d.cyd, at: at(20), mentioning: [d.ada.id],
                replyDueAt: at(100))
            #expect(try await site.notified(d.ada) == ["reply \(first.id)", "mention \(second.id)"])
            #expect(try await site.store.pendingNotifications(recipientID: d.ada.id, limit: 1).map(\.commentID) == [first.id])
        }
    }

    @Test(
        "Given a member's rows, when they are completed with a mail, then the rows go and the mail is queued, once",
        arguments: StoreKind.allCases)
    func complete(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let d = try await GivenDiscussion(site)
            try await site.commentWithNotices(on: d.post, by: d.bob, replyingTo: d.root, at: at(10))
            try await site.commentWithNotices(on: d.post, by: d.cyd, replyingTo: d.root, at: at(11))
            let bobs = try await site.commentWithNotices(on: d.post, by: d.bob, at: at(12), mentioning: [d.cyd.id])
            let ids = try await site.store.pendingNotifications(recipientID: d.ada.id, limit: 10).map(\.id)
            #expect(ids.count == 2)

            #expect(try await site.store.completeNotifications(ids, mail: mail(to: "ada@example.com", "digest"), now: at(700)))
            #expect(try await site.notified(d.ada).isEmpty)
            #expect(
                try await site.store.completeNotifications(ids, mail: mail(to: "ada@example.com", "again"), now: at(701))
                    == false)
            // Someone else's rows are not touched.
            #expect(try await site.notified(d.cyd) == ["mention \(bobs.id)"])
            let queued = try await site.queuedMail()
            #expect(queued.map(\.messageJSON) == [#"{"tag":"digest"}"#])
            #expect(queued.first?.createdAt == at(700))
        }
    }

    @Test(
        "Given a group one of whose rows is gone, when it is completed, then nothing changes and no mail is queued",
        arguments: StoreKind.allCases)
    func completeRefusesWhenARowIsGone(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let d = try await GivenDiscussion(site)
            try await site.commentWithNotices(on: d.post, by: d.bob, replyingTo: d.root, at: at(10))
            try await site.commentWithNotices(on: d.post, by: d.cyd, replyingTo: d.root, at: at(11))
            let ids = try await site.store.pendingNotifications(recipientID: d.ada.id, limit: 10).map(\.id)
            #expect(try await site.store.completeNotifications([ids[0]], mail: nil, now: at(700)))
            #expect(try await site.store.completeNotifications(ids, mail: mail(to: "ada@example.com"), now: at(701)) == false)
            #expect(try await site.store.pendingNotifications(recipientID: d.ada.id, limit: 10).map(\.id) == [ids[1]])
            #expect(try await site.store.outboxCounts().pending == 0)
        }
    }

    @Test(
        "Given two instances sending one group, when both complete it at once, then exactly one wins and one mail is queued",
        arguments: StoreKind.allCases)
    func concurrentComplete(kind: StoreKind) async throws {
        try await withTwoSites(kind) { one, two async throws in
            let d = try await GivenDiscussion(one)
            for round in 0..<10 {
                try await one.commentWithNotices(on: d.post, by: d.bob, replyingTo: d.root, at: at(Double(10 + round)))
                let ids = try await one.store.pendingNotifications(recipientID: d.ada.id, limit: 10).map(\.id)
                async let first = one.store.completeNotifications(ids, mail: mail(to: "ada@example.com"), now: at(700))
                async let second = two.store.completeNotifications(ids, mail: mail(to: "ada@example.com"), now: at(700))
                let outcomes = try await [first, second]
                #expect(outcomes.filter { $0 }.count == 1)
            }
            #expect(try await one.store.outboxCounts().pending == 10)
        }
    }
}
