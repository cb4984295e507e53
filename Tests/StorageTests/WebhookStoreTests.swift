import Domain
import Foundation
import Storage
import Testing

extension Site {
    var webhooks: any WebhookStore { store as! any WebhookStore }

    @discardableResult
    func endpoint(
        _ events: [WebhookEvent], url: String = "https://hooks.example.com/in", format: WebhookFormat = .parley
    )
        async throws -> WebhookEndpoint
    {
        try #require(
            try await webhooks.addWebhookEndpoint(
                NewWebhookEndpoint(url: url, events: events, format: format, secret: "whsec_test"), limit: 10, now: t0))
    }

    /// Every delivery of `endpoint` as "event subject", oldest first.
    func deliveryLines(_ endpoint: WebhookEndpoint) async throws -> [String] {
        try await webhooks.webhookDeliveries(endpoint: endpoint.id, limit: 100).reversed().map { "\($0.event.rawValue) \($0.subjectID)" }
    }
}

/// Deliveries are made by the database's clock, so claims in these tests look from a little
/// after the real now, not from `t0`.
private func soon(_ seconds: Double = 1) -> Date { Date().addingTimeInterval(seconds) }

@Suite("Webhook store")
struct WebhookStoreTests {
    @Test(
        "Given endpoints for some events, when comments, reports, members, subscribers and posts are written, then each endpoint gets a delivery for its events only",
        arguments: StoreKind.allCases)
    func triggersWriteDeliveries(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let comments = try await site.endpoint([.commentPosted, .commentHeld, .commentReported])
            let people = try await site.endpoint([.memberJoined, .subscriberConfirmed, .postPublished])
            let ada = try await site.member("ada", role: .owner)
            let bob = try await site.member("bob")
            let post = try await site.post("hello", by: ada)
            _ = try await site.post("draft", by: ada, state: .draft, publishedAt: nil)
            let posted = try await site.comment(on: post, by: bob)
            let held = try await site.heldComment(on: post, by: bob)
            _ = try await site.moderation.reportComment(
                NewCommentReport(commentID: posted.id, reporterID: ada.id, reason: .spam, text: "ads", createdAt: at(5)), holdAt: 10)
            #expect(try await site.store.insertSubscriber(email: "reader@example.com", createdAt: t0))
            let subscriber = try #require(try await site.store.subscriber(email: "reader@example.com"))

            let commentLines = try await site.deliveryLines(comments)
            #expect(commentLines.count == 3)
            #expect(commentLines[0] == "comment.posted \(posted.id)")
            #expect(commentLines[1] == "comment.held \(held.id)")
            #expect(commentLines[2].hasPrefix("comment.reported "))
            #expect(
                try await site.deliveryLines(people) == [
                    "member.joined \(ada.id)", "member.joined \(bob.id)", "post.published \(post.id)",
                    "subscriber.confirmed \(subscriber.id)",
                ])

