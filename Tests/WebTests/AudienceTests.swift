import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import UseCases

extension Browser {
    /// Posts a multipart form: text fields, and a file when given, with the CSRF token as a part.
    func multipart(
        _ uri: String, fields: [String: String], file: (field: String, name: String, text: String)? = nil
    ) async throws
        -> TestResponse
    {
        if cookies["__Host-parley_csrf"] == nil { try await get("/") }
        let boundary = "----parley-audience-\(UUID().uuidString)"
        var body = ""
        for (name, value) in fields.merging(["_csrf": csrf], uniquingKeysWith: { a, _ in a }).sorted(by: { $0.key < $1.key }) {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        if let file {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\n"
            body += "Content-Type: text/csv\r\n\r\n\(file.text)\r\n"
        }
        body += "--\(boundary)--\r\n"
        var headers = HTTPFields()
        headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body)) { $0 }
    }
}

@Suite("The writer's audience pages: dashboard home, subscribers, import, figures")
struct AudienceTests {
    static func pages(subscriber: SubscriberID) -> [String] {
        [
            "/dashboard", "/dashboard/subscribers", "/dashboard/subscribers?q=a&status=active&source=form",
            "/dashboard/subscribers/export.csv", "/dashboard/subscribers/import", "/dashboard/subscribers/\(subscriber)",
            "/dashboard/figures", "/dashboard/figures?period=12m",
        ]
    }

    @Test(
        "Signed out, every audience page sends the visitor to sign in; a member gets 403; a moderator is sent from the home to moderation and refused the rest; owners and admins get them"
    )
    func pageMatrix() async throws {
        let site = try await TestSite()
        let moderator = try await site.member("Maud", role: .moderator)
        let admin = try await site.member("Ada", role: .admin)
        #expect(try await site.store.insertSubscriber(email: "list@example.com", createdAt: Date()))
        let subscriber = try #require(try await site.store.subscriber(email: "list@example.com"))
        try await site.test { browser async throws in
            for page in Self.pages(subscriber: subscriber.id) {
                let response = try await browser.get(page)
                #expect(response.status == .seeOther && response.location?.hasPrefix("/sign-in?next=%2Fdashboard") == true, "\(page)")
            }
        }
        for (person, role) in [(site.reader, Role.member), (moderator, .moderator), (admin, .admin), (site.owner, .owner)] {
            try await site.test { browser async throws in
                try await browser.signIn(person.email)
                for page in Self.pages(subscriber: subscriber.id) {
                    let response = try await browser.get(page)
                    switch role {
                    case .member: #expect(response.status == .forbidden, "\(role) \(page)")
                    case .moderator where page == "/dashboard":
                        #expect(response.status == .seeOther && response.location == "/dashboard/moderation")
                    case .moderator: #expect(response.status == .forbidden, "\(role) \(page)")
                    case .admin, .owner: #expect(response.status == .ok, "\(role) \(page) answered \(response.status)")
                    }
                }
            }
        }
    }

    @Test("A member's or moderator's audience forms are refused with 403 and change nothing; signed out they go to sign in")
    func formMatrix() async throws {
        let site = try await TestSite()
        let moderator = try await site.member("Maud", role: .moderator)
        #expect(try await site.store.insertSubscriber(email: "list@example.com", createdAt: Date()))
        let subscriber = try #require(try await site.store.subscriber(email: "list@example.com"))
        for person in [site.reader, moderator] {
            try await site.test { browser async throws in
                try await browser.signIn(person.email)
                let before = try await site.store.exportSite()
                let imported = try await browser.multipart(
                    "/dashboard/subscribers/import", fields: ["addresses": "new@example.com", "mode": "confirmed", "attest": "yes"])
                #expect(imported.status == .forbidden)
                let removed = try await browser.post("/dashboard/subscribers/\(subscriber.id)/remove")
                #expect(removed.status == .forbidden)
                var after = try await site.store.exportSite()
                after.sessions = before.sessions
                #expect(after == before)
            }
        }
        try await site.test { browser async throws in
            let removed = try await browser.post("/dashboard/subscribers/\(subscriber.id)/remove")
            #expect(removed.status == .seeOther && removed.location?.hasPrefix("/sign-in") == true)
            #expect(try await site.store.subscriber(id: subscriber.id) != nil)
        }
    }

