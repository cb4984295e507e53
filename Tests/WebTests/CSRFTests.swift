import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import UseCases

@testable import Web

@Suite("Forged requests are refused on every route, whatever cookie was planted")
struct CSRFTests {
    /// The one unsafe route that takes no form token, on purpose (RFC 8058 one-click).
    static let exempt: Set<String> = ["POST \(SiteRoutes.oneClickUnsubscribe)"]

    @Test("Every POST, PUT, PATCH and DELETE route the router holds is refused without the token, and changes nothing")
    func everyUnsafeRouteNeedsTheToken() async throws {
        let site = try await TestSite()
        let comment = try await site.comment("Mine", by: site.reader)
        let router = Router(context: AppRequestContext.self)
        SiteRoutes(actions: site.actions).register(on: router)
        // As plain values ("POST", "/p/{slug}/comments"): the router's descriptions are not Sendable.
        let unsafeRoutes = router.routes.filter { CSRF.isUnsafe($0.method) }.map { (method: $0.method.rawValue, path: $0.path.description) }
        // The walk must see the forms (a router that lost them would pass vacuously).
        #expect(unsafeRoutes.count >= 18)
        #expect(Set(unsafeRoutes.map { "\($0.method) \($0.path)" }).isSuperset(of: Self.exempt))
        try await Application(router: router).test(.router) { client in
            let browser = Browser(client: client)
            try await browser.signIn(site.reader.email)
            for (method, path) in unsafeRoutes where !Self.exempt.contains("\(method) \(path)") {
                let route = "\(method) \(path)"
                let uri = path.replacingOccurrences(of: "{slug}", with: site.post.slug)
                    .replacingOccurrences(of: "{id}", with: "\(comment.id)")
                let before = try await site.store.exportSite()
                let mailBefore = try await site.store.outboxCounts()
                let bytes = Array(
                    "body=Forged&email=\(Browser.encode(site.owner.email))&password=\(Browser.encode(TestSite.password))&follow=1".utf8)
                for json in [false, true] {
                    let response = try await browser.send(
                        uri, method: HTTPRequest.Method(method)!, body: ByteBuffer(bytes: bytes), json: json)
                    #expect(response.status == .forbidden, "\(route) answered \(response.status)")
                }
                var after = try await site.store.exportSite()
                after.sessions = before.sessions
                #expect(after == before, "\(route) changed the site")
                #expect(try await site.store.outboxCounts() == mailBefore, "\(route) queued mail")
            }
        }
    }

    @Test("A signed-in member's form is refused when it carries a planted token, even one this site made for someone else")
    func plantedTokenRefused() async throws {
        let site = try await TestSite()
        try await site.test { victim async throws in
            // What a server on another port of this host can do: fetch a genuine signed-out token...
            let attacker = Browser(client: victim.client)
            try await attacker.get("/")
            let fetched = attacker.csrf
            try #require(!fetched.isEmpty)
            try await victim.signIn(site.reader.email)
            // ...or make one up, then plant it as the victim's cookie and post a form with it.
            for planted in [fetched, SecretToken.make()] {
                victim.cookies["__Host-parley_csrf"] = planted
                let response = try await victim.post("/p/\(site.post.slug)/comments", form: ["body": "Planted"], csrf: planted)
                #expect(response.status == .forbidden)
                #expect(try await site.fresh(site.post).commentCount == 0)
            }
            // The refusal handed the browser its own token back: the member's next form works.
            #expect(try await victim.post("/p/\(site.post.slug)/comments", form: ["body": "Mine"]).status == .seeOther)
            #expect(try await site.fresh(site.post).commentCount == 1)
        }
    }

    @Test("A signed-out form is refused when its token is one this site did not make")
    func madeUpSignedOutTokenRefused() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            for planted in [SecretToken.make(), SecretToken.make() + "." + SecretToken.make()] {
                browser.cookies["__Host-parley_csrf"] = planted
                let response = try await browser.post(
                    "/sign-in", form: ["email": site.reader.email, "password": TestSite.password], csrf: planted)
                #expect(response.status == .forbidden)
                #expect(browser.cookies["__Host-parley_session"] == nil)
            }
        }
    }

    @Test(
        "A form posted from another origin is refused, token or not",
        arguments: [
            ["Origin": "http://127.0.0.1:8081"], ["Origin": "https://evil.example"], ["Origin": "null"],
            ["Sec-Fetch-Site": "cross-site"], ["Sec-Fetch-Site": "same-site"],
            ["Origin": "http://127.0.0.1:8080", "Sec-Fetch-Site": "same-site"],
        ])
    func otherOriginRefused(sent: [String: String]) async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let response = try await browser.post(
                "/p/\(site.post.slug)/comments", form: ["body": "From elsewhere"], headers: Self.fields(sent))
            #expect(response.status == .forbidden)
            #expect(response.text.contains("This form expired"))
            #expect(try await site.fresh(site.post).commentCount == 0)
        }
    }

    @Test(
        "A form posted from the site's own origin, as browsers send it, is taken",
        arguments: [
            ["Origin": "http://127.0.0.1:8080", "Sec-Fetch-Site": "same-origin"], ["Origin": "HTTP://127.0.0.1:8080"],
            ["Sec-Fetch-Site": "none"], [:],
        ])
    func sameOriginTaken(sent: [String: String]) async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let response = try await browser.post("/p/\(site.post.slug)/comments", form: ["body": "From here"], headers: Self.fields(sent))
            #expect(response.status == .seeOther)
            #expect(try await site.fresh(site.post).commentCount == 1)
        }
    }

    @Test(
        "The site's origin comes from the public URL: scheme and host lowercased, a default port dropped",
        arguments: [
            ("https://News.Example.com/", "https://news.example.com"), ("https://news.example.com:443", "https://news.example.com"),
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080"), ("http://example.com:80/blog", "http://example.com"),
        ])
    func publicOrigin(url: String, origin: String) {
        #expect(SiteOrigin(publicURL: url).publicOrigin == origin)
    }

    static func fields(_ pairs: [String: String]) -> HTTPFields {
        var fields = HTTPFields()
        for (name, value) in pairs { fields[HTTPField.Name(name)!] = value }
        return fields
    }
}