            // Approved after being held: posted now.
            _ = try await site.moderation.approveComment(id: held.id, notices: nil, audit: audit(.approve, by: ada))
            #expect(try await site.deliveryLines(comments).last == "comment.posted \(held.id)")
        }
    }

    @Test(
        "Given deliveries due, when two stores of one site claim at once, then no delivery is held by both and each comes with its endpoint",
        arguments: StoreKind.allCases)
    func claimsAreExclusive(kind: StoreKind) async throws {
        try await withTwoSites(kind) { one, two in
            let endpoint = try await one.endpoint([.memberJoined])
            for n in 0..<12 { try await one.member("m\(n)") }
            async let first = one.webhooks.claimDueWebhooks(now: soon(), limit: 8, lease: 60, worker: "one")
            async let second = two.webhooks.claimDueWebhooks(now: soon(), limit: 8, lease: 60, worker: "two")
            let (a, b) = try await (first, second)
            let ids = (a + b).map(\.delivery.id)
            #expect(ids.count == 12)
            #expect(Set(ids).count == 12)
            #expect((a + b).allSatisfy { $0.endpoint == endpoint && $0.delivery.attempts == 1 })
            #expect(try await one.webhooks.claimDueWebhooks(now: soon(), limit: 8, lease: 60, worker: "one").isEmpty)
            // A lease that ran out makes the delivery due again, one more attempt counted.
            let again = try await two.webhooks.claimDueWebhooks(now: soon(120), limit: 20, lease: 60, worker: "two")
            #expect(again.count == 12)
            #expect(again.allSatisfy { $0.delivery.attempts == 2 })
        }
    }

    @Test(
        "Given a claimed delivery, when attempts are recorded, then a retry comes due later, a success is never claimed again, and the answer is kept",
        arguments: StoreKind.allCases)
    func attemptsAreRecorded(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let endpoint = try await site.endpoint([.memberJoined])
            try await site.member("ada")
            let job = try #require(try await site.webhooks.claimDueWebhooks(now: soon(), limit: 5, lease: 60, worker: "w").first)
            #expect(job.delivery.body == nil)
            try await site.webhooks.keepWebhookBody(job.delivery.id, body: "first")
            try await site.webhooks.keepWebhookBody(job.delivery.id, body: "second")
            let failedAt = soon()
            try await site.webhooks.recordWebhookAttempt(
                job.delivery.id, at: failedAt, response: WebhookResponse(status: 500, excerpt: "oops", milliseconds: 12), delivered: false,
                retryAt: failedAt.addingTimeInterval(300))
            #expect(try await site.webhooks.claimDueWebhooks(now: soon(60), limit: 5, lease: 60, worker: "w").isEmpty)
            let retry = try #require(try await site.webhooks.claimDueWebhooks(now: soon(301), limit: 5, lease: 60, worker: "w").first)
            #expect(retry.delivery.body == "first")
            #expect(retry.delivery.lastResponse == WebhookResponse(status: 500, excerpt: "oops", milliseconds: 12))
            try await site.webhooks.recordWebhookAttempt(
                retry.delivery.id, at: soon(302), response: WebhookResponse(status: 204, excerpt: "", milliseconds: 3), delivered: true,
                retryAt: nil)
            #expect(try await site.webhooks.claimDueWebhooks(now: soon(10_000), limit: 5, lease: 60, worker: "w").isEmpty)
            let logged = try #require(try await site.webhooks.webhookDeliveries(endpoint: endpoint.id, limit: 10).first)
            #expect(logged.status == .delivered)
            #expect(logged.attempts == 2)
            #expect(logged.lastResponse?.status == 204)
            // A late record for a settled delivery changes nothing.
            try await site.webhooks.recordWebhookAttempt(
                retry.delivery.id, at: soon(303), response: WebhookResponse(status: 500, excerpt: "late", milliseconds: 1),
                delivered: false,
                retryAt: nil)
            #expect(try await site.webhooks.webhookDelivery(id: retry.delivery.id)?.status == .delivered)
        }
    }

    @Test(
        "Given endpoints, when the secret is asked for twice, the limit is reached, and one is removed, then the secret shows once and its deliveries go with it",
        arguments: StoreKind.allCases)
    func endpointsLifecycle(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let endpoint = try await site.endpoint([.memberJoined], format: .slack)
            #expect(try await site.webhooks.webhookEndpoints() == [endpoint])
            #expect(endpoint.events == [.memberJoined] && endpoint.format == .slack && !endpoint.secretShown)
            #expect(try await site.webhooks.revealWebhookSecret(endpoint.id) == "whsec_test")
            #expect(try await site.webhooks.revealWebhookSecret(endpoint.id) == nil)
            #expect(try await site.webhooks.webhookEndpoints().first?.secretShown == true)
            let other = NewWebhookEndpoint(url: "https://b.example.com", events: [], format: .parley, secret: "s")
            #expect(try await site.webhooks.addWebhookEndpoint(other, limit: 2, now: t0) != nil)
            #expect(try await site.webhooks.addWebhookEndpoint(other, limit: 2, now: t0) == nil)
            let ping = try #require(try await site.webhooks.enqueueWebhookPing(endpoint.id, now: t0))
            #expect(try await site.webhooks.webhookDelivery(id: ping)?.event == .ping)
            #expect(try await site.webhooks.removeWebhookEndpoint(endpoint.id))
            #expect(try await !site.webhooks.removeWebhookEndpoint(endpoint.id))
            #expect(try await site.webhooks.webhookDelivery(id: ping) == nil)
            #expect(try await site.webhooks.enqueueWebhookPing(endpoint.id, now: t0) == nil)
            #expect(try await site.webhooks.webhookEndpoints().count == 1)
        }
    }

    @Test(
        "Given a reported reply on a post, when the subjects are read, then each event's facts come back",
        arguments: StoreKind.allCases)
    func subjects(kind: StoreKind) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada", role: .owner)
            let bob = try await site.member("bob")
            let post = try await site.post("hello", by: ada)
            let root = try await site.comment(on: post, by: ada)
            let reply = try await site.comment(on: post, by: bob, replyingTo: root, at: at(1), text: "a reply")
            let endpoint = try await site.endpoint([.commentReported])
            _ = try await site.moderation.reportComment(
                NewCommentReport(commentID: reply.id, reporterID: ada.id, reason: .offTopic, text: "why", createdAt: at(5)), holdAt: 10)
            let report = try #require(try await site.webhooks.webhookDeliveries(endpoint: endpoint.id, limit: 1).first)

            let postFacts = WebhookPostFacts(
                id: post.id, slug: "hello", title: "Title of hello", subtitle: "", authorID: ada.id, authorName: "Ada",
                audience: "everyone", publishedAt: t0)
            let replyFacts = WebhookCommentFacts(
                id: reply.id, parentID: root.id, authorID: bob.id, authorName: "Bob", text: "a reply", status: "visible",
                createdAt: at(1), deleted: false)
            #expect(try await site.webhooks.webhookSubject(.commentPosted, subjectID: reply.id.rawValue) == .comment(replyFacts, postFacts))
            #expect(
                try await site.webhooks.webhookSubject(.commentReported, subjectID: report.subjectID)
                    == .report(
                        WebhookReportFacts(
                            id: report.subjectID, reason: "off_topic", text: "why", reporterID: ada.id, reporterName: "Ada",
                            createdAt: at(5)),
                        replyFacts, postFacts))
            #expect(
                try await site.webhooks.webhookSubject(.memberJoined, subjectID: bob.id.rawValue)
                    == .member(WebhookMemberFacts(id: bob.id, name: "Bob", email: "bob@example.com", role: "member", createdAt: t0)))
            #expect(try await site.webhooks.webhookSubject(.postPublished, subjectID: post.id.rawValue) == .post(postFacts))
            #expect(try await site.webhooks.webhookSubject(.commentPosted, subjectID: 999_999) == nil)
            #expect(try await site.webhooks.webhookSubject(.ping, subjectID: 1) == nil)
        }
    }
}
