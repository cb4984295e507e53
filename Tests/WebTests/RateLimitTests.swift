import App
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Storage
import Testing
import UseCases
import Web

@testable import StoragePostgres

/// Rate limits over HTTP: counted in the database, per client address and per member, with
/// 429 and `Retry-After` past a limit.
@Suite("Rate limits")
struct RateLimitTests {
    /// Runs `body` against the application listening on a real socket of 127.0.0.1, so the
    /// peer address is real; the proxy at 127.0.0.1 is trusted when `trustLoopback` says so.
    static func live(
        _ site: TestSite, trustLoopback: Bool, _ body: @escaping @Sendable (Browser) async throws -> Void
    ) async throws {
        var configuration = TestSite.configuration()
        if trustLoopback { configuration.trustedProxies = try IPRange.list("127.0.0.1/32, ::1") }
        var logger = Logger(label: "parley.rate-limit-tests")
        logger.logLevel = .error
        let app = buildApplication(actions: site.actions, configuration: configuration, logger: logger)
        try await app.test(.live) { client in try await body(Browser(client: client)) }
    }

    static func from(_ address: String) -> HTTPFields { [HTTPField.Name("X-Forwarded-For")!: address] }

    @Test("A flood of subscriptions from one address is refused with 429 and Retry-After, while another address is still served")
    func floodFromOneAddress() async throws {
        let site = try await TestSite()
        let perAddress = try #require(RateLimits.standard[.subscribe].perAddress.first)
        try await Self.live(site, trustLoopback: true) { browser in
            for index in 0..<perAddress.count {
                let answer = try await browser.post(
                    "/subscribe", form: ["email": "flood\(index)@example.com"], json: true, headers: Self.from("198.51.100.7"))
                #expect(answer.status == .ok)
            }
            let refused = try await browser.post(
                "/subscribe", form: ["email": "one-more@example.com"], json: true, headers: Self.from("198.51.100.7"))
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.contentType] == "application/problem+json")
            let wait = try #require(refused.headers[.retryAfter].flatMap { Int($0) })
            #expect(wait > 0 && wait <= perAddress.seconds)
            #expect(refused.text.contains("Too many attempts"))

            // A browser gets the form again, with the reason, and the same status and header.
            let page = try await browser.post("/subscribe", form: ["email": "page@example.com"], headers: Self.from("198.51.100.7"))
            #expect(page.status == .tooManyRequests)
            #expect(page.headers[.retryAfter] != nil)
            #expect(page.text.contains("Too many attempts in a short time. Please wait"))
            #expect(page.text.contains("value=\"page@example.com\""))

