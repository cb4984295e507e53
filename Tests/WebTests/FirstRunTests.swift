import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Storage
import Testing
import UseCases

@testable import App
@testable import Web

/// A site with no owner yet: no posts, no members.
struct EmptySite {
    let store: any SiteStore
    let running: RunningClient?
    let actions: Actions

    init() async throws {
        (store, running) = try await TestEngine.openStore()
        actions = Actions(store: store, passwords: PasswordHasher(cost: 4))
    }

    func test(_ body: @escaping @Sendable (Browser) async throws -> Void) async throws {
        let app = buildApplication(actions: actions, configuration: TestSite.configuration(), logger: Logger(label: "test"))
        try await app.test(.router) { client in try await body(Browser(client: client)) }
    }
}

@Suite("First run: the home page of a site without an owner invites its operator to set it up")
struct FirstRunTests {
    static func setupForm(_ token: String?, email: String = "writer@example.com") -> [String: String] {
        var form = ["publication": "The Kitchen Table", "name": "Wren Writer", "email": email, "password": "a long password"]
        if let token { form["setup"] = token }
        return form
    }

    @Test("With the setup link the home page (No posts and all) shows the form; it makes the owner, names the publication and signs in")
    func setUpWithTheLink() async throws {
        // Given a site without an owner
        let site = try await EmptySite()
        let token = try await site.actions.setupToken()
        try await site.test { browser async throws in
            // When a visitor without the link opens the home page, there is no form
            let plain = try await browser.get("/")
            #expect(plain.status == .ok && plain.text.contains("No posts"))
            #expect(!plain.text.contains("action=\"/setup\""))
            // And a wrong link shows none either
            #expect(!(try await browser.get("/?setup=wrong").text.contains("action=\"/setup\"")))
            // When the link's holder opens it
            let invited = try await browser.get("/?setup=\(token)")
            #expect(invited.text.contains("No posts"))
            #expect(invited.text.contains("action=\"/setup\"") && invited.text.contains("value=\"\(token)\""))
            // And sends the form
            let done = try await browser.post("/setup", form: Self.setupForm(token))
            // Then the owner exists, is signed in, and lands on the publication settings
            #expect(done.status == .seeOther)
            #expect(done.location == "/dashboard/settings?welcome=1")
            let owner = try #require(try await site.store.member(email: "writer@example.com"))
            #expect(owner.role == .owner && owner.displayName == "Wren Writer")
            #expect(try await site.store.publication().name == "The Kitchen Table")
            let settings = try await browser.get("/dashboard/settings?welcome=1")
            #expect(settings.status == .ok && settings.text.contains("Welcome!"))
            // And the password works for the next sign-in
            _ = try await site.actions.signIn(email: "writer@example.com", password: "a long password")
            // And the form is gone from the home page, even with the link
            #expect(!(try await browser.get("/?setup=\(token)").text.contains("action=\"/setup\"")))
        }
        // And the link was spent with the setup: were the site ever without an owner, it would be a new one
        #expect(try await site.actions.setupToken() != token)
    }

    @Test("Behind a public address (a proxy on this machine), a loopback visitor is not enough: only the link sets the site up")
    func publicSiteNeedsTheLink() async throws {
        // Given a site whose public address is not this machine, and a plain proxy that passes
        // a loopback Host and no proxy header
        // The running client (PostgreSQL) is held for the whole test: dropped, it stops.
        let (store, running) = try await TestEngine.openStore()
        defer { withExtendedLifetime(running) {} }
        let actions = Actions(store: store, passwords: PasswordHasher(cost: 4), mail: .local(baseURL: "https://news.example.com"))
        #expect(!LoopbackVisitor.isLocalSite(publicURL: "https://news.example.com"))
        #expect(
            LoopbackVisitor.isLocalSite(publicURL: "http://127.0.0.1:8080") && LoopbackVisitor.isLocalSite(publicURL: "http://[::1]:8080"))
        try await LiveServer.run(actions: actions, limits: ConnectionLimits()) { port in
            let connection = try RawConnection(port: port)
            try connection.send("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
            let page = await connection.readUntilClosed(within: 30).text
            // Then the home page shows no setup form
            #expect(page.contains("No posts") && !page.contains("action=\"/setup\""))
        }
    }

