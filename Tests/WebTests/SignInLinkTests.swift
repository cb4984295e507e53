import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Mail
import Testing
import UseCases

@Suite("Signing in by emailed link")
struct SignInLinkTests {
    @Test("Asking for a link looks the same for a member and a stranger, and mails each of them a link")
    func noAccountDisclosure() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            let known = try await browser.post("/sign-in", form: ["email": site.reader.email, "next": "/"])
            let unknown = try await browser.post("/sign-in", form: ["email": "stranger@example.com", "next": "/"])
            #expect(known.status == .ok && unknown.status == .ok)
            #expect(known.text.contains("Check your email"))
            #expect(
                known.text.replacingOccurrences(of: site.reader.email, with: "X")
                    == unknown.text.replacingOccurrences(of: "stranger@example.com", with: "X"))
            for address in [site.reader.email, "stranger@example.com"] {
                let mail = try await site.mail(to: address)
                #expect(mail.count == 1)
                #expect(mail.first.flatMap { link(in: $0.text, after: "/sign-in/link?token=") } != nil)
                #expect(mail.first?.headers.contains { $0.name == "List-Unsubscribe" } == false)
            }
            // No one was made a member by asking.
            #expect(try await site.store.member(email: "stranger@example.com") == nil)
        }
    }

    @Test("A stranger's link asks a name once, makes the member, signs in, and then works no more")
    func newMemberLinkWorksOnce() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.post("/sign-in", form: ["email": "New.Reader@Example.com", "next": "/p/\(site.post.slug)"])
            let mail = try #require(try await site.mail(to: "new.reader@example.com").first)
            let path = try #require(link(in: mail.text, after: "/sign-in/link?token="))
            let token = String(path.dropFirst("/sign-in/link?token=".count))
            // The token is stored only as its hash.
            #expect(try await site.store.signInToken(hash: token) == nil)
            #expect(try await site.store.signInToken(hash: SecretToken.hash(token)) != nil)

            let page = try await browser.get(path)
            #expect(page.status == .ok)
            #expect(page.text.contains("Your name") && page.text.contains("new.reader@example.com"))
            // Opening the link used nothing.
            #expect(try await site.store.signInToken(hash: SecretToken.hash(token))?.usedAt == nil)

            let noName = try await browser.post("/sign-in/link", form: ["token": token, "name": "  "])
            #expect(noName.status == .unprocessableContent)
            #expect(noName.text.contains("This field is required."))
            #expect(try await site.store.signInToken(hash: SecretToken.hash(token))?.usedAt == nil)

            let used = try await browser.post("/sign-in/link", form: ["token": token, "name": "Nova Reader"])
            #expect(used.status == .seeOther)
            #expect(used.location == "/p/\(site.post.slug)")
            #expect(browser.cookies["__Host-parley_session"] != nil)
            let member = try #require(try await site.store.member(email: "new.reader@example.com"))
            #expect(member.displayName == "Nova Reader" && member.role == .member)
            #expect(try await browser.get("/").text.contains("Nova Reader"))

            let again = try await browser.post("/sign-in/link", form: ["token": token, "name": "Nova Reader"])
            #expect(again.status == .gone)
            #expect(again.text.contains("This sign-in link was already used"))
            #expect(try await browser.get(path).status == .gone)
        }
    }

    @Test("A member's link signs them in without asking a name")
    func memberLink() async throws {
        let site = try await TestSite()
        let token = try await site.signInToken(for: site.reader.email)
        try await site.test { browser async throws in
            let page = try await browser.get("/sign-in/link?token=\(token)")
            #expect(page.text.contains("Continue as \(site.reader.email)"))
            #expect(!page.text.contains("Your name"))
            let used = try await browser.post("/sign-in/link", form: ["token": token])
            #expect(used.status == .seeOther)
            #expect(try await browser.get("/").text.contains("Rita Reader"))
        }
    }

    @Test("An expired link and an unknown one get clear pages and sign no one in")
    func expiredAndUnknown() async throws {
        let site = try await TestSite()
        let old = try await site.signInToken(for: site.reader.email, createdAt: Date().addingTimeInterval(-20 * 60), lifetime: 15 * 60)
        try await site.test { browser async throws in
            let expired = try await browser.get("/sign-in/link?token=\(old)")
            #expect(expired.status == .gone)
            #expect(expired.text.contains("This sign-in link has expired"))
            let post = try await browser.post("/sign-in/link", form: ["token": old])
            #expect(post.status == .gone)
            #expect(browser.cookies["__Host-parley_session"] == nil)
            for bad in ["", "nonsense", String(repeating: "a", count: 43), String(repeating: "<", count: 5000)] {
                let unknown = try await browser.get("/sign-in/link?token=\(Browser.encode(bad))")
                #expect(unknown.status == .notFound)
                #expect(unknown.text.contains("This sign-in link is not valid"))
            }
        }
    }

    @Test("Link requests are throttled per address; the refusal is next to the field and mails nothing")
    func throttled() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            // Spellings of one address share one count.
            for spelling in [
                site.reader.email, site.reader.email.uppercased(), " \(site.reader.email)\n", "\n\(site.reader.email)\n\n",
                site.reader.email,
            ] {
                #expect(try await browser.post("/sign-in", form: ["email": spelling]).status == .ok)
            }
            let refused = try await browser.post("/sign-in", form: ["email": site.reader.email])
            #expect(refused.status == .tooManyRequests)
            #expect(refused.text.contains("Too many attempts"))
            #expect(refused.text.contains("value=\"\(site.reader.email)\""))
            #expect(try await site.mail(to: site.reader.email).count == 5)
        }
    }

    @Test("An invalid address is refused next to the field, and nothing is mailed")
    func invalidAddress() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            let page = try await browser.post("/sign-in", form: ["email": "not an address"])
            #expect(page.status == .unprocessableContent)
            #expect(page.text.contains("Enter a valid email address"))
            #expect(try await site.outbox().isEmpty)
        }
    }
}
