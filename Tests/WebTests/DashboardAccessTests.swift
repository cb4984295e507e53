import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import UseCases

/// Who may open each staff page and send each staff form: the whole matrix of routes and roles.
@Suite("The staff pages answer each role as it should")
struct DashboardAccessTests {
    /// The pages, each with the least role that may open it.
    static func pages(member: MemberID, post: PostID, subscriber: SubscriberID) -> [(path: String, need: Role)] {
        [
            ("/dashboard/moderation", .moderator),
            ("/dashboard/moderation?tab=held", .moderator),
            ("/dashboard/moderation?tab=removed", .moderator),
            ("/dashboard/members/\(member)/ban", .moderator),
            ("/dashboard/members", .admin),
            ("/dashboard/members?q=rita&role=member", .admin),
            ("/dashboard/audit", .admin),
            ("/dashboard/audit?action=ban", .admin),
            ("/dashboard/settings/moderation", .admin),
            ("/dashboard/settings", .admin),
            ("/dashboard/settings?saved=1", .admin),
            // The writer's side: owners and admins only.
            ("/dashboard/posts", .admin),
            ("/dashboard/posts?state=draft&q=field", .admin),
            ("/dashboard/posts/new", .admin),
            ("/dashboard/posts/\(post)/edit", .admin),
            ("/dashboard/posts/\(post)/delete", .admin),
            ("/dashboard/subscribers", .admin),
            ("/dashboard/subscribers?q=reader&status=active", .admin),
            ("/dashboard/subscribers/import", .admin),
            ("/dashboard/subscribers/export.csv", .admin),
            ("/dashboard/subscribers/\(subscriber)", .admin),
            ("/dashboard/figures", .admin),
            ("/dashboard/figures?range=year", .admin),
        ]
    }

    static func allows(_ role: Role, _ need: Role) -> Bool {
        switch need {
        case .moderator: role.isStaff
        case .admin: role == .owner || role == .admin
        case .owner: role == .owner
        case .member: true
        }
    }