    @Test("Once there is an owner, or without a pass, the setup is refused and changes nothing")
    func refused() async throws {
        let site = try await EmptySite()
        let token = try await site.actions.setupToken()
        try await site.test { browser async throws in
            // Without the link (and not on the server's machine): 403
            let none = try await browser.post("/setup", form: Self.setupForm(nil))
            #expect(none.status == .forbidden)
            #expect(none.text.contains("setup link printed in the server"))
            // Its first character changed: replaced by "x" alone, one token in 64 would stay right.
            let changed = token.first == "x" ? "y" : "x"
            let wrong = try await browser.post("/setup", form: Self.setupForm(changed + token.dropFirst()))
            #expect(wrong.status == .forbidden)
            #expect(try await site.actions.needsOwner())
            // A refused field is shown next to it, with what was typed kept
            var bad = Self.setupForm(token)
            bad["email"] = "not-an-address"
            let refused = try await browser.post("/setup", form: bad)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("id=\"setup-email-error\"") && refused.text.contains("The Kitchen Table"))
            #expect(refused.text.contains("value=\"\(token)\""))
            #expect(try await site.actions.needsOwner())
            // The first setup works; a second, even with the link, is refused
            #expect(try await browser.post("/setup", form: Self.setupForm(token)).status == .seeOther)
        }
        try await site.test { browser async throws in
            let again = try await browser.post("/setup", form: Self.setupForm(token, email: "intruder@example.com"))
            #expect(again.status == .conflict)
            #expect(again.text.contains("already has an owner"))
            #expect(try await site.store.member(email: "intruder@example.com") == nil)
            #expect(try await site.store.memberList(search: nil, roles: [.owner], after: nil, limit: 10).count == 1)
        }
    }

    @Test("Requests racing to set up the site make exactly one owner")
    func race() async throws {
        // Given a site without an owner and eight setups sent at once
        let site = try await EmptySite()
        let token = try await site.actions.setupToken()
        let actions = site.actions
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for n in 0..<8 {
                group.addTask {
                    let input = FirstRunInput(email: "w\(n)@example.com", displayName: "Writer \(n)", publicationName: "Pub \(n)")
                    return (try? await actions.setUpSite(input, pass: .link(token: token))) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        // Then one succeeded and the site has one owner
        #expect(outcomes.filter { $0 }.count == 1)
        #expect(try await site.store.memberList(search: nil, roles: [.owner], after: nil, limit: 10).count == 1)
    }

    @Test("The store inserts a first owner only while there is none, also past a member who is not one")
    func storeRule() async throws {
        let site = try await EmptySite()
        _ = try await site.actions.addMember(AddMemberInput(email: "reader@example.com", displayName: "Rita Reader"))
        #expect(try await site.store.hasOwner() == false)
        let first = try await site.store.insertFirstOwner(
            NewMember(email: "a@example.com", displayName: "A", role: .owner, passwordHash: nil, createdAt: Date()),
            spendingSecret: "first-run-setup")
        #expect(first?.role == .owner)
        #expect(try await site.store.hasOwner())
        let second = try await site.store.insertFirstOwner(
            NewMember(email: "b@example.com", displayName: "B", role: .owner, passwordHash: nil, createdAt: Date()),
            spendingSecret: "first-run-setup")
        #expect(second == nil)
        #expect(try await site.store.member(email: "b@example.com") == nil)
    }

    @Test("Only a direct visitor on loopback counts: not one behind a proxy header, not one naming another host")
    func loopbackRule() async throws {
        func request(host: String, headers extra: HTTPFields = [:]) -> Request {
            let head = HTTPRequest(method: .get, scheme: "http", authority: host, path: "/", headerFields: extra)
            return Request(head: head, body: .init(buffer: ByteBuffer()))
        }
        #expect(LoopbackVisitor.check(request(host: "127.0.0.1:8080"), peer: "127.0.0.1"))
        #expect(LoopbackVisitor.check(request(host: "localhost:8080"), peer: "::1"))
        #expect(LoopbackVisitor.check(request(host: "[::1]:8080"), peer: "::ffff:127.0.0.1"))
        #expect(!LoopbackVisitor.check(request(host: "127.0.0.1:8080"), peer: "192.0.2.7"))
        #expect(!LoopbackVisitor.check(request(host: "127.0.0.1:8080"), peer: nil))
        #expect(!LoopbackVisitor.check(request(host: "news.example.com"), peer: "127.0.0.1"))
        #expect(!LoopbackVisitor.check(request(host: "127.evil.example"), peer: "127.0.0.1"))
        for header in ["X-Forwarded-For", "Forwarded", "X-Real-IP", "X-Forwarded-Host"] {
            let proxied = request(host: "127.0.0.1:8080", headers: [HTTPField.Name(header)!: "203.0.113.9"])
            #expect(!LoopbackVisitor.check(proxied, peer: "127.0.0.1"), "\(header)")
        }
    }

    @Test("A browser on the server's machine sees the form without the link, over a real socket")
    func loopbackOverSocket() async throws {
        let site = try await EmptySite()
        try await LiveServer.run(actions: site.actions, limits: ConnectionLimits()) { port in
            func get(host: String, extra: String = "") async throws -> String {
                let connection = try RawConnection(port: port)
                try connection.send("GET / HTTP/1.1\r\nHost: \(host)\r\n\(extra)Connection: close\r\n\r\n")
                return await connection.readUntilClosed(within: 30).text
            }
            let direct = try await get(host: "127.0.0.1:\(port)")
            #expect(direct.contains("action=\"/setup\""))
            let proxied = try await get(host: "127.0.0.1:\(port)", extra: "X-Forwarded-For: 203.0.113.9\r\n")
            #expect(!proxied.contains("action=\"/setup\"") && proxied.contains("No posts"))
            let rebound = try await get(host: "attacker.example:\(port)")
            #expect(!rebound.contains("action=\"/setup\"") && rebound.contains("No posts"))
        }
    }
}

@Suite("The first-run notice in the log")
struct FirstRunNoticeTests {
    @Test("It names a local address a browser on this machine can open, and the setup link, as the server listens")
    func wording() async throws {
        let site = try await EmptySite()
        let token = try await site.actions.setupToken()
        func message(host: String, publicURL: String? = nil) async throws -> String {
            var configuration = TestSite.configuration(host: host, port: 8080)
            configuration.publicURL = publicURL
            let actions = Actions(
                store: site.store, passwords: site.actions.passwords, mail: MailSettings.local(baseURL: configuration.resolvedPublicURL))
            return try await FirstRunNotice.message(actions: actions, configuration: configuration)
        }
        let local = try await message(host: "127.0.0.1")
        #expect(local.contains("Open http://127.0.0.1:8080/ in a browser on this machine"))
        #expect(local.hasSuffix("one-time setup link: http://127.0.0.1:8080/?setup=\(token)"))
        let everywhere = try await message(host: "0.0.0.0")
        #expect(everywhere.contains("Open http://127.0.0.1:8080/ in a browser"))
        #expect(everywhere.contains("in place of 0.0.0.0): http://0.0.0.0:8080/?setup=\(token)"))
        let proxied = try await message(host: "0.0.0.0", publicURL: "https://news.example.com")
        #expect(proxied.hasSuffix("one-time setup link: https://news.example.com/?setup=\(token)"))
        let bound = try await message(host: "192.0.2.10")
        #expect(!bound.contains("on this machine") && bound.hasSuffix("http://192.0.2.10:8080/?setup=\(token)"))
        // Once the site has an owner, the log says nothing of it.
        _ = try await site.actions.setUpSite(
            FirstRunInput(email: "w@example.com", displayName: "W", publicationName: "P"), pass: .link(token: token))
        #expect(try await site.actions.needsOwner() == false)
    }
}
