import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import UseCases

@Suite("Signing in and subscribing")
struct AccountTests {
    @Test("Signing in sets a Secure, HttpOnly, SameSite=Lax session cookie stored only as a hash")
    func signInCookie() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let attributes = try #require(browser.cookieAttributes["__Host-parley_session"])
            #expect(attributes.contains("Secure") && attributes.contains("HttpOnly") && attributes.contains("SameSite=Lax"))
            let token = try #require(browser.cookies["__Host-parley_session"])
            #expect(try await site.store.member(sessionTokenHash: SecretToken.hash(token), now: Date())?.id == site.reader.id)
            #expect(try await site.store.member(sessionTokenHash: token, now: Date()) == nil)
            let page = try await browser.get("/").text
            #expect(page.contains("Rita Reader") && page.contains("Sign out"))
        }
    }

    @Test("A wrong password is refused, the email kept, no session made")
    func wrongPassword() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            let page = try await browser.post("/sign-in", form: ["email": site.reader.email, "password": "wrong password", "next": "/"])
            #expect(page.status == .unauthorized)
            #expect(page.text.contains("That email and password do not match an account."))
            #expect(page.text.contains("value=\"\(site.reader.email)\""))
            #expect(browser.cookies["__Host-parley_session"] == nil)
            // An unknown address gets the very same answer
            let unknown = try await browser.post("/sign-in", form: ["email": "nobody@example.com", "password": "wrong password"])
            #expect(unknown.status == .unauthorized)
            #expect(unknown.text.contains("That email and password do not match an account."))
        }
    }

    @Test("Signing out ends the session on the server")
    func signOut() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let token = try #require(browser.cookies["__Host-parley_session"])
            #expect(try await browser.post("/sign-out").status == .seeOther)
            #expect(browser.cookies["__Host-parley_session"] == nil)
            #expect(try await site.store.member(sessionTokenHash: SecretToken.hash(token), now: Date()) == nil)
        }
    }

    @Test("Sign-in only sends the browser back to a page of this site")
    func openRedirectRefused() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            let response = try await browser.post(
                "/sign-in", form: ["email": site.reader.email, "password": TestSite.password, "next": "//evil.example/"])
            #expect(response.location == "/")
        }
    }

    @Test("An invalid subscription address is refused next to the field and kept")
    func subscribeInvalid() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            let page = try await browser.post("/subscribe", form: ["email": "not-an-address"])
            #expect(page.status == .unprocessableContent)
            #expect(page.text.contains("Enter a valid email address"))
            #expect(page.text.contains("value=\"not-an-address\""))
            #expect(try await site.store.subscriber(email: "not-an-address") == nil)
            #expect(try await site.outbox().isEmpty)
        }
    }
}