    @Test("Signed out, every staff page sends the visitor to sign in and back; a member gets 403; a moderator only the queue and bans")
    func pageMatrix() async throws {
        let site = try await TestSite()
        let moderator = try await site.member("Maud", role: .moderator)
        let admin = try await site.member("Ada", role: .admin)
        let people: [(Member, Role)] = [(site.reader, .member), (moderator, .moderator), (admin, .admin), (site.owner, .owner)]
        _ = try await site.store.insertSubscriber(email: "listed@example.com", createdAt: Date())
        let subscriber = try #require(try await site.store.subscriber(email: "listed@example.com")).id
        try await site.test { browser async throws in
            for page in Self.pages(member: site.reader.id, post: site.post.id, subscriber: subscriber) {
                let response = try await browser.get(page.path)
                #expect(response.status == .seeOther, "\(page.path) signed out answered \(response.status)")
                #expect(response.location?.hasPrefix("/sign-in?next=%2Fdashboard%2F") == true, "\(page.path): \(response.location ?? "")")
            }
        }
        for (person, role) in people {
            try await site.test { browser async throws in
                try await browser.signIn(person.email)
                for page in Self.pages(member: site.reader.id, post: site.post.id, subscriber: subscriber) {
                    let response = try await browser.get(page.path)
                    let expected: HTTPResponse.Status = Self.allows(role, page.need) ? .ok : .forbidden
                    #expect(response.status == expected, "\(role) on \(page.path) answered \(response.status)")
                    if expected == .forbidden { #expect(response.text.contains("not allowed")) }
                    let json = try await browser.get(page.path, json: true)
                    if expected == .forbidden {
                        #expect(json.status == .forbidden)
                        #expect(json.headers[.contentType] == "application/problem+json")
                    }
                }
            }
        }
    }

    @Test("A member's staff forms are refused with 403 and change nothing; a moderator cannot set roles or settings")
    func formMatrix() async throws {
        let site = try await TestSite()
        let moderator = try await site.member("Maud", role: .moderator)
        let comment = try await site.comment("A fine comment", by: site.reader)
        _ = try await site.store.insertSubscriber(email: "listed@example.com", createdAt: Date())
        let listed = try #require(try await site.store.subscriber(email: "listed@example.com")).id
        let forms: [(path: String, form: [String: String], need: Role)] = [
            ("/dashboard/moderation/\(comment.id)/approve", [:], .moderator),
            ("/dashboard/moderation/\(comment.id)/reject", ["reason": "no"], .moderator),
            ("/dashboard/moderation/\(comment.id)/remove", ["reason": "no"], .moderator),
            ("/dashboard/moderation/\(comment.id)/restore", [:], .moderator),
            ("/dashboard/moderation/bulk", ["decision": "remove", "pick-\(comment.id)": "1"], .moderator),
            ("/dashboard/members/\(moderator.id)/ban", ["reason": "spam", "duration": "forever"], .moderator),
            ("/dashboard/members/\(moderator.id)/unban", [:], .moderator),
            ("/dashboard/members/\(site.reader.id)/role", ["role": "owner"], .admin),
            (
                "/dashboard/settings/moderation",
                ["hold_policy": "every", "max_links": "1", "reports_to_hold": "1", "spam_threshold": "0.5"], .admin
            ),
            ("/dashboard/settings", ["name": "Taken Over", "accent_colour": "#000000"], .admin),
            ("/dashboard/settings/logo/remove", [:], .admin),
            // A moderator can neither write, publish, delete a post nor touch the list.
            ("/dashboard/posts", ["action": "publish", "title": "Sneaked in", "body": "Words."], .admin),
            (
                "/dashboard/posts/\(site.post.id)",
                ["action": "unpublish", "title": site.post.title, "body": site.post.bodyMarkdown, "revision": "\(site.post.revision)"],
                .admin
            ),
            ("/dashboard/posts/\(site.post.id)/delete", [:], .admin),
            ("/dashboard/subscribers/\(listed)/remove", [:], .admin),
        ]
        for (person, role) in [(site.reader, Role.member), (moderator, .moderator)] {
            try await site.test { browser async throws in
                try await browser.signIn(person.email)
                for entry in forms where !Self.allows(role, entry.need) {
                    let before = try await site.store.exportSite()
                    let response = try await browser.post(entry.path, form: entry.form)
                    #expect(response.status == .forbidden, "\(role) posting \(entry.path) answered \(response.status)")
                    var after = try await site.store.exportSite()
                    after.sessions = before.sessions
                    #expect(after == before, "\(role) posting \(entry.path) changed the site")
                }
            }
        }
        try await site.test { browser async throws in
            for entry in forms {
                let before = try await site.store.exportSite()
                let response = try await browser.post(entry.path, form: entry.form)
                if response.status == .unauthorized {
                    // The editor keeps what was typed: its page again, with a way to sign in and come back.
                    #expect(entry.path.hasPrefix("/dashboard/posts"), "signed out, \(entry.path) answered 401")
                    #expect(response.text.contains("/sign-in?next=%2Fdashboard%2Fposts"), "\(entry.path): no way to sign in")
                } else {
                    #expect(response.status == .seeOther, "signed out, \(entry.path) answered \(response.status)")
                    #expect(response.location?.hasPrefix("/sign-in") == true)
                }
                #expect(try await site.store.exportSite() == before, "signed out, \(entry.path) changed the site")
            }
        }
    }

    @Test("The staff links show only the pages the viewer may open")
    func navigation() async throws {
        let site = try await TestSite()
        let moderator = try await site.member("Maud", role: .moderator)
        try await site.test { browser async throws in
            try await browser.signIn(moderator.email)
            let page = try await browser.get("/dashboard/moderation")
            #expect(page.text.contains("href=\"/dashboard/moderation\" aria-current=\"page\""))
            #expect(!page.text.contains("href=\"/dashboard/audit\""))
            #expect(!page.text.contains("href=\"/dashboard/members\""))
        }
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let page = try await browser.get("/dashboard/moderation")
            for path in ["/dashboard/members", "/dashboard/audit", "/dashboard/settings/moderation"] {
                #expect(page.text.contains("href=\"\(path)\""))
            }
        }
    }
}
