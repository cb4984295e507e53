import Domain
import Foundation
import Storage
import StorageSQLite
import Testing
import UseCases

@testable import Demo

@Suite("Demo site")
struct DemoSiteTests {
    @Test("The content files load: five posts oldest first, each with its discussion, and the accounts the docs name")
    func contentLoads() throws {
        // Given the compiled-in content files
        // When they are read
        let content = try DemoContent.load()
        // Then the posts come in publication order with their discussions
        #expect(content.publication.name == "Kitchen Table Software")
        #expect(
            content.posts.map(\.slug) == [
                "hello-from-the-kitchen-table", "things-that-stayed-small-on-purpose",
                "the-bakerys-order-board", "software-for-one", "backups-nobody-has-to-remember",
            ])
        #expect(content.posts.map(\.daysAgo) == content.posts.map(\.daysAgo).sorted(by: >))
        #expect(content.posts.allSatisfy { !$0.title.isEmpty && !$0.body.isEmpty && !$0.body.hasSuffix("\n") })
        // And the writer and the reader are the accounts with the demo password
        let cast = content.cast
        #expect(cast.people.count == 18)
        #expect(cast.people[cast.writer].email == DemoSite.writerEmail && cast.people[cast.writer].hasPassword)
        #expect(cast.people[cast.reader].email == DemoSite.readerEmail && cast.people[cast.reader].hasPassword)
        #expect(cast.people.filter(\.hasPassword).count == 2)
    }

    @Test("A post file without front matter, or with a bad number, is refused naming the problem")
    func badPostFile() {
        #expect(throws: DemoContentError.self) { try DemoPost(markdownFile: "Just a body.\n") }
        #expect(throws: DemoContentError.self) {
            try DemoPost(markdownFile: "---\nslug: a\ntitle: A\nsubtitle: B\ndays-ago: soon\n---\nBody\n")
        }
        let post = try? DemoPost(markdownFile: "---\nslug: a\ntitle: A: the sequel\nsubtitle: B\ndays-ago: 2.5\n---\nBody\n\n---\n\nMore\n")
        #expect(post?.title == "A: the sequel" && post?.daysAgo == 2.5 && post?.body == "Body\n\n---\n\nMore")
    }

    @Test("Seeding an empty site writes the whole demo once, and the demo accounts sign in with the demo password")
    func seedsOnce() async throws {
        // Given an empty site on a real SQLite file
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("parley.sqlite").path)
        let passwords = PasswordHasher(cost: 4)
        // When the demo is seeded, twice
        #expect(try await DemoSite.seedIfEmpty(store: store, passwords: passwords, now: Date()))
        #expect(try await DemoSite.seedIfEmpty(store: store, passwords: passwords, now: Date()) == false)
        // Then it holds the demo's members, posts, comments and likes, once
        let site = try await store.exportSite()
        #expect(site.publication.name == "Kitchen Table Software")
        #expect(site.members.count == 18)
        #expect(site.posts.map(\.commentCount) == [34, 0, 7, 400, 21])
        #expect(site.comments.count == 462)
        #expect(site.likes.count == 1587)
        // And the reader and the writer sign in with the password the docs give
        let actions = Actions(store: store, passwords: passwords)
        for email in [DemoSite.readerEmail, DemoSite.writerEmail] {
            let session = try await actions.signIn(email: email, password: DemoSite.readerPassword)
            #expect(session.member.email == email)
        }
    }
}
