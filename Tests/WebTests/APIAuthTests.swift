import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("API: who asks (bearer tokens, the session cookie with its CSRF header)")
struct APIAuthTests {
    @Test("A bearer token names its member; nobody signed in is a 401 naming Authorization")
    func bearerAndAnonymous() async throws {
        let site = try await TestSite()
        let token = try await site.apiToken(for: site.reader)
        try await site.test { browser async throws in
            // Given a valid token, when /me is asked with it, then it is the reader
            let me = try await browser.api(.get, "/me", bearer: token)
            #expect(me.status == .ok)
            #expect(try me.object["email"] as? String == site.reader.email)
            #expect(try me.object["role"] as? String == "member")
            // When nobody is signed in, then 401 as problem+json, naming who must be named
            let anonymous = try await browser.api(.get, "/me")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.isProblem)
            #expect(try anonymous.problemFields == ["Authorization"])
        }
    }

    @Test("A token that is made up, malformed or revoked is refused, never read as anonymous")
    func badTokens() async throws {
        let site = try await TestSite()
        let token = try await site.apiToken(for: site.reader)
        let revoked = try await site.apiToken(for: site.reader, name: "old")
        let listed = try await site.store.apiTokens(memberID: site.reader.id)
        let old = try #require(listed.first { $0.name == "old" })
        #expect(try await site.store.revokeAPIToken(id: old.id, memberID: site.reader.id, at: Date()))
        try await site.test { browser async throws in
            for bad in ["Bearer nope", "Basic \(token)", "Bearer", "Bearer \(revoked)"] {
                // When a read carries it, then 401 with WWW-Authenticate, even on a public read
                let response = try await browser.api(.get, "/posts", headers: [.authorization: bad])
                #expect(response.status == .unauthorized, "\(bad)")
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
                #expect(try response.problemFields == ["Authorization"])
            }
        }
    }

    @Test("A write with the session cookie needs X-CSRF-Token; without it nothing changes")
    func sessionWritesNeedTheHeader() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            // Reads need no header
            #expect(try await browser.api(.get, "/me").status == .ok)
            // When a comment is posted without the header, then 403 naming it, and no comment
            let refused = try await browser.api(.post, "/discussions/\(site.post.id)/comments", body: ["body": "Hi"], csrf: false)
            #expect(refused.status == .forbidden)
            #expect(try refused.problemFields == ["X-CSRF-Token"])
            // And with a token that is not the session's
            let forged = try await browser.api(
                .post, "/discussions/\(site.post.id)/comments", body: ["body": "Hi"], headers: [APIHeader.csrf: "forged"])
            #expect(forged.status == .forbidden)
            #expect(try await site.fresh(site.post).commentCount == 0)
            // When it carries the page's token, then the comment is made
            let made = try await browser.api(.post, "/discussions/\(site.post.id)/comments", body: ["body": "Hi"])
            #expect(made.status == .created)
            #expect(try await site.fresh(site.post).commentCount == 1)
        }
    }

    @Test("A session write from another origin is refused even with the token")
    func otherOrigin() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let response = try await browser.api(
                .post, "/discussions/\(site.post.id)/comments", body: ["body": "Hi"],
                headers: [.origin: "https://evil.example", HTTPField.Name("Sec-Fetch-Site")!: "cross-site"])
            #expect(response.status == .forbidden)
            #expect(try await site.fresh(site.post).commentCount == 0)
        }
    }

    @Test("A write with a bearer token needs no CSRF header")
    func bearerWrites() async throws {
        let site = try await TestSite()
        let token = try await site.apiToken(for: site.reader)
        try await site.test { browser async throws in
            let made = try await browser.api(.post, "/discussions/\(site.post.id)/comments", body: ["body": "From a script"], bearer: token)
            #expect(made.status == .created)
            #expect(try made.object["mine"] as? Bool == true)
            #expect(made.headers[.location]?.hasPrefix("/api/v1/comments/") == true, "\(made.headers[.location] ?? "none")")
        }
    }

    @Test("A write by nobody is a 401 and changes nothing")
    func anonymousWrite() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            let response = try await browser.api(.post, "/discussions/\(site.post.id)/comments", body: ["body": "Hi"])
            #expect(response.status == .unauthorized)
            #expect(try response.problemFields == ["Authorization"])
            #expect(try await site.fresh(site.post).commentCount == 0)
        }
    }
}