    @Test("The dashboard's home shows posts, comments and subscribers at a glance, with the links to each")
    func home() async throws {
        let site = try await TestSite()
        try await site.comment("Hello there", by: site.reader)
        #expect(try await site.store.insertSubscriber(email: "one@example.com", createdAt: Date()))
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let page = try await browser.get("/dashboard")
            #expect(page.status == .ok)
            #expect(page.text.contains("1 published"))
            #expect(page.text.contains("1 comment in the last 7 days"))
            #expect(page.text.contains("1 active subscriber"))
            #expect(page.text.contains("1 new in the last 30 days"))
            #expect(page.text.contains("href=\"/dashboard\" aria-current=\"page\""))
            #expect(page.text.contains("href=\"/dashboard/subscribers\""))
            #expect(page.text.contains("href=\"/dashboard/figures\""))
        }
    }

    @Test("The subscriber list searches addresses and filters by status and source; addresses are escaped")
    func list() async throws {
        let site = try await TestSite()
        #expect(try await site.store.insertSubscriber(email: "ann<b>@example.com", createdAt: Date()))
        #expect(try await site.store.insertSubscriber(email: "bob@example.org", createdAt: Date()))
        _ = try await site.actions.subscribe(email: "cy@example.com")
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let all = try await browser.get("/dashboard/subscribers")
            #expect(all.text.contains("ann&lt;b&gt;@example.com") && !all.text.contains("ann<b>"))
            #expect(all.text.contains("bob@example.org") && all.text.contains("cy@example.com"))
            let search = try await browser.get("/dashboard/subscribers?q=EXAMPLE.ORG")
            #expect(search.text.contains("bob@example.org") && !search.text.contains("cy@example.com"))
            let pending = try await browser.get("/dashboard/subscribers?status=pending")
            #expect(pending.text.contains("cy@example.com") && !pending.text.contains("bob@example.org"))
            let form = try await browser.get("/dashboard/subscribers?source=form")
            #expect(form.text.contains("cy@example.com") && !form.text.contains("bob@example.org"))
            #expect(all.text.contains("Active: <strong>2</strong>") && all.text.contains("Pending: <strong>1</strong>"))
        }
    }

    @Test("The CSV export holds the filtered list, one subscriber a row, and no cell starts a formula")
    func export() async throws {
        let site = try await TestSite()
        #expect(try await site.store.insertSubscriber(email: "=cmd@example.com", createdAt: Date(timeIntervalSince1970: 1_781_234_567)))
        #expect(try await site.store.insertSubscriber(email: "bob@example.org", createdAt: Date(timeIntervalSince1970: 1_781_234_568)))
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let csv = try await browser.get("/dashboard/subscribers/export.csv")
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            let lines = csv.text.split(separator: "\r\n").map(String.init)
            #expect(lines.first == "email,status,source,created_at,confirmed_at")
            #expect(lines.count == 3)
            #expect(lines[1].hasPrefix("bob@example.org,active,added,2026-06-12T"))
            #expect(lines[2].hasPrefix("'=cmd@example.com,active,added,"))
            let filtered = try await browser.get("/dashboard/subscribers/export.csv?q=bob")
            #expect(filtered.text.split(separator: "\r\n").count == 2)
            // What the export wrote, an import reads back.
            #expect(try SubscriberCSV.file(csv.text).addresses == ["bob@example.org", "=cmd@example.com"])
        }
    }

    @Test(
        "Given a CSV file, when it is imported for double opt-in, then new addresses are pending, each is mailed a confirmation, and the audit log has it"
    )
    func importOptIn() async throws {
        let site = try await TestSite()
        #expect(try await site.store.insertSubscriber(email: "old@example.com", createdAt: Date()))
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let response = try await browser.multipart(
                "/dashboard/subscribers/import", fields: ["mode": "opt-in", "note": "From my old newsletter"],
                file: ("file", "list.csv", "Name,Email\nAna,ana@example.com\nOld,OLD@example.com\nZed,zed@example.net\n"))
            #expect(response.status == .seeOther)
            #expect(response.location == "/dashboard/subscribers?done=imported")
            let list = try await browser.get(try #require(response.location))
            #expect(list.text.contains("Import done: each new address was sent a confirmation email"))
        }
        #expect(try await site.store.subscriber(email: "ana@example.com")?.status == .pending)
        #expect(try await site.store.subscriber(email: "ana@example.com")?.source == .importOptIn)
        #expect(try await site.mail(to: "ana@example.com").count == 1)
        #expect(try await site.mail(to: "zed@example.net").count == 1)
        #expect(try await site.mail(to: "old@example.com").isEmpty)
        let entry = try #require(try await site.store.auditLog(filter: AuditFilter(), before: nil, limit: 1).first)
        #expect(entry.action == .importSubscribers && entry.actorID == site.owner.id && entry.reason == "From my old newsletter")
        #expect(entry.after == "ana@example.com\nzed@example.net")
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let audit = try await browser.get("/dashboard/audit?action=import_subscribers")
            #expect(audit.text.contains("import subscribers (double opt-in)") && audit.text.contains("zed@example.net"))
        }
    }

    @Test(
        "An import 'confirmed elsewhere' needs the attestation: without it the form says so at the checkbox and nothing changes; with it the addresses are active"
    )
    func importConfirmed() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let before = try await site.store.exportSite()
            let refused = try await browser.multipart(
                "/dashboard/subscribers/import",
                fields: ["mode": "confirmed", "addresses": "ana@example.com\nbo@example.com", "note": "Mailchimp"])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("id=\"import-attest-error\""))
            #expect(refused.text.contains("aria-invalid=\"true\""))
            #expect(refused.text.contains("ana@example.com\nbo@example.com</textarea>"))
            #expect(refused.text.contains("value=\"Mailchimp\""))
            var after = try await site.store.exportSite()
            after.sessions = before.sessions
            #expect(after == before)

            let done = try await browser.multipart(
                "/dashboard/subscribers/import",
                fields: ["mode": "confirmed", "addresses": "ana@example.com, bo@example.com", "attest": "yes", "note": "Mailchimp"])
            #expect(done.status == .seeOther)
            #expect(done.location == "/dashboard/subscribers?done=imported-confirmed")
        }
        let ana = try #require(try await site.store.subscriber(email: "ana@example.com"))
        #expect(ana.status == .active && ana.source == .importConfirmed && ana.confirmedAt != nil)
        #expect(try await site.mail(to: "ana@example.com").isEmpty)
        let entry = try #require(try await site.store.auditLog(filter: AuditFilter(), before: nil, limit: 1).first)
        #expect(entry.action == .importConfirmedSubscribers && entry.reason == "Mailchimp")
    }

    @Test(
        "A list with lines that are not addresses is refused whole, naming the lines; a file with no address column, an empty form and a file that is not UTF-8 too"
    )
    func importRefused() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let before = try await site.store.exportSite()
            let bad = try await browser.multipart(
                "/dashboard/subscribers/import", fields: ["mode": "opt-in"],
                file: ("file", "list.csv", "email\nana@example.com\nnot-an-address\n<script>@\n"))
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("These 2 lines are not email addresses:"))
            #expect(bad.text.contains("Line 3: <code>not-an-address</code>"))
            #expect(bad.text.contains("Line 4: <code>&lt;script&gt;@</code>"))
            let noColumn = try await browser.multipart(
                "/dashboard/subscribers/import", fields: ["mode": "opt-in"], file: ("file", "list.csv", "name\nAna\n"))
            #expect(noColumn.status == .unprocessableContent && noColumn.text.contains("id=\"import-file-error\""))
            let empty = try await browser.multipart("/dashboard/subscribers/import", fields: ["mode": "opt-in"])
            #expect(empty.status == .unprocessableContent && empty.text.contains("This field is required."))
            let mode = try await browser.multipart("/dashboard/subscribers/import", fields: ["mode": "both", "addresses": "a@example.com"])
            #expect(mode.status == .unprocessableContent)
            var after = try await site.store.exportSite()
            after.sessions = before.sessions
            #expect(after == before)
        }
    }

    @Test(
        "Given a subscriber, when an admin removes it from its page, then it stays listed as unsubscribed, the list says so and the audit log keeps the address"
    )
    func remove() async throws {
        let site = try await TestSite()
        #expect(try await site.store.insertSubscriber(email: "reader@example.com", createdAt: Date()))
        let subscriber = try #require(try await site.store.subscriber(email: "reader@example.com"))
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let page = try await browser.get("/dashboard/subscribers/\(subscriber.id)")
            #expect(page.text.contains("<h1>reader@example.com</h1>"))
            #expect(page.text.contains("href=\"/members/\(site.reader.id)\""))
            let removed = try await browser.post("/dashboard/subscribers/\(subscriber.id)/remove")
            #expect(removed.status == .seeOther)
            let list = try await browser.get(try #require(removed.location))
            #expect(list.text.contains("The subscriber was taken off the list: it is now unsubscribed"))
            // A link with a notice of its own making shows none of it.
            let forged = try await browser.get(
                "/dashboard/subscribers?removed=boss%40example.com%20asks%20you%20to%20sign%20in%20at%20evil.example&added=999&listed=5&done=evil"
            )
            #expect(forged.status == .ok)
            #expect(!forged.text.contains("evil.example") && !forged.text.contains("999") && !forged.text.contains("taken off the list"))
            // It stays on the list as unsubscribed, with no form to remove it again.
            #expect(list.text.contains("/dashboard/subscribers/\(subscriber.id)"))
            let kept = try await browser.get("/dashboard/subscribers/\(subscriber.id)")
            #expect(kept.status == .ok && !kept.text.contains("/remove\""))
            #expect(try await browser.post("/dashboard/subscribers/\(subscriber.id)/remove").status == .notFound)
        }
        #expect(try await site.store.subscriber(id: subscriber.id)?.status == .unsubscribed)
        let entry = try #require(try await site.store.auditLog(filter: AuditFilter(action: .removeSubscriber), before: nil, limit: 5).first)
        #expect(entry.before == "reader@example.com" && entry.actorID == site.owner.id)
    }

    @Test(
        "Staff see a member's subscription on the member's page; owners and admins get the link to manage it; other members see nothing of it"
    )
    func memberPage() async throws {
        let site = try await TestSite()
        let moderator = try await site.member("Maud", role: .moderator)
        let other = try await site.member("Otto")
        #expect(try await site.store.insertSubscriber(email: "reader@example.com", createdAt: Date()))
        let subscriber = try #require(try await site.store.subscriber(email: "reader@example.com"))
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let page = try await browser.get("/members/\(site.reader.id)")
            #expect(page.text.contains("<h2 id=\"subscription-heading\">Newsletter</h2>"))
            #expect(page.text.contains("<strong>Active</strong>"))
            #expect(page.text.contains("href=\"/dashboard/subscribers/\(subscriber.id)\""))
            let none = try await browser.get("/members/\(other.id)")
            #expect(none.text.contains("Not on the newsletter list."))
        }
        try await site.test { browser async throws in
            try await browser.signIn(moderator.email)
            let page = try await browser.get("/members/\(site.reader.id)")
            #expect(page.text.contains("<strong>Active</strong>") && !page.text.contains("/dashboard/subscribers/"))
        }
        try await site.test { browser async throws in
            try await browser.signIn(other.email)
            let page = try await browser.get("/members/\(site.reader.id)")
            #expect(!page.text.contains("subscription-heading"))
        }
    }

    @Test("The figures page draws each chart as SVG with a table beside it, for the period asked")
    func figures() async throws {
        let site = try await TestSite()
        try await site.comment("First!", by: site.reader)
        try await site.comment("Second", by: site.owner)
        try await site.comment("Third", by: site.reader)
        #expect(try await site.store.insertSubscriber(email: "one@example.com", createdAt: Date()))
        let one = try #require(try await site.store.subscriber(email: "one@example.com"))
        #expect(try await site.store.likePost(postID: site.post.id, subscriberID: one.id, at: Date()))
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let page = try await browser.get("/dashboard/figures")
            #expect(page.status == .ok)
            #expect(occurrences(of: "<svg class=\"chart", in: page.text) == 4)
            #expect(occurrences(of: "<table", in: page.text) == 4)
            #expect(page.text.contains("<title id=\"growth-chart-title\">Subscribers over time (Last 12 weeks)</title>"))
            #expect(
                page.text.contains("<th scope=\"row\"><a href=\"/p/\(site.post.slug)\">First post</a></th><td>3</td><td>0</td><td>1</td>"))
            #expect(page.text.contains("<th scope=\"col\">Likes on comments</th><th scope=\"col\">Likes of the post (from letters)</th>"))
            #expect(page.text.contains("<a href=\"/members/\(site.reader.id)\">Rita Reader</a></th><td>2</td>"))
            #expect(page.text.contains("<th scope=\"row\">1–4</th><td>1</td>"))
            #expect(!page.text.contains("<script>"))
            let month = try await browser.get("/dashboard/figures?period=30d")
            #expect(month.text.contains("Subscribers over time (Last 30 days)"))
            #expect(occurrences(of: "<circle", in: month.text) == 30)
            // The last point is today's list.
            #expect(month.text.contains("<td>1</td><td>1</td><td>0</td></tr></tbody>"))
        }
    }
}
