import Foundation
import GRDB
import Importers
import Testing

@Suite("Isso reader")
struct IssoReaderTests {
    /// A real Isso database made from the fixture's SQL, in a new directory.
    private func database() throws -> (URL, URL) {
        let directory = try Fixture.temporaryDirectory()
        let file = directory.appendingPathComponent("comments.db")
        let sql = try String(contentsOf: Fixture.url("isso-comments.sql"), encoding: .utf8)
        let queue = try DatabaseQueue(path: file.path)
        try queue.write { try $0.execute(sql: sql) }
        try queue.close()
        return (directory, file)
    }

    @Test("Given an Isso database, then threads come first, keyed by id, at their URI")
    func threads() throws {
        let (directory, file) = try database()
        defer { try? FileManager.default.removeItem(at: directory) }
        let read = try ReadRecords.read(IssoReader(), file)
        #expect(
            read.threads == [
                ImportedThread(externalID: "1", url: "/posts/sourdough-starter/", title: "Keeping a sourdough starter alive"),
                ImportedThread(externalID: "2", url: "/posts/rye-bread/"),
                ImportedThread(externalID: "3", url: "/posts/empty/", title: "A page whose comments are all gone"),
            ])
        #expect(read.skipped.map(\.reason) == ["thread without a URI"])
        #expect(read.progress.last == (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int64))
    }

    @Test("Given Isso comments, then modes, votes, parents, authors, dates and Markdown are kept")
    func comments() throws {
        let (directory, file) = try database()
        defer { try? FileManager.default.removeItem(at: directory) }
        let read = try ReadRecords.read(IssoReader(), file)
        #expect(read.comments.map(\.externalID) == ["1", "2", "3", "4", "5", "6", "7", "8"])
        let first = try #require(read.comment("1"))
        #expect(first.threadExternalID == "1")
        #expect(first.parentExternalID == nil)
        #expect(first.createdAt == Date(timeIntervalSince1970: 1_577_836_800.25))
        #expect((first.likes, first.dislikes) == (3, 1))
        #expect(first.body == .markdown("Mine died over the holidays. **Any** tips for reviving it?"))
        #expect(first.author == ImportedAuthor(name: "Jonas", email: "jonas@example.se"))
        let reply = try #require(read.comment("2"))
        #expect(reply.parentExternalID == "1")
        #expect(reply.author.website == "https://bea.example")
        #expect(reply.body == .markdown("Feed it twice a day for a week.\nKeep it *warm*.\n\nReally warm: 26 °C."))
        // States from mode
        #expect(read.comment("2")?.state == .visible)
        #expect(read.comment("3")?.state == .pending)
        #expect(read.comment("4")?.state == .deleted)
        #expect(read.comment("5")?.parentExternalID == "4")
        // Unicode and anonymous authors; an orphan keeps the missing parent's id
        #expect(read.comment("6")?.author == ImportedAuthor(name: "Jürgen Weiß", email: "juergen@example.de"))
        #expect(read.comment("7")?.author == ImportedAuthor(name: "王芳", website: "bread.example"))
        #expect(read.comment("7")?.parentExternalID == "99")
        #expect(read.comment("8")?.author == ImportedAuthor(name: ""))
    }

    @Test("Given an older Isso database without votes or titles, then the rest is read")
    func olderSchema() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("old.db")
        let queue = try DatabaseQueue(path: file.path)
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE threads (id INTEGER PRIMARY KEY, uri VARCHAR(256) UNIQUE);
                    CREATE TABLE comments (tid REFERENCES threads(id), id INTEGER PRIMARY KEY, parent INTEGER,
                        created FLOAT NOT NULL, mode INTEGER, text VARCHAR NOT NULL, author VARCHAR);
                    INSERT INTO threads VALUES (1, '/a/');
                    INSERT INTO comments VALUES (1, 1, NULL, 1300000000, 1, 'Hello', 'Old');
                    INSERT INTO comments VALUES (1, 2, 1, 'not a time', 1, 'Broken', 'Old');
                    """)
        }
        try queue.close()
        let read = try ReadRecords.read(IssoReader(), file)
        #expect(read.threads == [ImportedThread(externalID: "1", url: "/a/")])
        #expect(read.comments.map(\.externalID) == ["1"])
        #expect(read.comments.first?.likes == 0)
        #expect(read.skipped.map(\.reason) == ["comment with an unreadable date"])
    }

    @Test("Given a file that is not an Isso database, then reading fails clearly and changes nothing")
    func notIsso() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // An SQLite file of another program, and a text file
        let other = directory.appendingPathComponent("other.db")
        let queue = try DatabaseQueue(path: other.path)
        try queue.write { try $0.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)") }
        try queue.close()
        let before = try Data(contentsOf: other)
        #expect(throws: ImportError.self) { try ReadRecords.read(IssoReader(), other) }
        #expect(try Data(contentsOf: other) == before)
        #expect(throws: ImportError.self) { try ReadRecords.read(IssoReader(), Fixture.url("disqus-export.xml")) }
    }
}
