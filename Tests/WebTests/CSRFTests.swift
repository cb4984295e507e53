import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import TestSupport
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
            // The Host it was sent to (the test client's is "localhost"): a proxy that ends TLS
            // and passes Host on, with no --public-url, on https or http.
            ["Origin": "https://localhost", "Sec-Fetch-Site": "same-origin"], ["Origin": "http://localhost"],
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
        "With an https public URL, a form is taken only from an https origin",
        arguments: [
            ("https://news.example.com", true), ("https://localhost", true), ("http://localhost", false),
            ("http://news.example.com", false),
        ])
    func httpsOnly(origin: String, taken: Bool) async throws {
        let site = try await TestSite(mail: .local(baseURL: "https://news.example.com"))
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let response = try await browser.post(
                "/p/\(site.post.slug)/comments", form: ["body": "Which scheme"], headers: Self.fields(["Origin": origin]))
            #expect(response.status == (taken ? .seeOther : .forbidden))
            #expect(try await site.fresh(site.post).commentCount == (taken ? 1 : 0))
        }
    }

    @Test("A refusal for the origin is logged with the Origin, the Host and the public origin, once in a while, not per request")
    func originRefusalLogged() async throws {
        let site = try await TestSite()
        let collected = LogCollector()
        var logger = Logger(label: "test") { _ in collected }
        logger.logLevel = .info
        let secrets = Mutex<[String]>([])
        try await site.test(logger: logger) { browser async throws in
            try await browser.signIn(site.reader.email)
            secrets.withLock { $0 = Array(browser.cookies.values) }
            for _ in 0..<3 {
                let response = try await browser.post(
                    "/p/\(site.post.slug)/comments", form: ["body": "From elsewhere"],
                    headers: Self.fields(["Origin": "https://evil.example"]))
                #expect(response.status == .forbidden)
            }
        }
        let lines = collected.text.split(separator: "\n").filter { $0.contains("another origin") }
        #expect(lines.count == 1, "\(collected.text)")
        let line = String(lines.first ?? "")
        #expect(line.hasPrefix("warning"))
        #expect(line.contains("https://evil.example") && line.contains("Host localhost") && line.contains("http://127.0.0.1:8080"))
        // No cookie and no token: the log is read by more people than the site's secrets are.
        let cookies = secrets.withLock { $0 }
        #expect(cookies.count >= 2 && cookies.allSatisfy { !collected.text.contains($0) })
    }

    @Test("A log line let through waits out its period before the next")
    func logThrottle() {
        let throttle = LogThrottle(every: 60)
        let start = ContinuousClock.now
        #expect(throttle.mayLog(now: start))
        #expect(!throttle.mayLog(now: start.advanced(by: .seconds(59))))
        #expect(throttle.mayLog(now: start.advanced(by: .seconds(61))))
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