            let other = try await browser.post(
                "/subscribe", form: ["email": "neighbour@example.com"], json: true, headers: Self.from("198.51.100.8"))
            #expect(other.status == .ok)
        }
        #expect(try await site.store.subscriber(email: "one-more@example.com") == nil)
    }

    @Test("X-Forwarded-For from a peer that is not a trusted proxy is ignored: the peer's own address is counted")
    func forwardedForFromUntrustedPeer() async throws {
        let site = try await TestSite()
        let perAddress = try #require(RateLimits.standard[.subscribe].perAddress.first)
        try await Self.live(site, trustLoopback: false) { browser in
            var statuses: [HTTPResponse.Status] = []
            for index in 0...perAddress.count {
                // A made-up address on every request: were it believed, none would be limited.
                let answer = try await browser.post(
                    "/subscribe", form: ["email": "spoof\(index)@example.com"], json: true, headers: Self.from("203.0.113.\(index)"))
                statuses.append(answer.status)
            }
            #expect(statuses.prefix(perAddress.count).allSatisfy { $0 == .ok })
            #expect(statuses.last == .tooManyRequests)
        }
    }

    @Test("A trusted proxy's X-Forwarded-For is believed from the right: an address the client wrote to the left does not count")
    func forwardedForFromTrustedPeer() async throws {
        let site = try await TestSite()
        let perAddress = try #require(RateLimits.standard[.signInLink].perAddress.first)
        try await Self.live(site, trustLoopback: true) { browser in
            for index in 0..<perAddress.count {
                // The client claims a new address each time (left); the proxy appends the real one.
                let answer = try await browser.post(
                    "/sign-in", form: ["email": "link\(index)@example.com", "next": "/"], json: true,
                    headers: Self.from("10.9.\(index).1, 198.51.100.20"))
                #expect(answer.status == .ok)
            }
            let refused = try await browser.post(
                "/sign-in", form: ["email": "last@example.com", "next": "/"], json: true, headers: Self.from("10.9.99.1, 198.51.100.20"))
            #expect(refused.status == .tooManyRequests)
            let other = try await browser.post(
                "/sign-in", form: ["email": "last@example.com", "next": "/"], json: true, headers: Self.from("198.51.100.21"))
            #expect(other.status == .ok)
        }
    }

    @Test("A new member posting comments as fast as a script can is stopped at the limit with 429; another member still posts")
    func commentsPerMember() async throws {
        let site = try await TestSite()
        let rules = RateLimits.standard[.comment]
        let limit = try #require(rules.perNewMember.map(\.count).min())
        let other = try await site.member("Omar")
        try await site.test { browser in
            try await browser.signIn(site.reader.email)
            var statuses: [HTTPResponse.Status] = []
            for index in 0..<(limit + 3) {
                let answer = try await browser.post("/p/\(site.post.slug)/comments", form: ["body": "Comment \(index)"], json: true)
                statuses.append(answer.status)
                if answer.status == .tooManyRequests { #expect(answer.headers[.retryAfter] != nil) }
            }
            #expect(statuses.filter { $0 == .created }.count == limit)
            #expect(statuses.suffix(3).allSatisfy { $0 == .tooManyRequests })

            let second = Browser(client: browser.client)
            try await second.signIn(other.email)
            let answer = try await second.post("/p/\(site.post.slug)/comments", form: ["body": "Mine"], json: true)
            #expect(answer.status == .created)
        }
        #expect(try await site.fresh(site.post).commentCount == limit + 1)
    }

    @Test("Like toggles faster than a person clicks are refused past the limit, with the like left as the last accepted toggle")
    func likeToggles() async throws {
        let site = try await TestSite()
        let comment = try await site.comment("Like me", by: site.owner)
        let limit = try #require(RateLimits.standard[.like].perNewMember.map(\.count).min())
        try await site.test { browser in
            try await browser.signIn(site.reader.email)
            var accepted = 0
            for _ in 0..<(limit + 5) {
                let answer = try await browser.post("/p/\(site.post.slug)/comment/\(comment.id)/like", json: true)
                if answer.status == .ok { accepted += 1 } else { #expect(answer.status == .tooManyRequests) }
            }
            #expect(accepted == limit)
        }
        // An even number of toggles leaves no like; the refused ones changed nothing.
        #expect(try await site.store.comment(id: comment.id)?.likeCount == limit % 2)
    }

    @Test("An account over its sign-in limit stays refused after a flood of made-up emails, from its address or from a thousand others")
    func madeUpEmailsCannotResetAnAccount() async throws {
        let site = try await TestSite()
        let clock = TestClock()
        let limiter = RequestLimiter(store: site.store, limits: .standard, clock: { clock.now })
        let rules = RateLimits.standard[.signIn]
        let perAccount = try #require(rules.perAccount.first)
        let victim = "reader@example.com"
        for _ in 0..<perAccount.count { try await limiter.check(.signIn, address: "192.0.2.1", account: victim) }
        await #expect(throws: (any Error).self) { try await limiter.check(.signIn, address: "192.0.2.2", account: victim) }

        // From the attacker's address: stopped at the address, so no made-up account is counted.
        var refusedAtAddress = 0
        for index in 0..<200 {
            do { try await limiter.check(.signIn, address: "192.0.2.1", account: "made-up-\(index)@example.com") } catch {
                refusedAtAddress += 1
            }
        }
        #expect(refusedAtAddress >= 200 - (rules.perAddress.first?.count ?? 0))
        // From a thousand addresses, a thousand accounts: sweeps run, and the victim's count stays.
        for index in 0..<1_000 {
            clock.advance(0.01)
            try? await limiter.check(.signIn, address: "10.1.\(index / 250).\(index % 250)", account: "other-\(index)@example.com")
        }
        // Asked through another instance (which remembers no refusal of its own), the database says no.
        let another = RequestLimiter(store: site.store, limits: .standard, clock: { clock.now })
        await #expect(throws: (any Error).self) { try await another.check(.signIn, address: "192.0.2.3", account: victim) }
        await #expect(throws: (any Error).self) { try await limiter.check(.signIn, address: "192.0.2.3", account: victim) }
        // Once the window is over, the account may try again.
        clock.advance(TimeInterval(perAccount.seconds))
        try await limiter.check(.signIn, address: "192.0.2.4", account: victim)
    }

    @Test("Two instances on one PostgreSQL share a limit: hits on either count for both")
    func twoInstancesShareALimit() async throws {
        guard let url = TestEngine.postgresURL else { return }
        let schema = "w_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        var logger = Logger(label: "parley.rate-limit-tests")
        logger.logLevel = .error
        var stores: [PostgresStore] = []
        var running: [RunningClient] = []
        for _ in 0..<2 {
            var configuration = try PostgresStore.configuration(url: url)
            configuration.options.additionalStartupParameters.append(("search_path", schema))
            configuration.options.maximumConnections = 3
            let store = PostgresStore(configuration: configuration, logger: logger)
            running.append(RunningClient(Task { try await store.run() }))
            stores.append(store)
        }
        try await stores[0].executeRaw("CREATE SCHEMA \(schema)")
        try await stores[0].migrate()
        let apps = stores.map { store in
            buildApplication(
                actions: Actions(store: store, passwords: PasswordHasher(cost: 4), mail: .local()),
                configuration: TestSite.configuration(), logger: logger)
        }
        let perAddress = try #require(RateLimits.standard[.subscribe].perAddress.first)
        try await apps[0].test(.router) { one in
            try await apps[1].test(.router) { two in
                let browsers = [Browser(client: one), Browser(client: two)]
                for index in 0..<perAddress.count {
                    let answer = try await browsers[index % 2].post("/subscribe", form: ["email": "both\(index)@example.com"], json: true)
                    #expect(answer.status == .ok)
                }
                for browser in browsers {
                    let refused = try await browser.post("/subscribe", form: ["email": "third@example.com"], json: true)
                    #expect(refused.status == .tooManyRequests)
                }
            }
        }
        _ = running
    }
}

/// A clock a test moves by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date()
    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}
