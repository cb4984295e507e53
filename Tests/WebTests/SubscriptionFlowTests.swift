import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Mail
import Testing
import UseCases

@Suite("Double opt-in, the newsletter and one-click unsubscribe")
struct SubscriptionFlowTests {
    @Test("Subscribing sends a confirmation; the address is active only once the link is used, and the link works once")
    func doubleOptIn() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            let page = try await browser.post("/subscribe", form: ["email": "New@Example.com "])
            #expect(page.status == .ok)
            #expect(page.text.contains("Check your email to confirm"))
            #expect(try await site.store.subscriber(email: "new@example.com")?.status == .pending)
            let mail = try #require(try await site.mail(to: "new@example.com").first)
            #expect(mail.subject.contains("Field Notes"))
            let path = try #require(link(in: mail.text, after: "/subscribe/confirm?token="))
            let token = String(path.dropFirst("/subscribe/confirm?token=".count))

            // Opening the link (as a mail scanner does) confirms nothing.
            let opened = try await browser.get(path)
            #expect(opened.status == .ok)
            #expect(opened.text.contains("Confirm my subscription"))
            #expect(try await site.store.subscriber(email: "new@example.com")?.status == .pending)

            let confirmed = try await browser.post("/subscribe/confirm", form: ["token": token])
            #expect(confirmed.status == .ok)
            #expect(confirmed.text.contains("You&#39;re subscribed"))
            #expect(try await site.store.subscriber(email: "new@example.com")?.status == .active)

            let again = try await browser.post("/subscribe/confirm", form: ["token": token])
            #expect(again.status == .gone)
            #expect(again.text.contains("This confirmation link does not work"))

