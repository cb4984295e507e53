import Domain
import Foundation
import Testing
import UseCases

/// The security probe's finding: a name with a right-to-left override ("Eve\u{202E}gnp.exe")
/// shows reversed text next to other people's words. Every way a name is set drops them.
@Suite("Names lose bidirectional controls")
struct DisplayNameBidiTests {
    @Test("Given a member, when they save a name with an override and isolates in settings, then it is stored and shown without them")
    func settings() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let saved = try await browser.post("/settings/profile", form: ["name": "\u{2067}Rita\u{202E}gnp.exe\u{2069}", "bio": ""])
            #expect(saved.status == .seeOther)
            #expect(try await site.store.member(id: site.reader.id)?.displayName == "Ritagnp.exe")
            let page = try await browser.get("/members/\(site.reader.id)").text
            #expect(page.contains("Ritagnp.exe") && !page.contains("\u{202E}"))
        }
    }

    @Test("Given a stranger's sign-in link, when the name they give has an override, then the new member's name is without it")
    func signUpByLink() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.post("/sign-in", form: ["email": "eve@example.com", "next": "/"])
            let mail = try #require(try await site.mail(to: "eve@example.com").first)
            let path = try #require(link(in: mail.text, after: "/sign-in/link?token="))
            let token = String(path.dropFirst("/sign-in/link?token=".count))
            let used = try await browser.post("/sign-in/link", form: ["token": token, "name": "Eve\u{202E}gnp.exe"])
            #expect(used.status == .seeOther)
            #expect(try await site.store.member(email: "eve@example.com")?.displayName == "Evegnp.exe")
        }
    }

    @Test(
        "Given a name of nothing but bidirectional controls, when saved in settings, then it is refused as required and the old name kept")
    func onlyControlsRefused() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let refused = try await browser.post("/settings/profile", form: ["name": "\u{202E}\u{2066}", "bio": ""])
            #expect(refused.status == .unprocessableContent)
            #expect(try await site.store.member(id: site.reader.id)?.displayName == "Rita Reader")
        }
    }
}
