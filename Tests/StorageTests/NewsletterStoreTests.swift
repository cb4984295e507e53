import Domain
import Foundation
import Storage
import Testing

@Suite("Newsletter sends")
struct NewsletterStoreTests {
    static func newPost(_ slug: String, by author: Member, createdAt: Date = t0) -> NewPost {
        NewPost(
            slug: slug, title: slug, subtitle: "", bodyMarkdown: "Body", bodyHTML: "<p>Body</p>", authorID: author.id,
            state: .published, publishedAt: createdAt, createdAt: createdAt)
    }

    @Test(
        "Given posts published with and without the newsletter, when unfinished sends are read, then only the mailed ones come, oldest first",
        arguments: StoreKind.allCases)
    func recordedWithThePost(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let later = try await site.store.insertPost(Self.newPost("later", by: ada, createdAt: at(20)), newsletter: true)
            _ = try await site.store.insertPost(Self.newPost("quiet", by: ada, createdAt: at(5)), newsletter: false)
            let earlier = try await site.store.insertPost(Self.newPost("earlier", by: ada, createdAt: at(10)), newsletter: true)
            let sends = try await site.store.unfinishedNewsletterSends(limit: 10)
            #expect(
                sends == [
                    NewsletterSend(postID: earlier.id, afterSubscriberID: nil, createdAt: at(10)),
                    NewsletterSend(postID: later.id, afterSubscriberID: nil, createdAt: at(20)),
                ])
            #expect(try await site.store.unfinishedNewsletterSends(limit: 1).map(\.postID) == [earlier.id])
        }
    }

    @Test(
        "Given a slug already taken, when a mailed post is refused, then no send is recorded for it",
        arguments: StoreKind.allCases)
    func refusedPostRecordsNothing(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            try await site.post("hello", by: ada)
            await #expect(throws: StoreError.duplicate(field: "slug")) {
                try await site.store.insertPost(Self.newPost("hello", by: ada), newsletter: true)
            }
            #expect(try await site.store.unfinishedNewsletterSends(limit: 10).isEmpty)
        }
    }

    @Test(
        "Given a send, when it is moved on batch by batch, then each batch is queued once and a stale move is refused",
        arguments: StoreKind.allCases)
    func advance(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let post = try await site.store.insertPost(Self.newPost("hello", by: ada), newsletter: true)
            let batch1 = [mail(to: "r1@example.com", "1"), mail(to: "r2@example.com", "2")]
            #expect(
                try await site.store.advanceNewsletterSend(
                    postID: post.id, from: nil, to: SubscriberID(2), mail: batch1,
                    finished: false, now: at(1)))
            #expect(try await site.store.unfinishedNewsletterSends(limit: 10).first?.afterSubscriberID == SubscriberID(2))
            // Another instance still thinking the send is at its start.
            #expect(
                try await site.store.advanceNewsletterSend(
                    postID: post.id, from: nil, to: SubscriberID(2), mail: batch1,
                    finished: false, now: at(2)) == false)
            #expect(try await site.store.outboxCounts().pending == 2)

            #expect(
                try await site.store.advanceNewsletterSend(
                    postID: post.id, from: SubscriberID(2), to: SubscriberID(3),
                    mail: [mail(to: "r3@example.com", "3")], finished: true, now: at(3)))
            #expect(try await site.store.unfinishedNewsletterSends(limit: 10).isEmpty)
            // A finished send is never moved again, even from where it stopped.
            #expect(
                try await site.store.advanceNewsletterSend(
                    postID: post.id, from: SubscriberID(3), to: SubscriberID(3),
                    mail: [mail(to: "r9@example.com")], finished: true, now: at(4)) == false)
            #expect(
                try await site.store.advanceNewsletterSend(
                    postID: PostID(999), from: nil, to: nil, mail: [],
                    finished: true, now: at(4)) == false)
            #expect(try await site.queuedMail().map(\.recipient) == ["r1@example.com", "r2@example.com", "r3@example.com"])
        }
    }

    @Test(
        "Given two instances at the same batch, when both move it at once, then exactly one does and the batch is queued once",
        arguments: StoreKind.allCases)
    func concurrentAdvance(kind: StoreKind) async throws {
        try await withTwoSites(kind) { one, two async throws in
            let ada = try await one.member("ada")
            let post = try await one.store.insertPost(Self.newPost("hello", by: ada), newsletter: true)
            var from: SubscriberID?
            for step in 1...10 {
                let to = SubscriberID(Int64(step)), current = from
                let batch = [mail(to: "r\(step)@example.com")]
                async let first = one.store.advanceNewsletterSend(
                    postID: post.id, from: current, to: to, mail: batch,
                    finished: step == 10, now: at(Double(step)))
                async let second = two.store.advanceNewsletterSend(
                    postID: post.id, from: current, to: to, mail: batch,
                    finished: step == 10, now: at(Double(step)))
                #expect(try await [first, second].filter { $0 }.count == 1)
                from = to
            }
            #expect(try await one.store.outboxCounts().pending == 10)
            #expect(try await two.store.unfinishedNewsletterSends(limit: 10).isEmpty)
        }
    }
}
