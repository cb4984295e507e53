import Domain
import Foundation
import Storage
import Testing
import UseCases

@testable import Importers

@Suite("Comment import: guests who sign in")
struct GuestSignInTests {
    @Test(
        "Given an imported author who is a guest, when they sign in by email link with that address, then the guest becomes their account",
        arguments: SinkEngine.allCases)
    func guestBecomesAccount(engine: SinkEngine) async throws {
        try await withImportSite(engine) { site async throws in
            // Given Bob's comment imported with his address: he is a guest, mailed nothing
            try await site.run([
                Make.thread("t1", "https://blog.example/a"),
                Make.comment("c1", by: ImportedAuthor(name: "Bob", email: "bob@example.org")),
            ])
            let guest = try #require(try await site.store.member(email: "bob@example.org"))
            #expect(guest.kind == .guest)
            #expect(!guest.notifyReplies)
            // When Bob asks for a sign-in link and uses it
            let links = LinkLog()
            var mail = MailSettings.local()
            mail.logSignInLink = { _, link in links.add(link) }
            let actions = Actions(store: site.store, mail: mail)
            try await actions.requestSignInLink(email: "bob@example.org", returnPath: "/")
            let link = try #require(links.all.first)
            let token = try #require(URLComponents(string: link)?.queryItems?.first { $0.name == "token" }?.value)
            let (session, _) = try await actions.signIn(linkToken: token, displayName: nil)
            // Then he is signed in as the same member, now an account with his comment
            #expect(session.member.id == guest.id)
            #expect(session.member.kind == .account)
            #expect(session.member.displayName == "Bob")
            let member = try #require(try await site.store.member(id: guest.id))
            #expect(member.kind == .account)
            #expect(member.notifyReplies && member.notifyMentions)
            let comments = try await site.comments(of: try await site.discussion("https://blog.example/a"))
            #expect(comments.first?.authorID == guest.id)
            // And a second import does not make another guest of him
            try await site.run([
                Make.thread("t1", "https://blog.example/a"),
                Make.comment("c2", by: ImportedAuthor(name: "Bob", email: "bob@example.org")),
            ])
            #expect(
                try await site.comments(of: try await site.discussion("https://blog.example/a")).map(\.authorID) == [guest.id, guest.id])
        }
    }
}

/// The sign-in links the site would have mailed.
final class LinkLog: @unchecked Sendable {
    private let lock = NSLock()
    private var links: [String] = []

    func add(_ link: String) { lock.withLock { links.append(link) } }
    var all: [String] { lock.withLock { links } }
}
