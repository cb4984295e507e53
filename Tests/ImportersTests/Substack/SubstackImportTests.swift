import Domain
import Foundation
import Importers
import Storage
import Testing

/// A publication as Substack exports it: three posts (one paid, one a draft), an image in the
/// archive and one on Substack's servers, and a list with active, unsubscribed and broken lines.
private func sampleExport() -> SubstackExportBuilder {
    typealias B = SubstackExportBuilder
    var export = SubstackExportBuilder()
    export.add(
        "posts.csv",
        B.postsHeader
            + B.post(
                "101.first-light", date: "2023-04-02T08:15:00.000Z", title: "First light",
                subtitle: "Notes from the \"kitchen\" table, with commas, too")
            + B.post("102.paid-letter", date: "2023-05-10T18:00:00.000Z", audience: "only_paid", title: "For the founders")
            + B.post("103.half-written", date: "2023-06-01T10:00:00.000Z", published: false, title: "Half written")
            + B.post("104.café-au-lait", date: "2023-07-01 09:00:00", title: "Café au lait"))
    export.add(
        "posts/101.first-light.html",
        """
        <div class="body markup"><p>The <strong>first</strong> letter.</p>
        <figure><img src="images/lamp.png" alt="A lamp"><figcaption>The lamp</figcaption></figure>
        <p><img src="https://substackcdn.com/image/fetch/w_1456/cat.jpg" alt="The cat"></p>
        <script>alert("no")</script></div>
        """)
    export.add("posts/images/lamp.png", bytes: B.png(width: 640, height: 480))
    export.add("posts/102.paid-letter.html", "<p>Only for those who pay.</p>")
    export.add("posts/103.half-written.html", "<p>To be continued</p>")
    export.add("posts/104.café-au-lait.html", "<p>Milk first.</p>")
    export.add(
        "email_list.kitchen.csv",
        B.emailHeader + B.subscriber("Ada@Example.com", since: "2022-01-05T12:00:00.000Z")
            + B.subscriber("bob@example.com", active: false, since: "2022-02-01T00:00:00.000Z")
            + B.subscriber("carol@example.com", disabled: true, since: "2022-03-01T00:00:00.000Z")
            + B.subscriber("not-an-address", since: "2022-03-01T00:00:00.000Z")
            + B.subscriber("ada@example.com", since: "2022-04-01T00:00:00.000Z"))
    return export
}

private func date(_ text: String) -> Date {
    try! Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
}

private func count(_ summary: ImportSummary, _ label: String) -> Int {
    (summary.imported + summary.skipped).first { $0.label == label }?.count ?? 0
}

@Suite("Importing a Substack export")
struct SubstackImportTests {
    @Test(
        "Given a Substack export, when it is imported, then posts keep their dates, slugs, titles, subtitles and audience",
        arguments: SubstackEngine.available)
    func posts(engine: SubstackEngine) async throws {
        let scratch = try SubstackScratch()
        defer { scratch.remove() }
        try sampleExport().write(to: scratch.file("export.zip"))
        try await withSubstackSite(engine) { store, owner async throws in
            let summary = try await SiteImport.run(.substack, file: scratch.file("export.zip"), store: store)

            let first = try #require(try await store.post(slug: "first-light"))
            #expect(first.title == "First light")
            #expect(first.subtitle == "Notes from the \"kitchen\" table, with commas, too")
            #expect(first.state == .published)
            #expect(first.publishedAt == date("2023-04-02T08:15:00.000Z"))
            #expect(first.authorID == owner.id)
            #expect(first.audience == .everyone)
            #expect(!first.sendsEmail)

            let paid = try #require(try await store.post(slug: "paid-letter"))
            #expect(paid.audience == .subscribers)

            let draft = try #require(try await store.post(slug: "half-written"))
            #expect(draft.state == .draft)
            #expect(draft.publishedAt == nil)

            // Not a canonical slug: made into one, the date read without a zone as UTC.
            let cafe = try #require(try await store.post(slug: "cafe-au-lait"))
            #expect(cafe.publishedAt == date("2023-07-01T09:00:00.000Z"))

            #expect(count(summary, "posts") == 3)
            #expect(count(summary, "drafts") == 1)
            #expect(summary.kind == "substack")
            #expect(summary.notes.contains { $0.contains("no comments") })
        }
    }

