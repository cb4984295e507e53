import Foundation
import Importers
import Testing

@testable import Markup

@Suite("WordPress reader")
struct WordPressReaderTests {
    private func readFixture() throws -> ReadRecords {
        try ReadRecords.read(WordPressReader(), Fixture.url("wordpress-export.xml"))
    }

    private func html(_ comment: ImportedComment?) -> String {
        guard case .html(let html) = comment?.body else { return "" }
        return html
    }

    @Test("Given a WXR 1.2 export, then each post with comments is a thread at its link")
    func threads() throws {
        let read = try readFixture()
        // Then the two posts with comments are threads keyed by post id; the attachment and
        // the page without comments are not
        #expect(
            read.threads == [
                ImportedThread(
                    externalID: "42", url: "https://allotment.example/2021/10/garlic-in-october/", title: "Garlic in October",
                    createdAt: utc("2021-10-10T07:30:00Z")),
                ImportedThread(
                    externalID: "57", url: "https://allotment.example/2022/01/compost/",
                    title: "The compost question (Komposthaufen & Co.)", createdAt: utc("2022-01-03T18:00:00Z")),
            ])
    }

    @Test("Given WordPress comments, then ids, parents, authors and GMT dates are kept")
    func comments() throws {
        let read = try readFixture()
        let first = try #require(read.comment("101"))
        #expect(first.threadExternalID == "42")
        #expect(first.parentExternalID == nil)
        #expect(first.author == ImportedAuthor(name: "Priya Raman", email: "priya@example.net", website: "https://priya.example/"))
        // The GMT date, not the blog's local one two hours ahead
        #expect(first.createdAt == utc("2021-10-10T08:02:11Z"))
        let reply = try #require(read.comment("102"))
        #expect(reply.parentExternalID == "101")
        #expect(reply.author.externalID == "user-1")
        #expect(read.comment("103")?.parentExternalID == "102")
        // An orphan keeps the parent id the file names
        #expect(read.comment("203")?.parentExternalID == "199")
    }

    @Test("Given comment_approved values, then each becomes its state")
    func states() throws {
        let read = try readFixture()
        #expect(read.comment("101")?.state == .visible)
        #expect(read.comment("103")?.state == .pending)
        #expect(read.comment("104")?.state == .spam)
        #expect(read.comment("106")?.state == .deleted)
    }

    @Test("Given a held comment without a GMT date, then its local date is read as UTC")
    func unsetGMTDate() throws {
        let read = try readFixture()
        #expect(read.comment("103")?.createdAt == utc("2021-10-11T08:00:00Z"))
    }

    @Test("Given a pingback, then it is skipped as not a comment")
    func pingbacks() throws {
        let read = try readFixture()
        #expect(read.comment("105") == nil)
        #expect(read.skipped.contains { $0.id == "105" && $0.reason == "pingback (not a comment)" })
    }

    @Test("Given WordPress' raw comment text, then its line breaks become paragraphs and breaks")
    func paragraphs() throws {
        let read = try readFixture()
        // Given a comment typed with a line break and a blank line
        let body = html(read.comment("101"))
        #expect(body == "<p>Do you soak them first?<br>\nMy grandmother always did.</p>\n<p>Either way, mine came up in March.</p>")
        // When reduced for Parley, then the structure survives
        #expect(
            HTMLReduction.markdown(fromHTML: body, for: .comment)
                == "Do you soak them first?\nMy grandmother always did.\n\nEither way, mine came up in March.")
        // And inline HTML is kept for the reduction
        #expect(html(read.comment("102")).contains(#"<a href="https://allotment.example/2021/09/seed-garlic/">"#))
    }

    @Test("Given a very long comment, an empty id and a split CDATA section, then all are read whole")
    func oddComments() throws {
        let read = try readFixture()
        let long = html(read.comment("201"))
        #expect(long.count > 25_000)
        #expect(long.hasSuffix("turning the heaps. </p>"))
        let noID = try #require(read.comment(""))
        #expect(html(noID) == "<p>A comment a plugin wrote without an id. It quotes ]]> in CDATA.</p>")
        #expect(noID.author == ImportedAuthor(name: ""))
        #expect(read.comments.count == 8)
    }

    @Test("Given a WXR 1.0 file, then its comments are read the same way")
    func wxr10() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try Fixture.write(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.0/">
            <channel><wp:wxr_version>1.0</wp:wxr_version>
            <item><title>Old post</title><link>http://old.example/?p=7</link><wp:post_id>7</wp:post_id>
            <wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_author>Ann</wp:comment_author>
            <wp:comment_date>2008-05-01 12:00:00</wp:comment_date><wp:comment_date_gmt>2008-05-01 10:00:00</wp:comment_date_gmt>
            <wp:comment_content>First &amp; only</wp:comment_content><wp:comment_approved>1</wp:comment_approved>
            <wp:comment_parent>0</wp:comment_parent></wp:comment></item></channel></rss>
            """, named: "old.xml", in: directory)
        let read = try ReadRecords.read(WordPressReader(), file)
        #expect(read.threads.map(\.url) == ["http://old.example/?p=7"])
        #expect(read.comments.map(\.body) == [.html("<p>First & only</p>")])
        #expect(read.comments.first?.createdAt == utc("2008-05-01T10:00:00Z"))
    }

    @Test("Given a Disqus file, then the WordPress reader refuses it")
    func notWordPress() throws {
        #expect(throws: ImportError.self) { try ReadRecords.read(WordPressReader(), Fixture.url("disqus-export.xml")) }
    }
}
