import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import UseCases

extension Browser {
    /// Posts a multipart form: text fields and at most one file, the CSRF token as a part.
    func multipart(
        _ uri: String, fields: [String: String], file: (field: String, name: String, type: String, bytes: [UInt8])?, json: Bool = false
    ) async throws -> TestResponse {
        if cookies["__Host-parley_csrf"] == nil { try await get("/") }
        let boundary = "----parley-test-\(UUID().uuidString)"
        var body = [UInt8]()
        for (name, value) in fields.merging(["_csrf": csrf], uniquingKeysWith: { a, _ in a }) {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        if let file {
            body += Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: \(file.type)\r\n\r\n"
                    .utf8)
            body += file.bytes
            body += Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        var headers = HTTPFields()
        headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        if json { headers[.accept] = "application/json" }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: body)) { $0 }
    }
}

/// The writer's posts list and editor over HTTP, on the real application.
@Suite("The writer's posts and editor")
struct PostEditorTests {
    static func fields(
        title: String, body: String = "Some **words**.", slug: String = "", action: String = "save", revision: Int? = nil,
        extra: [String: String] = [:]
    ) -> [String: String] {
        var form = [
            "title": title, "subtitle": "", "slug": slug, "body": body, "audience": "everyone", "discussion": "open", "sends_email": "1",
            "action": action, "tz": "0",
        ]
        if let revision { form["revision"] = String(revision) }
        return form.merging(extra) { _, new in new }
    }

    /// The post id in a redirect to its editor.
    static func editedID(_ response: TestResponse) throws -> PostID {
        let location = try #require(response.location)
        let parts = location.split(separator: "/")
        return try #require(parts.count >= 3 ? PostID(parsing: String(parts[2])) : nil, "\(location)")
    }

    @Test("Every writer's page sends a visitor to sign in, answers 403 to members and moderators, and opens for admins and owners")
    func pageMatrix() async throws {
        let site = try await TestSite()
        let moderator = try await site.member("Maud", role: .moderator)
        let admin = try await site.member("Ada", role: .admin)
        let pages = [
            "/dashboard/posts", "/dashboard/posts?state=published&q=first", "/dashboard/posts/new", "/dashboard/posts/\(site.post.id)/edit",
            "/dashboard/posts/\(site.post.id)/delete",
        ]
        try await site.test { browser async throws in
            for page in pages {
                let response = try await browser.get(page)
                #expect(response.status == .seeOther && response.location?.hasPrefix("/sign-in?next=") == true, "\(page)")
            }
        }
        for (person, allowed) in [(site.reader, false), (moderator, false), (admin, true), (site.owner, true)] {
            try await site.test { browser async throws in
                try await browser.signIn(person.email)
                for page in pages {
                    let response = try await browser.get(page)
                    #expect(response.status == (allowed ? .ok : .forbidden), "\(person.role) on \(page): \(response.status)")
                }
            }
        }
    }

    @Test("A member's or moderator's writer's forms are refused with 403 and change nothing")
    func formMatrix() async throws {
        let site = try await TestSite()
        let moderator = try await site.member("Maud", role: .moderator)
        let id = site.post.id
        let forms: [(String, [String: String])] = [
            ("/dashboard/posts", Self.fields(title: "Sneaky")),
            ("/dashboard/posts/\(id)", Self.fields(title: "Sneaky", action: "publish")),
            ("/dashboard/posts/\(id)", Self.fields(title: "Sneaky", action: "unpublish")),
            ("/dashboard/posts/\(id)/delete", [:]),
            ("/dashboard/preview", ["body": "x"]),
        ]
        for person in [site.reader, moderator] {
            try await site.test { browser async throws in
                try await browser.signIn(person.email)
                for (path, form) in forms {
                    let before = try await site.store.exportSite()
                    let response = try await browser.post(path, form: form)
                    #expect(response.status == .forbidden, "\(person.role) posting \(path): \(response.status)")
                    var after = try await site.store.exportSite()
                    after.sessions = before.sessions
                    #expect(after == before, "\(person.role) posting \(path) changed the site")
                }
                let upload = try await browser.multipart(
                    "/dashboard/uploads", fields: [:], file: ("image", "a.png", "image/png", TestImages.png), json: true)
                #expect(upload.status == .forbidden)
            }
        }
    }