    @Test(
        "Given a post with an image in the archive and one elsewhere, then the first becomes an upload and the second a link",
        arguments: SubstackEngine.available)
    func images(engine: SubstackEngine) async throws {
        let scratch = try SubstackScratch()
        defer { scratch.remove() }
        try sampleExport().write(to: scratch.file("export.zip"))
        try await withSubstackSite(engine) { store, _ async throws in
            let summary = try await SiteImport.run(.substack, file: scratch.file("export.zip"), store: store)
            let post = try #require(try await store.post(slug: "first-light"))
            let path = try #require(post.bodyMarkdown.firstRange(of: /\/uploads\/([0-9a-f]{32})/))
            let key = try #require(UploadKey(rawValue: String(post.bodyMarkdown[path].suffix(32))))
            let upload = try #require(try await store.upload(key: key))
            #expect(upload.type == .png)
            #expect(upload.size == ImageType.PixelSize(width: 640, height: 480))
            #expect(post.bodyHTML.contains("<img src=\"/uploads/\(key)\" alt=\"A lamp\""), "\(post.bodyHTML)")
            // The image on Substack's servers is a link, never an image the page would load.
            #expect(post.bodyMarkdown.contains("https://substackcdn.com/image/fetch/w_1456/cat.jpg"))
            #expect(post.bodyHTML.contains("href=\"https://substackcdn.com/image/fetch/w_1456/cat.jpg\""), "\(post.bodyHTML)")
            #expect(!post.bodyHTML.contains("<img src=\"https://substackcdn.com"))
            #expect(post.bodyHTML.contains("<strong>first</strong>"))
            #expect(!post.bodyHTML.contains("<script"))
            #expect(count(summary, "images uploaded from the archive") == 1)
            #expect(count(summary, "images left as links (not in the archive)") == 1)
        }
    }

    @Test(
        "Given the email list, then active addresses join as confirmed with their dates and the rest stay unsubscribed",
        arguments: SubstackEngine.available)
    func subscribers(engine: SubstackEngine) async throws {
        let scratch = try SubstackScratch()
        defer { scratch.remove() }
        try sampleExport().write(to: scratch.file("export.zip"))
        try await withSubstackSite(engine) { store, _ async throws in
            let summary = try await SiteImport.run(.substack, file: scratch.file("export.zip"), store: store)

            let ada = try #require(try await store.subscriber(email: "ada@example.com"))
            #expect(ada.status == .active)
            #expect(ada.createdAt == date("2022-01-05T12:00:00.000Z"))
            #expect(ada.confirmedAt == date("2022-01-05T12:00:00.000Z"))
            #expect(ada.source == .importConfirmed)
            #expect(try await store.subscriber(email: "bob@example.com")?.status == .unsubscribed)
            #expect(try await store.subscriber(email: "carol@example.com")?.status == .unsubscribed)
            #expect(try await store.subscriberCount(status: .active) == 1)
            // Only active subscribers are ever mailed.
            #expect(try await store.activeSubscribers(after: nil, limit: 10).map(\.email) == ["ada@example.com"])
            #expect(try await store.importedID(source: "substack", kind: "subscriber", externalID: "bob@example.com") != nil)

            #expect(count(summary, "subscribers (active, confirmed on Substack)") == 1)
            #expect(count(summary, "subscribers kept as unsubscribed (never mailed)") == 2)
            #expect(count(summary, "subscribers whose address is not an email address") == 1)
            #expect(count(summary, "subscribers listed twice in the export") == 1)
        }
    }

    @Test(
        "Given an import run by the owner, then the audit log names them beside the addresses it added, and a second run logs nothing",
        arguments: SubstackEngine.available)
    func subscribersAreLogged(engine: SubstackEngine) async throws {
        let scratch = try SubstackScratch()
        defer { scratch.remove() }
        try sampleExport().write(to: scratch.file("export.zip"))
        try await withSubstackSite(engine) { store, owner async throws in
            let options = ImportOptions(actorID: owner.id)
            _ = try await SiteImport.run(.substack, file: scratch.file("export.zip"), store: store, options: options)

            let filter = AuditFilter(action: .importConfirmedSubscribers)
            let entries = try await store.auditLog(filter: filter, before: nil, limit: 10)
            let entry = try #require(entries.first)
            #expect(entries.count == 1)
            #expect(entry.actorID == owner.id)
            #expect(entry.reason.contains("Substack"))
            #expect(entry.after.split(separator: "\n").sorted() == ["ada@example.com", "bob@example.com", "carol@example.com"])

            _ = try await SiteImport.run(.substack, file: scratch.file("export.zip"), store: store, options: options)
            #expect(try await store.auditLog(filter: filter, before: nil, limit: 10).count == 1)
        }
    }

