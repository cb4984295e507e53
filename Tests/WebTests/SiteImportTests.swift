import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

extension Browser {
    /// Posts the import form: the kind, the mapping, and a file of any bytes, with the CSRF token.
    func importFile(
        kind: String, file: (name: String, bytes: Data)?, mapping: String = "", json: Bool = false
    ) async throws
        -> TestResponse
    {
        if cookies["__Host-parley_csrf"] == nil { try await get("/") }
        let boundary = "----parley-site-import-\(UUID().uuidString)"
        var body = Data()
        for (name, value) in [("_csrf", csrf), ("kind", kind), ("mapping", mapping)] {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        if let file {
            body.append(
                Data(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\nContent-Type: application/zip\r\n\r\n"
                        .utf8))
            body.append(file.bytes)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        var headers = HTTPFields()
        headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        if json { headers[.accept] = "application/json" }
        return try await client.execute(uri: "/dashboard/import", method: .post, headers: headers, body: ByteBuffer(bytes: body)) { $0 }
    }

    /// The run's state as its page's script reads it, once it is no longer running (at most 20 s).
    func finishedRun(_ path: String) async throws -> [String: Any] {
        for _ in 0..<200 {
            let answer = try await get(path, json: true)
            let run = try #require(try JSONSerialization.jsonObject(with: Data(buffer: answer.body)) as? [String: Any])
            if run["state"] as? String != "running" { return run }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the import of \(path) did not finish in 20 s")
        return [:]
    }
}

/// A small Substack export: one published post, one draft, two subscribers.
func substackExportZIP() -> Data {
    let posts = """
        post_id,post_date,is_published,email_sent_at,inbox_sent_at,type,audience,title,subtitle,podcast_url
        501.moving-day,2024-02-03T10:00:00.000Z,true,2024-02-03T10:00:00.000Z,,newsletter,everyone,Moving day,"Boxes, boxes",
        502.next-time,2024-03-01T10:00:00.000Z,false,,,newsletter,only_paid,Next time,,

        """
    let list = """
        email,active_subscription,expiry,plan,email_disabled,title,comp,gift,created_at,first_payment_at
        ana@example.com,true,,other,false,,false,false,2023-01-01T00:00:00.000Z,
        gone@example.com,false,,other,false,,false,false,2023-01-02T00:00:00.000Z,

        """
    return StoredZIP.make([
        ("posts.csv", Data(posts.utf8)),
        ("posts/501.moving-day.html", Data("<p>We <em>moved</em>.</p>".utf8)),
        ("posts/502.next-time.html", Data("<p>Soon.</p>".utf8)),
        ("email_list.moving.csv", Data(list.utf8)),
    ])
}

@Suite("The dashboard's import page")
struct SiteImportTests {
    @Test("Signed out, the import page sends the visitor to sign in; a member and a moderator get 403; owners and admins get it")
    func access() async throws {
        let site = try await TestSite()
        let moderator = try await site.member("Maud", role: .moderator)
        let admin = try await site.member("Ada", role: .admin)
        try await site.test { browser async throws in
            let page = try await browser.get("/dashboard/import")
            #expect(page.status == .seeOther && page.location?.hasPrefix("/sign-in?next=%2Fdashboard%2Fimport") == true)
        }
        for (person, allowed) in [(site.reader, false), (moderator, false), (admin, true), (site.owner, true)] {
            try await site.test { browser async throws in
                try await browser.signIn(person.email)
                let page = try await browser.get("/dashboard/import")
                #expect(page.status == (allowed ? .ok : .forbidden), "\(person.role)")
                if allowed {
                    #expect(page.text.contains("name=\"file\" type=\"file\""))
                    #expect(page.text.contains("Substack export (.zip)"))
                    let dashboard = try await browser.get("/dashboard")
                    #expect(dashboard.text.contains("href=\"/dashboard/import\""))
                }
            }
        }
    }

    @Test("A member's or moderator's upload is refused with 403 before its file is read, and nothing is imported")
    func uploadRefused() async throws {
        let site = try await TestSite()
        let moderator = try await site.member("Maud", role: .moderator)
        let posts = try await site.store.postCount()
        for person in [site.reader, moderator] {
            try await site.test { browser async throws in
                try await browser.signIn(person.email)
                let response = try await browser.importFile(kind: "substack", file: ("export.zip", substackExportZIP()))
                #expect(response.status == .forbidden)
            }
        }
        try await site.test { browser async throws in
            let response = try await browser.importFile(kind: "substack", file: ("export.zip", substackExportZIP()))
            #expect(response.status != .seeOther || response.location?.hasPrefix("/sign-in") == true)
            #expect(response.status != .ok)
        }
        #expect(try await site.store.postCount() == posts)
        #expect(try await site.store.subscriber(email: "ana@example.com") == nil)
    }

    @Test(
        "Given a Substack export, when the owner uploads it, then it runs in the background and its page ends with the summary the command line prints"
    )
    func substack() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let started = try await browser.importFile(kind: "substack", file: ("kitchen-export.zip", substackExportZIP()))
            #expect(started.status == .seeOther)
            let path = try #require(started.location)
            #expect(path.hasPrefix("/dashboard/import/"))

            let run = try await browser.finishedRun(path)
            #expect(run["state"] as? String == "finished")
            let page = try await browser.get(path)
            #expect(page.status == .ok)
            #expect(page.headers[.cacheControl] == "no-store")
            #expect(page.text.contains("Import of kitchen-export.zip"))
            #expect(page.text.contains("<th scope=\"row\">posts</th><td>1</td>"))
            #expect(page.text.contains("<th scope=\"row\">drafts</th><td>1</td>"))
            #expect(page.text.contains("<ul><li>Substack&#39;s export holds no comments"))
            // The list shows the run, and its file is gone from the server's disk.
            let list = try await browser.get("/dashboard/import")
            #expect(list.text.contains(path))
            let id = String(path.dropFirst("/dashboard/import/".count))
            #expect(
                !FileManager.default.fileExists(
                    atPath: FileManager.default.temporaryDirectory.appendingPathComponent("parley-imports/\(id)").path))
        }
        let post = try #require(try await site.store.post(slug: "moving-day"))
        #expect(post.subtitle == "Boxes, boxes" && post.state == .published)
        #expect(try await site.store.post(slug: "next-time")?.state == .draft)
        #expect(try await site.store.post(slug: "next-time")?.audience == .subscribers)
        #expect(try await site.store.subscriber(email: "ana@example.com")?.status == .active)
        #expect(try await site.store.subscriber(email: "gone@example.com")?.status == .unsubscribed)
        // And the addresses it added are logged, with the owner who uploaded them
        let logged = try await site.store.auditLog(filter: AuditFilter(action: .importConfirmedSubscribers), before: nil, limit: 5)
        #expect(logged.map(\.actorID) == [site.owner.id] && logged.first?.after.contains("ana@example.com") == true)
        // Nothing was mailed for the imported post.
        #expect(try await site.store.hasNewsletterSend(postID: post.id) == false)
    }

