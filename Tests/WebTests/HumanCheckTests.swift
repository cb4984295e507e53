import App
import Domain
import Foundation
import Testing
import UseCases

/// The honeypot and the fill time of the forms anyone can send (subscribe, sign-in).
@Suite("Honeypot and fill time")
struct HumanCheckTests {
    /// A minimum far above the time a test takes on a busy machine, so "too fast" is always
    /// too fast; forms "shown" earlier than it carry a start signed for that time.
    static var configuration: ParleyConfiguration {
        var configuration = TestSite.configuration()
        configuration.formMinimumSeconds = 30
        return configuration
    }

    /// The signed start field of a form shown `secondsAgo` seconds ago.
    static func started(_ site: TestSite, secondsAgo: TimeInterval) async throws -> String {
        try await site.actions.formTokens().formStart(at: Date().addingTimeInterval(-secondsAgo))
    }

    @Test("The subscribe and sign-in forms carry a honeypot hidden from people and screen readers, and a signed start")
    func formsCarryTheFields() async throws {
        let site = try await TestSite()
        try await site.test(configuration: Self.configuration) { browser in
            for path in ["/subscribe", "/sign-in", "/"] {
                let page = try await browser.get(path).text
                #expect(page.contains("<div class=\"hp-field\" aria-hidden=\"true\">"), "\(path)")
                #expect(page.contains("name=\"website\" value=\"\" tabindex=\"-1\" autocomplete=\"off\""), "\(path)")
                #expect(page.contains("name=\"_started\" value=\""), "\(path)")
            }
        }
    }

    @Test("A subscription sent the moment the form was shown, or without its start, is refused with a neutral message")
    func tooFastIsRefused() async throws {
        let site = try await TestSite()
        let fresh = try await Self.started(site, secondsAgo: 0)
        try await site.test(configuration: Self.configuration) { browser in
            let tooFast = try await browser.post("/subscribe", form: ["email": "bot@example.com", "_started": fresh])
            #expect(tooFast.status == .badRequest)
            #expect(tooFast.text.contains("This form could not be accepted. Please wait a few seconds and send it again."))
            // Shown again, with a new start, so the person can simply send it again.
            #expect(tooFast.text.contains("name=\"_started\""))
            let missing = try await browser.post("/subscribe", form: ["email": "bot@example.com"], json: true)
            #expect(missing.status == .badRequest)
            #expect(missing.headers[.contentType] == "application/problem+json")
            let forged = try await browser.post("/subscribe", form: ["email": "bot@example.com", "_started": "1000.forged"], json: true)
            #expect(forged.status == .badRequest)
        }
        #expect(try await site.store.subscriber(email: "bot@example.com") == nil)
    }

    @Test("A filled honeypot is refused even after a human's fill time; the same form left empty is taken")
    func honeypotIsRefused() async throws {
        let site = try await TestSite()
        let started = try await Self.started(site, secondsAgo: 40)
        try await site.test(configuration: Self.configuration) { browser in
            let trapped = try await browser.post(
                "/subscribe", form: ["email": "bot@example.com", "_started": started, "website": "http://spam.example"])
            #expect(trapped.status == .badRequest)
            #expect(trapped.text.contains("This form could not be accepted."))
            let person = try await browser.post("/subscribe", form: ["email": "person@example.com", "_started": started, "website": ""])
            #expect(person.status == .ok)
        }
        #expect(try await site.store.subscriber(email: "bot@example.com") == nil)
        #expect(try await site.store.subscriber(email: "person@example.com") != nil)
    }

    @Test("Both sign-in forms refuse a script: too fast, or the honeypot filled; a person's sign-in is taken")
    func signInForms() async throws {
        let site = try await TestSite()
        let fresh = try await Self.started(site, secondsAgo: 1)
        let old = try await Self.started(site, secondsAgo: 40)
        let stale = try await Self.started(site, secondsAgo: 2 * 86_400)
        try await site.test(configuration: Self.configuration) { browser in
            let form = ["email": site.reader.email, "password": TestSite.password, "next": "/"]
            let tooFast = try await browser.post("/sign-in", form: form.merging(["_started": fresh]) { $1 })
            #expect(tooFast.status == .badRequest)
            let tooOld = try await browser.post("/sign-in", form: form.merging(["_started": stale]) { $1 })
            #expect(tooOld.status == .badRequest)
            let link = try await browser.post("/sign-in", form: ["email": "new@example.com", "next": "/", "_started": old, "website": "x"])
            #expect(link.status == .badRequest)
            let person = try await browser.post("/sign-in", form: form.merging(["_started": old]) { $1 })
            #expect(person.status == .seeOther)
        }
    }
}
