import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import Web

@Suite("Every answer is a page of the site with the security headers, errors included")
struct FrontDoorTests {
    @Test("An unknown address is a not-found page of the site with the security headers")
    func unknownPath() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            let page = try await browser.get("/no/such/place")
            #expect(page.status == .notFound)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.text.contains("<h1>Not found</h1>"))
            #expect(page.text.contains("There is nothing at this address."))
            #expect(page.text.contains("Field Notes"), "the publication's chrome")
            expectSecurityHeaders(page)
        }
    }

    @Test("An unknown file under /static is a not-found page too")
    func unknownAsset() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            let page = try await browser.get("/static/nothing.css")
            #expect(page.status == .notFound)
            #expect(page.text.contains("<h1>Not found</h1>"))
            expectSecurityHeaders(page)
        }
    }

    @Test("A JSON request for an unknown address gets problem details")
    func unknownPathAsJSON() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            let reply = try await browser.get("/no/such/place", json: true)
            #expect(reply.status == .notFound)
            #expect(reply.headers[.contentType] == "application/problem+json")
            let problem = try #require(try JSONSerialization.jsonObject(with: Data(reply.text.utf8)) as? [String: Any])
            #expect(problem["status"] as? Int == 404)
            #expect(problem["title"] as? String == "Not found")
            expectSecurityHeaders(reply)
        }
    }

    @Test("A body over the limit is refused with 413 and the security headers")
    func oversizeBody() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            let big = Array("email=".utf8) + Array(repeating: UInt8(ascii: "a"), count: Limits.requestBody + 1)
            let reply = try await browser.postRaw("/subscribe", bytes: big)
            #expect(reply.status == .contentTooLarge)
            expectSecurityHeaders(reply)
            #expect(try await site.store.subscriberCount(status: .pending) == 0)
        }
    }

    @Test("Two Host headers are refused with 400 and the security headers")
    func twoHosts() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            // The test client sends the first Host as the authority; this one is the second.
            let reply = try await browser.client.execute(
                uri: "/", method: .get, headers: [HTTPField.Name("Host")!: "evil.example"], body: nil
            ) { $0 }
            #expect(reply.status == .badRequest)
            expectSecurityHeaders(reply)
            #expect(try await browser.get("/").status == .ok, "one Host is fine")
        }
    }

    @Test("A handler's error is a plain error page that shows none of its details")
    func handlerError() async throws {
        let site = try await TestSite()
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: FrontDoorMiddleware(actions: site.actions))
        router.get("/fails") { _, _ -> String in throw Breakdown(detail: "password=hunter2 at /var/lib/parley") }
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        try await Application(router: router, logger: logger).test(.router) { client in
            let page = try await client.execute(uri: "/fails", method: .get) { $0 }
            #expect(page.status == .internalServerError)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.text.contains("<h1>Something went wrong</h1>"))
            // The database may be what failed: a 5xx page does not wait on it.
            #expect(page.text.contains(Publication.placeholder.name) && !page.text.contains("Field Notes"), "the placeholder chrome")
            #expect(!page.text.contains("hunter2") && !page.text.contains("Breakdown"))
            expectSecurityHeaders(page)
            let problem = try await client.execute(uri: "/fails", method: .get, headers: [.accept: "application/json"]) { $0 }
            #expect(problem.status == .internalServerError)
            #expect(problem.headers[.contentType] == "application/problem+json")
            #expect(!problem.text.contains("hunter2"))
            expectSecurityHeaders(problem)
        }
    }

    @Test("A server error's own headers, like a 503's Retry-After, stay on its page; a 404 page names the site")
    func errorHeadersKept() async throws {
        let site = try await TestSite()
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: FrontDoorMiddleware(actions: site.actions))
        router.get("/busy") { _, _ -> String in throw HTTPError(.serviceUnavailable, headers: [.retryAfter: "30"]) }
        try await Application(router: router).test(.router) { client in
            for json in [false, true] {
                let headers: HTTPFields = json ? [.accept: "application/json"] : [:]
                let page = try await client.execute(uri: "/busy", method: .get, headers: headers) { $0 }
                #expect(page.status == .serviceUnavailable)
                #expect(page.headers[.retryAfter] == "30")
                #expect(page.headers[values: .contentType].count == 1)
                expectSecurityHeaders(page)
            }
            #expect(try await client.execute(uri: "/nowhere", method: .get) { $0 }.text.contains("Field Notes"))
        }
    }
}

/// An error whose text must never reach a reader.
private struct Breakdown: Error {
    let detail: String
}

func expectSecurityHeaders(_ response: TestResponse, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true, sourceLocation: sourceLocation)
    #expect(response.headers[.xContentTypeOptions] == "nosniff", sourceLocation: sourceLocation)
    #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", sourceLocation: sourceLocation)
    #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin", sourceLocation: sourceLocation)
}