    @Test(
        "Given a Disqus export whose thread is one of this site's posts at its public address, when the owner uploads it, then its comments join that post's discussion"
    )
    func commentsJoinTheSitesPost() async throws {
        let site = try await TestSite()
        let address = site.actions.mail.link("/p/\(site.post.slug)")
        let export = """
            <?xml version="1.0" encoding="utf-8"?>
            <disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
              <thread dsq:id="1"><link>\(address)</link><title>First post</title></thread>
              <post dsq:id="2"><message><![CDATA[<p>Came over from the <b>old</b> blog.</p>]]></message>
                <createdAt>2020-05-01T10:00:00Z</createdAt><author><name>Old Reader</name><email>old@example.org</email></author>
                <thread dsq:id="1" /></post>
            </disqus>
            """
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let started = try await browser.importFile(kind: "disqus", file: ("disqus.xml", Data(export.utf8)))
            let run = try await browser.finishedRun(try #require(started.location))
            #expect(run["state"] as? String == "finished")
        }
        // Then the comment is on the post itself, and no page discussion was made for its address
        let comments = try await site.store.rootComments(
            postID: site.post.id, sort: .old, after: nil, limit: 10, visibleTo: .staff)
        #expect(comments.map(\.bodyText) == ["Came over from the **old** blog."])
        #expect(try await site.store.pageDiscussion(url: try #require(PageURL(address))) == nil)
    }

    @Test("A file that is not the chosen kind ends as a failed run whose page says why, and changes nothing")
    func failedRun() async throws {
        let site = try await TestSite()
        let posts = try await site.store.postCount()
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let started = try await browser.importFile(kind: "substack", file: ("notes.txt", Data("just some text".utf8)))
            let path = try #require(started.location)
            let run = try await browser.finishedRun(path)
            #expect(run["state"] as? String == "failed")
            let page = try await browser.get(path)
            #expect(page.text.contains("role=\"alert\"") && page.text.contains("not a ZIP archive"))
        }
        #expect(try await site.store.postCount() == posts)
    }

    @Test("Without a file, with a bad mapping line or an unknown kind, the form comes back with the reason at its field and nothing runs")
    func refusals() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let noFile = try await browser.importFile(kind: "disqus", file: nil, mapping: "https://old.example/=https://new.example/")
            #expect(noFile.status == .unprocessableContent)
            #expect(noFile.text.contains("id=\"site-import-file-error\"") && noFile.text.contains("Choose the file to import."))
            // What was chosen and typed is kept.
            #expect(noFile.text.contains("<option value=\"disqus\" selected>"))
            #expect(noFile.text.contains("https://old.example/=https://new.example/</textarea>"))

            let badMapping = try await browser.importFile(
                kind: "disqus", file: ("a.xml", Data("<x/>".utf8)), mapping: "https://a.example/=https://b.example/\nnot a rule")
            #expect(badMapping.text.contains("id=\"site-import-mapping-error\"") && badMapping.text.contains("Line 2 is not OLD=NEW"))

            let badKind = try await browser.importFile(kind: "myspace", file: ("a.zip", substackExportZIP()))
            #expect(badKind.text.contains("id=\"site-import-kind-error\""))

            let list = try await browser.get("/dashboard/import")
            #expect(list.text.contains("No imports since this server started."))
        }
    }

    @Test("A run's page that does not exist answers 404")
    func unknownRun() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            #expect(try await browser.get("/dashboard/import/0123456789abcdef0123456789abcdef").status == .notFound)
            #expect(try await browser.get("/dashboard/import/nope", json: true).status == .notFound)
        }
    }
}