            let forged = try await browser.post(
                "/subscribe/confirm", form: ["token": token], csrf: "forged-token-forged-token-forged-token-1234")
            #expect(forged.status == .forbidden)
        }
    }

    @Test("Subscribing an active address answers the same and mails nothing")
    func alreadyActive() async throws {
        let site = try await TestSite()
        _ = try await site.store.insertSubscriber(email: "old@example.com", createdAt: Date())
        try await site.test { browser async throws in
            let active = try await browser.post("/subscribe", form: ["email": "old@example.com"])
            let fresh = try await browser.post("/subscribe", form: ["email": "fresh@example.com"])
            #expect(active.status == fresh.status)
            #expect(
                active.text.replacingOccurrences(of: "old@example.com", with: "X")
                    == fresh.text.replacingOccurrences(of: "fresh@example.com", with: "X"))
            #expect(try await site.mail(to: "old@example.com").isEmpty)
            #expect(try await site.mail(to: "fresh@example.com").count == 1)
        }
    }

    @Test("A new post goes to active subscribers only, in batches, each with its own one-click unsubscribe")
    func newsletterBatches() async throws {
        let site = try await TestSite()
        for name in ["a", "b", "c"] { _ = try await site.store.insertSubscriber(email: "\(name)@example.com", createdAt: Date()) }
        try await site.actions.subscribe(email: "pending@example.com")
        let post = try await site.actions.addPost(
            AddPostInput(title: "Second post", bodyMarkdown: "News **here**.", authorEmail: site.owner.email))
        _ = try await site.actions.addPost(AddPostInput(title: "A draft", authorEmail: site.owner.email, draft: true))

        #expect(try await site.actions.sendNewsletterBatches(batchSize: 2) == 2)
        #expect(try await site.actions.sendNewsletterBatches(batchSize: 2) == 1)
        #expect(try await site.actions.sendNewsletterBatches(batchSize: 2) == 0)
        let letters = try await site.outbox().filter { $0.subject.contains("Second post") }
        #expect(Set(letters.map(\.to.address)) == ["a@example.com", "b@example.com", "c@example.com"])
        #expect(try await site.outbox().filter { $0.subject.contains("A draft") }.isEmpty)
        let first = try #require(letters.first)
        let unsubscribe = try #require(first.headers.first { $0.name == "List-Unsubscribe" }?.value)
        #expect(unsubscribe.hasPrefix("<http://127.0.0.1:8080/unsubscribe?topics=n"))
        #expect(first.headers.contains(MailHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")))
        #expect(first.text.contains("/unsubscribe?topics="))
        #expect(first.html?.contains("<strong>here</strong>") == true)
        #expect(first.text.contains("/p/\(post.slug)"))
        // Each reader's link is their own.
        #expect(Set(letters.compactMap { $0.headers.first { $0.name == "List-Unsubscribe" }?.value }).count == 3)
    }

    @Test("A scheduled post is mailed once it is visible, not before")
    func scheduledWaits() async throws {
        let site = try await TestSite()
        _ = try await site.store.insertSubscriber(email: "a@example.com", createdAt: Date())
        let later = Date().addingTimeInterval(3_600)
        _ = try await site.actions.addPost(AddPostInput(title: "Tomorrow", authorEmail: site.owner.email, publishedAt: later))
        #expect(try await site.actions.sendNewsletterBatches(batchSize: 10) == 0)
        #expect(try await site.actions(at: later.addingTimeInterval(1)).sendNewsletterBatches(batchSize: 10) == 1)
    }

    @Test("One click from a mail client unsubscribes without cookies or CSRF; opening the link changes nothing")
    func oneClickUnsubscribe() async throws {
        let site = try await TestSite()
        _ = try await site.store.insertSubscriber(email: "a@example.com", createdAt: Date())
        let subscriber = try #require(try await site.store.subscriber(email: "a@example.com"))
        let url = try await site.actions.unsubscribeURL([.newsletter(subscriber.id)])
        let path = String(url.absoluteString.dropFirst("http://127.0.0.1:8080".count))
        try await site.test { browser async throws in
            let page = try await browser.get(path)
            #expect(page.status == .ok)
            #expect(page.text.contains("New posts by email"))
            #expect(try await site.store.subscriber(id: subscriber.id)?.status == .active)

            let response = try await browser.client.execute(
                uri: path, method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "List-Unsubscribe=One-Click")
            ) { $0 }
            #expect(response.status == .ok)
            #expect(try await site.store.subscriber(id: subscriber.id)?.status == .unsubscribed)
            // Twice is harmless.
            #expect(try await browser.client.execute(uri: path, method: .post) { $0 }.status == .ok)
        }
    }

    @Test("A newsletter link stops working once its subscriber row is gone, so a later subscriber with its id is safe")
    func linkBoundToAddress() async throws {
        let site = try await TestSite()
        let member = try await site.member("Leaving")
        _ = try await site.store.insertSubscriber(email: member.email, createdAt: Date())
        let subscriber = try #require(try await site.store.subscriber(email: member.email))
        let url = try await site.actions.unsubscribeURL([.newsletter(subscriber.id)])
        try await site.actions.deleteAccount(confirmEmail: member.email, by: member)
        let path = String(url.absoluteString.dropFirst("http://127.0.0.1:8080".count))
        try await site.test { browser async throws in
            #expect(try await browser.get(path).status == .notFound)
        }
    }

    @Test("A tampered unsubscribe link is refused and changes nothing", arguments: ["sig", "topics"])
    func tamperedLink(part: String) async throws {
        let site = try await TestSite()
        _ = try await site.store.insertSubscriber(email: "a@example.com", createdAt: Date())
        _ = try await site.store.insertSubscriber(email: "b@example.com", createdAt: Date())
        let a = try #require(try await site.store.subscriber(email: "a@example.com"))
        let b = try #require(try await site.store.subscriber(email: "b@example.com"))
        let url = try await site.actions.unsubscribeURL([.newsletter(a.id)])
        let genuine = String(url.absoluteString.dropFirst("http://127.0.0.1:8080".count))
        let path =
            part == "sig"
            ? genuine.replacingOccurrences(of: "sig=", with: "sig=x")
            : genuine.replacingOccurrences(of: "topics=n\(a.id)", with: "topics=n\(b.id)")
        try await site.test { browser async throws in
            #expect(try await browser.get(path).status == .notFound)
            #expect(try await browser.client.execute(uri: path, method: .post) { $0 }.status == .notFound)
            #expect(try await site.store.subscriber(id: a.id)?.status == .active)
            #expect(try await site.store.subscriber(id: b.id)?.status == .active)
        }
    }
}
