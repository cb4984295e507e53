import Foundation
import Importers
import Markup
import Testing

@Suite("Disqus reader")
struct DisqusReaderTests {
    private func readFixture() throws -> ReadRecords {
        try ReadRecords.read(DisqusReader(), Fixture.url("disqus-export.xml"))
    }

    @Test("Given a Disqus export, then every thread with a link is emitted before its comments")
    func threads() throws {
        // When the fixture is read
        let read = try readFixture()
        // Then its two linked threads come out with their Disqus ids, links and titles
        #expect(
            read.threads == [
                ImportedThread(
                    externalID: "8100001", url: "https://harbour-notes.example/2019/04/tides-and-timetables/",
                    title: "Tides & timetables: a ferry diary", createdAt: utc("2019-04-02T08:15:00Z")),
                ImportedThread(
                    externalID: "8100002", url: "https://harbour-notes.example/2020/01/%C3%BCber-br%C3%BCcken/?utm_source=feed",
                    title: "Über Brücken — 橋について", createdAt: utc("2020-01-15T21:40:11Z")),
            ])
        // And the thread without a link is reported, not emitted
        #expect(read.skipped.contains { $0.reason == "thread without a link" && $0.id == "8100003" })
        // And no comment comes before its thread
        let firstComment = read.records.firstIndex { if case .comment = $0 { true } else { false } }!
        let lastThread = read.records.lastIndex { if case .thread = $0 { true } else { false } }!
        #expect(lastThread < firstComment)
    }

    @Test("Given a Disqus export, then comments keep their ids, parents, authors, dates and HTML")
    func comments() throws {
        let read = try readFixture()
        // Then the first comment is top level, with its author's email and Disqus username
        let first = try #require(read.comment("4400000101"))
        #expect(first.threadExternalID == "8100001")
        #expect(first.parentExternalID == nil)
        #expect(first.author == ImportedAuthor(name: "Maren Olsen", email: "maren.olsen@example.org", externalID: "marenolsen"))
        #expect(first.createdAt == utc("2019-04-02T09:01:13Z"))
        #expect(first.state == .visible)
        guard case .html(let html) = first.body else {
            Issue.record("Disqus bodies are HTML")
            return
        }
        #expect(html.hasPrefix("<p>Lovely write-up. The <b>07:40</b> sailing"))
        // And a reply names its parent, and keeps Unicode names
        let reply = try #require(read.comment("4400000102"))
        #expect(reply.parentExternalID == "4400000101")
        #expect(reply.author.name == "池田 拓海")
        // And fractions of a second are kept
        #expect(read.comment("4400000202")?.createdAt == utc("2020-01-16T07:05:09.512Z"))
    }

    @Test("Given a Disqus export, then deleted and spam flags become states and file order is kept")
    func statesAndOrder() throws {
        let read = try readFixture()
        #expect(read.comment("4400000103")?.state == .deleted)
        #expect(read.comment("4400000105")?.state == .spam)
        // A reply that comes before its parent in the file is still emitted in file order
        let ids = read.comments.map(\.externalID)
        #expect(ids.firstIndex(of: "4400000104")! < ids.firstIndex(of: "4400000103")!)
        #expect(read.comment("4400000104")?.parentExternalID == "4400000103")
        // And an orphan keeps the parent id the file names (the sink reports it)
        #expect(read.comment("4400000106")?.parentExternalID == "4400009999")
        // And a link Disqus shortened in its text keeps its whole address once when reduced
        guard case .html(let html) = read.comment("4400000106")?.body else {
            Issue.record("Disqus bodies are HTML")
            return
        }
        #expect(
            HTMLReduction.markdown(fromHTML: html, for: .comment)
                == "> the crossing takes an hour\n\nForty minutes with the new boat: http://ferries.example/blog/2019/05/new-boat-is-faster.html"
        )
        // And an anonymous author has neither email nor username
        #expect(read.comment("4400000106")?.author == ImportedAuthor(name: "Anonymous Sailor"))
    }

    @Test("Given damaged posts, then each is skipped with its reason and the rest is read")
    func damaged() throws {
        let read = try readFixture()
        let reasons = Dictionary(read.skipped.map { ($0.id, $0.reason) }, uniquingKeysWith: { first, _ in first })
        #expect(reasons["4400000301"] == "comment without a thread")
        #expect(reasons["4400000302"] == "comment of a thread the file does not declare")
        #expect(reasons["4400000303"] == "comment with an unreadable date")
        #expect(read.comments.count == 8)
    }

    @Test("Given a file that is not a Disqus export, then reading fails clearly")
    func notDisqus() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Given a WordPress file, a truncated Disqus file and plain text
        let wordpress = try Fixture.url("wordpress-export.xml")
        let truncated = try Fixture.write(
            "<?xml version=\"1.0\"?><disqus><thread dsq:id=\"1\"><link>https://a.example/</link>",
            named: "truncated.xml", in: directory)
        let text = try Fixture.write("just some text\n", named: "text.xml", in: directory)
        // When each is read as Disqus, then the reader refuses it
        for file in [wordpress, truncated, text] {
            #expect(throws: ImportError.self) { try ReadRecords.read(DisqusReader(), file) }
        }
    }

    @Test("Given an error from the sink, then reading stops at once with that error")
    func sinkError() throws {
        struct Full: Error {}
        var seen = 0
        #expect(throws: Full.self) {
            try DisqusReader().read(
                try Fixture.url("disqus-export.xml"),
                emit: { _ in
                    seen += 1
                    if seen == 3 { throw Full() }
                }, progress: { _ in })
        }
        #expect(seen == 3)
    }
}