    @Test(
        "Given an export imported once, when it is imported again, then nothing is added and the summary says so",
        arguments: SubstackEngine.available)
    func idempotent(engine: SubstackEngine) async throws {
        let scratch = try SubstackScratch()
        defer { scratch.remove() }
        try sampleExport().write(to: scratch.file("export.zip"))
        try await withSubstackSite(engine) { store, _ async throws in
            _ = try await SiteImport.run(.substack, file: scratch.file("export.zip"), store: store)
            let posts = try await store.postCount()
            let counts = try await store.subscriberCounts()

            let again = try await SiteImport.run(.substack, file: scratch.file("export.zip"), store: store)

            #expect(try await store.postCount() == posts)
            #expect(try await store.subscriberCounts() == counts)
            #expect(count(again, "posts") == 0)
            #expect(count(again, "posts already imported") == 4)
            #expect(count(again, "subscribers already on the list (left as they were)") == 3)
            #expect(count(again, "images uploaded from the archive") == 0)
        }
    }

    @Test(
        "Given a post of the site already at a Substack post's address, then the import takes the next free one and says so",
        arguments: SubstackEngine.available)
    func takenSlug(engine: SubstackEngine) async throws {
        let scratch = try SubstackScratch()
        defer { scratch.remove() }
        try sampleExport().write(to: scratch.file("export.zip"))
        try await withSubstackSite(engine) { store, owner async throws in
            let mine = try await store.insertPost(
                NewPost(
                    slug: "first-light", title: "Mine", subtitle: "", bodyMarkdown: "", bodyHTML: "", authorID: owner.id,
                    state: .published, publishedAt: Date(), createdAt: Date()))

            let summary = try await SiteImport.run(.substack, file: scratch.file("export.zip"), store: store)

            #expect(try await store.post(slug: "first-light")?.id == mine.id)
            #expect(try await store.post(slug: "first-light-2")?.title == "First light")
            let renamed = (summary.imported).first { $0.label.hasPrefix("posts given a new address") }
            #expect(renamed?.examples == ["/p/first-light → /p/first-light-2"])
        }
    }

    @Test("Given an export unpacked and zipped again inside a folder, then it is read the same")
    func nestedFolder() async throws {
        let scratch = try SubstackScratch()
        defer { scratch.remove() }
        var export = SubstackExportBuilder()
        for file in sampleExport().files { export.add("kitchen-export/" + file.path, bytes: file.bytes) }
        try export.write(to: scratch.file("export.zip"))
        try await withSubstackSite(.sqlite) { store, _ async throws in
            let summary = try await SiteImport.run(.substack, file: scratch.file("export.zip"), store: store)
            #expect(count(summary, "posts") == 3)
            #expect(count(summary, "images uploaded from the archive") == 1)
            #expect(try await store.subscriberCount(status: .active) == 1)
        }
    }

    @Test("Given a file that is not a ZIP, or a ZIP that is not a Substack export, then the import refuses it and writes nothing")
    func notAnExport() async throws {
        let scratch = try SubstackScratch()
        defer { scratch.remove() }
        try Data("post_id,title\n1.a,A\n".utf8).write(to: scratch.file("posts.csv"))
        var other = SubstackExportBuilder()
        other.add("readme.txt", "hello")
        try other.write(to: scratch.file("other.zip"))
        try await withSubstackSite(.sqlite) { store, _ async throws in
            for name in ["posts.csv", "other.zip", "missing.zip"] {
                await #expect(throws: ImportError.self) {
                    try await SiteImport.run(.substack, file: scratch.file(name), store: store)
                }
            }
            #expect(try await store.postCount() == 0)
        }
    }

    @Test("Given a post body longer than a post may be, then it is cut to the limit and reported")
    func longBody() async throws {
        let scratch = try SubstackScratch()
        defer { scratch.remove() }
        var export = SubstackExportBuilder()
        export.add(
            "posts.csv",
            SubstackExportBuilder.postsHeader + SubstackExportBuilder.post("7.long", date: "2024-01-01T00:00:00Z", title: "Long"))
        let paragraph = "<p>" + String(repeating: "word ", count: 2_000) + "</p>\n"
        export.add("posts/7.long.html", String(repeating: paragraph, count: 25))
        try export.write(to: scratch.file("export.zip"))
        try await withSubstackSite(.sqlite) { store, _ async throws in
            let summary = try await SiteImport.run(.substack, file: scratch.file("export.zip"), store: store)
            let post = try #require(try await store.post(slug: "long"))
            #expect(post.bodyMarkdown.count <= Limits.postBodyLength)
            #expect(post.bodyMarkdown.count > Limits.postBodyLength / 2)
            #expect(count(summary, "posts cut to the body limit (\(Limits.postBodyLength) characters)") == 1)
        }
    }
}