    @Test("An owner writes a draft, finds it under Drafts and by title, publishes it, and readers see it; its subscribers are mailed once")
    func draftToPublished() async throws {
        let site = try await TestSite()
        _ = try await site.store.insertSubscriber(email: "sub@example.com", createdAt: Date())
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let editor = try await browser.get("/dashboard/posts/new")
            #expect(editor.text.contains("name=\"title\"") && editor.text.contains("name=\"body\""))
            let created = try await browser.post("/dashboard/posts", form: Self.fields(title: "Café notes", body: "Hello *there*."))
            #expect(created.status == .seeOther)
            let id = try Self.editedID(created)
            let draft = try #require(try await site.store.post(id: id))
            #expect(draft.state == .draft && draft.slug == "cafe-notes" && draft.bodyHTML.contains("<em>there</em>"))
            #expect(try await browser.get("/").text.contains("Café notes") == false)
            let list = try await browser.get("/dashboard/posts?state=draft&q=CAFE")
            #expect(list.text.contains("Café notes"))
            #expect(try await browser.get("/dashboard/posts?state=draft&q=zebra").text.contains("Café notes") == false)

            let published = try await browser.post(
                "/dashboard/posts/\(id)", form: Self.fields(title: "Café notes", body: "Hello *there*.", action: "publish", revision: 1))
            #expect(published.status == .seeOther && published.location?.hasSuffix("done=published") == true)
            let post = try #require(try await site.store.post(id: id))
            #expect(post.state == .published && post.revision == 2 && post.sendsEmail)
            #expect(try await browser.get("/").text.contains("Café notes"))
            #expect(try await browser.get("/dashboard/posts?state=published").text.contains("Café notes"))

            _ = try await site.actions.sendNewsletterBatches(batchSize: 100)
            // Unpublished and published again, it is not mailed a second time.
            _ = try await browser.post("/dashboard/posts/\(id)", form: Self.fields(title: "Café notes", action: "unpublish", revision: 2))
            _ = try await browser.post("/dashboard/posts/\(id)", form: Self.fields(title: "Café notes", action: "publish", revision: 3))
            _ = try await site.actions.sendNewsletterBatches(batchSize: 100)
            #expect(try await site.mail(to: "sub@example.com").filter { $0.subject.contains("Café notes") }.count == 1)
        }
    }

    @Test("The editor takes a body far longer than other forms allow, up to its own limit; a form past that is refused")
    func longBodies() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let long = String(repeating: "A fairly long sentence of a long post. ", count: 3_500)
            #expect(long.utf8.count > Limits.requestBody)
            let saved = try await browser.post("/dashboard/posts", form: Self.fields(title: "Long read", body: long))
            #expect(saved.status == .seeOther)
            #expect(try await site.store.post(id: try Self.editedID(saved))?.bodyMarkdown == long.trimmingCharacters(in: .whitespaces))
            let tooLong = try await browser.post(
                "/dashboard/posts", form: Self.fields(title: "Longer", body: String(repeating: "x", count: Limits.postBodyLength + 1)))
            #expect(tooLong.status == .unprocessableContent && tooLong.text.contains("id=\"editor-body-error\""))
            // Other forms keep the plain limit.
            let profile = try await browser.post("/settings/profile", form: ["name": "Olive", "bio": long])
            #expect(profile.status == .contentTooLarge)
        }
    }

    @Test("Switching email on for a post that went out without it does not mail it late")
    func noLateMail() async throws {
        let site = try await TestSite()
        _ = try await site.store.insertSubscriber(email: "sub@example.com", createdAt: Date())
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let post = site.post
            #expect(post.sendsEmail == false)
            _ = try await browser.post(
                "/dashboard/posts/\(post.id)",
                form: Self.fields(title: post.title, body: "Edited.", slug: post.slug, revision: 1, extra: ["sends_email": "1"]))
            _ = try await site.actions.sendNewsletterBatches(batchSize: 100)
            #expect(try await site.mail(to: "sub@example.com").isEmpty)
            #expect(try await !site.store.hasNewsletterSend(postID: post.id))
        }
    }

    @Test("A refused field is shown next to it with what was typed, and nothing is saved")
    func refusedFields() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let before = try await site.store.postCount()
            let badSlug = try await browser.post("/dashboard/posts", form: Self.fields(title: "Kept title", slug: "Not A Slug!"))
            #expect(badSlug.status == .unprocessableContent)
            #expect(badSlug.text.contains("id=\"editor-slug-error\"") && badSlug.text.contains("value=\"Kept title\""))
            let noTitle = try await browser.post("/dashboard/posts", form: Self.fields(title: "  ", body: "Body kept <b>"))
            #expect(noTitle.status == .unprocessableContent && noTitle.text.contains("id=\"editor-title-error\""))
            #expect(noTitle.text.contains("Body kept &lt;b&gt;"))
            let empty = try await browser.post("/dashboard/posts", form: Self.fields(title: "Empty", body: " ", action: "publish"))
            #expect(empty.status == .unprocessableContent && empty.text.contains("id=\"editor-body-error\""))
            let long = try await browser.post(
                "/dashboard/posts", form: Self.fields(title: String(repeating: "x", count: Limits.titleLength + 1)))
            #expect(long.status == .unprocessableContent)
            let taken = try await browser.post("/dashboard/posts", form: Self.fields(title: "Other", slug: site.post.slug))
            #expect(taken.status == .unprocessableContent && taken.text.contains("id=\"editor-slug-error\""))
            #expect(try await site.store.postCount() == before)
        }
    }

    @Test("Scheduling refuses a time gone by; a time ahead publishes when due, by the scheduler, once")
    func scheduling() async throws {
        let site = try await TestSite()
        _ = try await site.store.insertSubscriber(email: "sub@example.com", createdAt: Date())
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let past = PublishTime.format(Date().addingTimeInterval(-3_600))
            let refused = try await browser.post(
                "/dashboard/posts", form: Self.fields(title: "Later", action: "schedule", extra: ["publish_at": past]))
            #expect(refused.status == .unprocessableContent && refused.text.contains("Pick a time in the future"))
            #expect(refused.text.contains("id=\"editor-publish_at-error\""))
            let noTime = try await browser.post("/dashboard/posts", form: Self.fields(title: "Later", action: "schedule"))
            #expect(noTime.status == .unprocessableContent && noTime.text.contains("Enter the date and time"))

            // Two hours ahead, typed by a writer two hours east of UTC (JavaScript's offset is -120).
            let local = PublishTime.format(Date().addingTimeInterval(4 * 3_600))
            let scheduled = try await browser.post(
                "/dashboard/posts", form: Self.fields(title: "Later", action: "schedule", extra: ["publish_at": local, "tz": "-120"]))
            #expect(scheduled.status == .seeOther)
            let id = try Self.editedID(scheduled)
            let post = try #require(try await site.store.post(id: id))
            #expect(post.state == .scheduled)
            let expected = try #require(PublishTime.parse(local, offsetMinutes: -120))
            #expect(abs(try #require(post.publishedAt).timeIntervalSince(expected)) < 1)
            #expect(try await browser.get("/dashboard/posts?state=scheduled").text.contains("Later"))

            #expect(try await site.actions.publishDuePosts() == 0)
            let due = site.actions(at: Date().addingTimeInterval(3 * 3_600))
            #expect(try await due.publishDuePosts() == 1)
            #expect(try await due.publishDuePosts() == 0)
            #expect(try await site.store.post(id: id)?.state == .published)
            _ = try await due.sendNewsletterBatches(batchSize: 100)
            _ = try await due.sendNewsletterBatches(batchSize: 100)
            #expect(try await site.mail(to: "sub@example.com").filter { $0.subject.contains("Later") }.count == 1)
        }
    }

    @Test("A new slug keeps the old address working with 301, for the post and its discussion")
    func oldSlugRedirects() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let saved = try await browser.post(
                "/dashboard/posts/\(site.post.id)",
                form: Self.fields(title: site.post.title, body: site.post.bodyMarkdown, slug: "renamed-post", revision: site.post.revision))
            #expect(saved.status == .seeOther)
            let moved = try await browser.get("/p/\(site.post.slug)")
            #expect(moved.status == .movedPermanently && moved.location == "/p/renamed-post")
            let discussion = try await browser.get("/p/\(site.post.slug)/comments?sort=new")
            #expect(discussion.status == .movedPermanently && discussion.location == "/p/renamed-post/comments?sort=new")
            #expect(try await browser.get("/p/renamed-post").status == .ok)
            #expect(try await browser.get("/p/never-was").status == .notFound)
        }
    }

    @Test("An edit of a published post marks it updated; a save without changes does not")
    func updatedMark() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let post = site.post
            _ = try await browser.post(
                "/dashboard/posts/\(post.id)",
                form: Self.fields(
                    title: post.title, body: post.bodyMarkdown, slug: post.slug, revision: 1, extra: ["subtitle": post.subtitle]))
            #expect(try await site.store.post(id: post.id)?.updatedAt == nil)
            let response = try await browser.post(
                "/dashboard/posts/\(post.id)",
                form: Self.fields(
                    title: post.title, body: "Hello **world**, again.", slug: post.slug, revision: 2, extra: ["subtitle": post.subtitle]))
            #expect(response.location?.hasSuffix("done=updated") == true)
            let updated = try #require(try await site.store.post(id: post.id))
            #expect(updated.updatedAt != nil && updated.state == .published)
            #expect(try await browser.get("/p/\(post.slug)").text.contains("class=\"updated\""))
        }
    }

    @Test("The editor's audience and discussion settings are saved; a discussion change is in the audit log, as staff's are")
    func settings() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let post = site.post
            let saved = try await browser.post(
                "/dashboard/posts/\(post.id)",
                form: Self.fields(
                    title: post.title, body: post.bodyMarkdown, slug: post.slug, revision: 1,
                    extra: ["subtitle": post.subtitle, "audience": "subscribers", "discussion": "closed"]))
            #expect(saved.status == .seeOther)
            let stored = try #require(try await site.store.post(id: post.id))
            #expect(stored.audience == .subscribers && stored.discussion == .closed)
            let entries = try await site.store.auditLog(filter: AuditFilter(action: .discussionSettings), before: nil, limit: 10)
            #expect(entries.count == 1 && entries.first?.actorID == site.owner.id)
            let bad = try await browser.post(
                "/dashboard/posts/\(post.id)", form: Self.fields(title: post.title, revision: 2, extra: ["discussion": "everyone-ish"]))
            #expect(bad.status == .unprocessableContent && bad.text.contains("id=\"editor-discussion-error\""))
        }
    }

    @Test("Two tabs from one revision: the second save is refused with a warning, keeps its text, and changes nothing")
    func twoTabs() async throws {
        let site = try await TestSite(publishedPost: false)
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let id = site.post.id
            let first = try await browser.post("/dashboard/posts/\(id)", form: Self.fields(title: "From tab one", revision: 1))
            #expect(first.status == .seeOther)
            let second = try await browser.post("/dashboard/posts/\(id)", form: Self.fields(title: "From tab two", revision: 1))
            #expect(second.status == .conflict)
            #expect(second.text.contains("changed in another tab") && second.text.contains("value=\"From tab two\""))
            #expect(second.text.contains("name=\"revision\" value=\"2\""))
            #expect(try await site.store.post(id: id)?.title == "From tab one")
            // The autosave of a tab that fell behind is told too, in JSON.
            let autosave = try await browser.post(
                "/dashboard/posts/\(id)", form: Self.fields(title: "From tab two", action: "autosave", revision: 1), json: true)
            #expect(autosave.status == .conflict && autosave.text.contains("\"conflict\":true"))
            // Saving again from the warning page is the writer's choice: it replaces tab one's.
            let again = try await browser.post("/dashboard/posts/\(id)", form: Self.fields(title: "From tab two", revision: 2))
            #expect(again.status == .seeOther)
            #expect(try await site.store.post(id: id)?.title == "From tab two")
        }
    }

    @Test("Autosave makes a new draft, then saves it by revision; a published post is not autosaved; a lost session is told in JSON")
    func autosave() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let first = try await browser.post("/dashboard/posts", form: Self.fields(title: "Typed", action: "autosave"), json: true)
            #expect(first.status == .ok && first.text.contains("\"saved\":true") && first.text.contains("\"revision\":1"))
            let id = try #require(try await site.store.postSummaries(state: .draft).first?.id)
            #expect(
                first.text.contains("\"edit\":\"\\/dashboard\\/posts\\/\(id)\\/edit\"")
                    || first.text.contains("/dashboard/posts/\(id)/edit"))
            let next = try await browser.post(
                "/dashboard/posts/\(id)", form: Self.fields(title: "Typed more", action: "autosave", revision: 1), json: true)
            #expect(next.text.contains("\"revision\":2"))
            #expect(try await site.store.post(id: id)?.title == "Typed more")
            let live = try await browser.post(
                "/dashboard/posts/\(site.post.id)", form: Self.fields(title: "Not live yet", action: "autosave", revision: 1), json: true)
            #expect(live.status == .ok && live.text.contains("\"saved\":false"))
            #expect(try await site.store.post(id: site.post.id)?.title == site.post.title)
        }
        try await site.test { browser async throws in
            let lost = try await browser.post("/dashboard/posts", form: Self.fields(title: "Typed", action: "autosave"), json: true)
            #expect(lost.status == .unauthorized && lost.headers[.contentType] == "application/problem+json")
        }
    }

    @Test("Preview renders the body with the server's renderer and saves nothing, as a button and for the script")
    func preview() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let before = try await site.store.postCount()
            let page = try await browser.post(
                "/dashboard/posts", form: Self.fields(title: "Look", body: "# Big\n\n<script>x</script> and **bold**", action: "preview"))
            #expect(page.status == .ok)
            #expect(page.text.contains("<strong>bold</strong>") && !page.text.contains("<script>x"))
            #expect(page.text.contains("data-unsaved=\"1\""))
            #expect(try await site.store.postCount() == before)
            let json = try await browser.post("/dashboard/preview", form: ["body": "_hi_"], json: true)
            #expect(json.status == .ok && json.text.contains("<em>hi<\\/em>") || json.text.contains("<em>hi</em>"))
        }
    }

    @Test("An image is stored by its bytes and served with its type for a year; text, or too large, is refused")
    func uploads() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let stored = try await browser.multipart(
                "/dashboard/uploads", fields: [:], file: ("image", "photo.txt", "text/plain", TestImages.png), json: true)
            #expect(stored.status == .ok)
            let key = try #require(stored.text.split(separator: "\"").dropFirst().first { $0.count == 32 }.map(String.init))
            let image = try await browser.get("/uploads/\(key)")
            #expect(image.status == .ok && image.headers[.contentType] == "image/png")
            #expect(image.headers[.cacheControl]?.contains("immutable") == true)
            #expect(Array(image.body.readableBytesView) == TestImages.png)
            #expect(try await browser.get("/uploads/\(String(repeating: "0", count: 32))").status == .notFound)
            #expect(try await browser.get("/uploads/..%2Fetc").status == .notFound)

            let text = try await browser.multipart(
                "/dashboard/uploads", fields: [:], file: ("image", "a.png", "image/png", Array("not a picture".utf8)), json: true)
            #expect(text.status == .unsupportedMediaType)
            let big = try await browser.multipart(
                "/dashboard/uploads", fields: [:],
                file: ("image", "a.png", "image/png", TestImages.png + [UInt8](repeating: 0, count: Limits.imageBytes)),
                json: true)
            #expect(big.status == .contentTooLarge)
        }
    }

    @Test("Without a script, an image goes into the saved draft's body or becomes its cover, and the page shows it")
    func uploadIntoPost() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let id = try Self.editedID(try await browser.post("/dashboard/posts", form: Self.fields(title: "Pictures")))
            let body = try await browser.multipart(
                "/dashboard/posts/\(id)/images", fields: ["purpose": "body", "revision": "1"],
                file: ("image", "a.png", "image/png", TestImages.png))
            #expect(body.status == .seeOther && body.location?.hasSuffix("done=uploaded") == true)
            let withImage = try #require(try await site.store.post(id: id))
            #expect(withImage.bodyMarkdown.contains("](/uploads/") && withImage.bodyHTML.contains("<img"))
            let cover = try await browser.multipart(
                "/dashboard/posts/\(id)/images", fields: ["purpose": "cover", "revision": "2"],
                file: ("image", "a.png", "image/png", TestImages.png))
            #expect(cover.status == .seeOther)
            let covered = try #require(try await site.store.post(id: id))
            let key = try #require(covered.coverImage)
            #expect(try await browser.get("/p/\(covered.slug)").text.contains("src=\"/uploads/\(key.rawValue)\""))
            let refused = try await browser.multipart(
                "/dashboard/posts/\(id)/images", fields: ["purpose": "cover", "revision": "3"],
                file: ("image", "a.gif", "image/gif", Array("GIF".utf8)))
            #expect(refused.status == .unsupportedMediaType && refused.text.contains("id=\"editor-image-error\""))
        }
    }

    @Test("Deleting asks first, then takes the post and its discussion away")
    func deleting() async throws {
        let site = try await TestSite()
        try await site.comment("A comment", by: site.reader)
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let confirm = try await browser.get("/dashboard/posts/\(site.post.id)/delete")
            #expect(confirm.text.contains("1 comment"))
            let deleted = try await browser.post("/dashboard/posts/\(site.post.id)/delete")
            #expect(deleted.status == .seeOther && deleted.location?.contains("done=deleted") == true)
            #expect(try await site.store.post(id: site.post.id) == nil)
            #expect(try await browser.get("/p/\(site.post.slug)").status == .notFound)
            #expect(try await browser.get("/dashboard/posts/\(site.post.id)/edit").status == .notFound)
        }
    }
}
