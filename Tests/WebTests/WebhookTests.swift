import App
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import TestSupport
import Testing
import UseCases
import Webhooks

/// Webhooks end to end: the owner's page, the triggers that write deliveries, the worker that
/// sends them over real HTTP to a real receiver on loopback, signed, and retried.
@Suite("Webhooks: settings page, signed deliveries, retries, refused addresses")
struct WebhookTests {
    static var allowingPrivate: ParleyConfiguration {
        var configuration = TestSite.configuration()
        configuration.webhooksAllowPrivate = true
        return configuration
    }

    static func worker(_ site: TestSite, allowPrivate: Bool = true) -> WebhookWorker {
        WebhookWorker(
            store: site.store, sender: WebhookSender(destination: WebhookDestination(allowPrivate: allowPrivate), timeout: .seconds(5)),
            body: WebhookBody(baseURL: "http://127.0.0.1:8080"), configuration: .init(jitter: 0))
    }

    /// Deliveries carry the database's clock; the worker looks from just after it.
    static func soon(_ seconds: Double = 1) -> Date { Date().addingTimeInterval(seconds) }

    /// The text between `start` and the next `end` in `page`.
    static func between(_ page: String, _ start: String, _ end: String) -> String? {
        guard let from = page.range(of: start), let to = page.range(of: end, range: from.upperBound..<page.endIndex) else { return nil }
        return String(page[from.upperBound..<to.lowerBound])
    }

    @Test(
        "An owner adds a webhook; its secret shows once; a member joining reaches the receiver signed with it, and the page logs the answer"
    )
    func signedDeliveryFromThePage() async throws {
        // Given an owner, a receiver on loopback, and a server that allows private addresses
        let site = try await TestSite()
        let receiver = try await WebhookReceiver()
        try await site.test(configuration: Self.allowingPrivate) { browser async throws in
            try await browser.signIn(site.owner.email)
            let empty = try await browser.get("/dashboard/settings/webhooks")
            #expect(empty.status == .ok)
            #expect(empty.text.contains("No webhooks yet."))
            // When the owner adds one for "member joined"
            let added = try await browser.post(
                "/dashboard/settings/webhooks", form: ["url": receiver.url(), "event-member.joined": "1", "format": "parley"])
            #expect(added.status == .seeOther)
            let location = try #require(added.location)
            #expect(location.hasPrefix("/dashboard/settings/webhooks?added="))
            // Then the page after saving shows the secret, and no later visit does
            let shown = try await browser.get(location)
            #expect(shown.headers[.cacheControl] == "no-store")
            let secret = try #require(Self.between(shown.text, "<code id=\"webhook-secret\">", "</code>"))
            #expect(secret.hasPrefix("whsec_"))
            let again = try await browser.get(location)
            #expect(!again.text.contains(secret))
            #expect(!(try await browser.get("/dashboard/settings/webhooks")).text.contains(secret))

            // When a member joins and the worker runs
            _ = try await site.member("Nina")
            #expect(await Self.worker(site).runOnce(now: Self.soon()) == 1)

            // Then the receiver got one POST, signed over its timestamp and body with that secret
            let received = try await receiver.waitFor(1)
            try #require(received.count == 1)
            let request = received[0]
            #expect(request.method == "POST")
            #expect(request.uri == "/hook")
            #expect(request.headers["content-type"] == "application/json")
            #expect(request.headers["parley-webhook-event"] == "member.joined")
            #expect(request.headers["parley-webhook-attempt"] == "1")
            let timestamp = try #require(request.headers["parley-webhook-timestamp"].flatMap { Int64($0) })
            #expect(abs(Double(timestamp) - Date().timeIntervalSince1970) < 60)
            let signature = try #require(request.headers["parley-webhook-signature"])
            #expect(WebhookSignature.verify(header: signature, body: request.body, timestamp: timestamp, secret: secret))
            #expect(!WebhookSignature.verify(header: signature, body: request.body, timestamp: timestamp, secret: secret + "x"))
            let json = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
            #expect(json["type"] as? String == "member.joined")
            #expect(json["id"] as? String == request.headers["parley-webhook-id"])
            let member = try #require((json["data"] as? [String: Any])?["member"] as? [String: Any])
            #expect(member["email"] as? String == "nina@example.com")
            #expect(member["name"] as? String == "Nina")

            // And the page shows the answer in the log
            let logged = try await browser.get("/dashboard/settings/webhooks")
            #expect(logged.text.contains("200 in "))
            #expect(logged.text.contains("Delivered"))
        }
        await receiver.stop()
    }

    @Test("A delivery answered 500 is tried again after its back-off with the same body and id, signed afresh, and then delivered")
    func retryAfterServerError() async throws {
        // Given an endpoint for new comments whose receiver fails the first request
        let site = try await TestSite()
        let receiver = try await WebhookReceiver(statuses: [500])
        let endpoint = try await site.actions.addWebhookEndpoint(
            WebhookEndpointInput(url: receiver.url("/in?source=parley"), events: ["comment.posted"], format: "parley"), by: site.owner,
            allowPrivate: true)
        let worker = Self.worker(site)
        // When a comment is posted and the worker runs
        let comment = try await site.comment("Hello there", by: site.reader)
        #expect(await worker.runOnce(now: Self.soon()) == 1)
        // Then the first attempt is logged with its 500 and waits for its back-off
        let first = try await receiver.waitFor(1)
        try #require(first.count == 1)
        let waiting = try #require(try await site.store.webhookDeliveries(endpoint: endpoint.id, limit: 5).first)
        #expect(waiting.status == .pending)
        #expect(waiting.lastResponse?.status == 500)
        #expect(waiting.lastResponse?.excerpt == "answer 500")
        #expect(waiting.nextAttemptAt > Date().addingTimeInterval(30))
        #expect(await worker.runOnce(now: Self.soon(10)) == 0)

        // When its time comes
        #expect(await worker.runOnce(now: waiting.nextAttemptAt.addingTimeInterval(1)) == 1)
        // Then the same body goes again under the same id, as attempt 2, with a valid signature
        let both = try await receiver.waitFor(2)
        try #require(both.count == 2)
        #expect(both[1].uri == "/in?source=parley")
        #expect(both[1].body == first[0].body)
        #expect(both[1].headers["parley-webhook-id"] == first[0].headers["parley-webhook-id"])
        #expect(both[1].headers["parley-webhook-attempt"] == "2")
        let timestamp = try #require(both[1].headers["parley-webhook-timestamp"].flatMap { Int64($0) })
        #expect(
            WebhookSignature.verify(
                header: both[1].headers["parley-webhook-signature"] ?? "", body: both[1].body, timestamp: timestamp, secret: endpoint.secret
            ))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(both[1].body)) as? [String: Any])
        let data = try #require(json["data"] as? [String: Any])
        #expect((data["comment"] as? [String: Any])?["id"] as? Int == Int(comment.id.rawValue))
        #expect((data["comment"] as? [String: Any])?["text"] as? String == "Hello there")
        #expect((data["post"] as? [String: Any])?["title"] as? String == "First post")
        let done = try #require(try await site.store.webhookDelivery(id: waiting.id))
        #expect(done.status == .delivered)
        #expect(done.attempts == 2)
        await receiver.stop()
    }

    @Test(
        "A loopback endpoint saved while allowed is refused at delivery once private addresses are not: nothing is sent and it fails at once"
    )
    func refusedAtDelivery() async throws {
        let site = try await TestSite()
        let receiver = try await WebhookReceiver()
        let endpoint = try await site.actions.addWebhookEndpoint(
            WebhookEndpointInput(url: "https://127.0.0.1:\(receiver.port)/hook", events: ["member.joined"], format: "slack"),
            by: site.owner,
            allowPrivate: true)
        _ = try await site.member("Nina")
        #expect(await Self.worker(site, allowPrivate: false).runOnce(now: Self.soon()) == 1)
        let delivery = try #require(try await site.store.webhookDeliveries(endpoint: endpoint.id, limit: 5).first)
        #expect(delivery.status == .failed)
        #expect(delivery.lastResponse?.status == nil)
        #expect(delivery.lastResponse?.excerpt.contains("127.0.0.1, which is not a public address") == true)
        #expect(delivery.attempts == 1)
        #expect(receiver.received.isEmpty)
        await receiver.stop()
    }

    @Test("Without the flag, loopback and private endpoints are refused when saved, next to the field, and nothing is stored")
    func refusedWhenSaved() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let cases: [(String, HTTPResponse.Status, String)] = [
                ("http://127.0.0.1:9/hook", .unprocessableContent, "Enter an https:// address"),
                ("https://127.0.0.1/hook", .forbidden, "loopback or private network"),
                ("https://localhost/hook", .forbidden, "loopback or private network"),
                ("https://[::1]/hook", .forbidden, "loopback or private network"),
                ("https://10.0.0.8/hook", .forbidden, "loopback or private network"),
                ("https://169.254.169.254/latest", .forbidden, "loopback or private network"),
                ("https://user:pw@hooks.example.com/", .unprocessableContent, "Enter an https:// address"),
            ]
            for (url, status, message) in cases {
                let refused = try await browser.post(
                    "/dashboard/settings/webhooks", form: ["url": url, "event-comment.posted": "1", "format": "parley"])
                #expect(refused.status == status, "\(url)")
                #expect(refused.text.contains(message), "\(url)")
                #expect(refused.text.contains("id=\"webhook-url-error\""), "\(url)")
                #expect(refused.text.contains("checked"), "the typed events stay: \(url)")
            }
            let noEvents = try await browser.post("/dashboard/settings/webhooks", form: ["url": "https://127.0.0.1/", "format": "parley"])
            #expect(noEvents.status == .unprocessableContent)
            #expect(noEvents.text.contains("Choose at least one event."))
        }
        #expect(try await site.store.webhookEndpoints().isEmpty)
    }

    @Test("The page is for owners: an admin and a member get 403, a visitor is sent to sign in, and an admin cannot add, test or remove")
    func ownersOnly() async throws {
        let site = try await TestSite()
        let admin = try await site.member("Ada", role: .admin)
        let endpoint = try await site.actions.addWebhookEndpoint(
            WebhookEndpointInput(url: "http://127.0.0.1:9/hook", events: ["member.joined"], format: "parley"), by: site.owner,
            allowPrivate: true)
        await #expect(throws: FieldError("dashboard", .notAllowed)) {
            try await site.actions.sendWebhookTest(endpoint.id, by: admin)
        }
        try await site.test(configuration: Self.allowingPrivate) { browser async throws in
            let visitor = try await browser.get("/dashboard/settings/webhooks")
            #expect(visitor.status == .seeOther)
            try await browser.signIn(admin.email)
            #expect(try await browser.get("/dashboard/settings/webhooks").status == .forbidden)
            #expect(!(try await browser.get("/dashboard/settings")).text.contains("/dashboard/settings/webhooks"))
            let add = try await browser.post(
                "/dashboard/settings/webhooks", form: ["url": "http://127.0.0.1:9/x", "event-member.joined": "1", "format": "parley"])
            #expect(add.status == .forbidden)
            #expect(try await browser.post("/dashboard/settings/webhooks/\(endpoint.id)/remove").status == .forbidden)
            #expect(try await browser.post("/dashboard/settings/webhooks/\(endpoint.id)/test").status == .forbidden)
        }
        try await site.test(configuration: Self.allowingPrivate) { browser async throws in
            try await browser.signIn(site.reader.email)
            #expect(try await browser.get("/dashboard/settings/webhooks").status == .forbidden)
        }
        #expect(try await site.store.webhookEndpoints().map(\.id) == [endpoint.id])
        #expect(try await site.store.webhookDeliveries(endpoint: endpoint.id, limit: 5).isEmpty)
    }

    @Test("An owner sends a test and removes an endpoint: the ping is queued, then the endpoint and its log are gone")
    func testAndRemove() async throws {
        let site = try await TestSite()
        let receiver = try await WebhookReceiver()
        let endpoint = try await site.actions.addWebhookEndpoint(
            WebhookEndpointInput(url: receiver.url(), events: ["post.published"], format: "slack"), by: site.owner, allowPrivate: true)
        try await site.test(configuration: Self.allowingPrivate) { browser async throws in
            try await browser.signIn(site.owner.email)
            let page = try await browser.get("/dashboard/settings/webhooks")
            #expect(page.text.contains(receiver.url()))
            #expect(page.text.contains("href=\"/dashboard/settings/webhooks\""))
            let tested = try await browser.post("/dashboard/settings/webhooks/\(endpoint.id)/test")
            #expect(tested.location == "/dashboard/settings/webhooks?done=test")
            #expect(await Self.worker(site).runOnce(now: Self.soon()) == 1)
            let ping = try await receiver.waitFor(1)
            try #require(ping.count == 1)
            #expect(ping[0].headers["parley-webhook-event"] == "webhook.ping")
            let slack = try #require(try JSONSerialization.jsonObject(with: Data(ping[0].body)) as? [String: String])
            #expect(slack["text"]?.contains("A test message from Parley") == true)

            let removed = try await browser.post("/dashboard/settings/webhooks/\(endpoint.id)/remove")
            #expect(removed.location == "/dashboard/settings/webhooks?done=removed")
            #expect(try await site.store.webhookEndpoints().isEmpty)
            let gone = try await browser.post("/dashboard/settings/webhooks/\(endpoint.id)/remove")
            #expect(gone.status == .notFound)
        }
        await receiver.stop()
    }
}
