import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import UseCases

@Suite("Pages")
struct PageTests {
    @Test("The home page lists the publication's posts, newest first, with the subscribe box")
    func homeListsPosts() async throws {
        let site = try await TestSite()
        _ = try await site.actions.addPost(AddPostInput(title: "Second post", authorEmail: site.owner.email))
        try await site.test { browser async throws in
            let page = try await browser.get("/")
            #expect(page.status == .ok)
            #expect(page.text.contains("Field Notes"))
            #expect(page.text.contains("Notes from the field."))
            #expect(page.text.contains("Ready for more?"))
            let second = try #require(page.text.range(of: "Second post"))
            let first = try #require(page.text.range(of: "First post"))
            #expect(second.lowerBound < first.lowerBound)
        }
    }

    @Test("A home page without visible posts says No posts")
    func emptyHome() async throws {
        // Given a site whose only post is a draft
        let site = try await TestSite(publishedPost: false)
        try await site.test { browser async throws in
            // When a reader opens the home page
            let page = try await browser.get("/").text
            // Then it says No posts, hides the draft, and still offers to subscribe
            #expect(page.contains("No posts"))
            #expect(!page.contains(site.post.title))
            #expect(page.contains("Ready for more?"))
        }
    }

    @Test("The post page shows the article, the discussion, More from and Ready for more")
    func postPageSections() async throws {
        let site = try await TestSite()
        let rita = site.reader
        let root = try await site.comment("What a **lovely** start", by: rita)
        try await site.comment("Thank you!", by: site.owner, replyTo: root.id)
        try await site.test { browser async throws in
            let page = try await browser.get("/p/\(site.post.slug)").text
            #expect(page.contains("<h1>First post</h1>"))
            #expect(page.contains("A subtitle"))
            #expect(page.contains("Hello <strong>world</strong>."))
            #expect(page.contains("Discussion about this post"))
            #expect(page.contains("alt=\"Rita Reader&#39;s avatar\""))
            #expect(page.contains("alt=\"Olive Owner&#39;s avatar\""))
            #expect(page.contains("<strong>lovely</strong>"))
            #expect(page.contains("<time datetime=\""))
            #expect(page.contains("class=\"badge\">Author</span>"))
            #expect(page.contains("More from Field Notes"))
            #expect(page.contains("No posts"))
            #expect(page.contains("Ready for more?"))
            #expect(page.contains("Sign in to join the discussion"))
            #expect(!page.contains("more comments..."))
            // The sections come in the order the spec gives.
            let order = ["<article class=\"post\"", "Discussion about this post", "More from Field Notes", "Ready for more?"]
                .map { page.range(of: $0)?.lowerBound }
            let found = try #require(order.allSatisfy { $0 != nil } ? order.compactMap { $0 } : nil, "a section is missing")
            #expect(found == found.sorted())
        }
    }

    @Test("Signed in, the composer shows the viewer's own avatar")
    func composerShowsViewerAvatar() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let page = try await browser.get("/p/\(site.post.slug)").text
            #expect(page.contains("alt=\"User&#39;s avatar\""))
            #expect(page.contains("class=\"comment-form\""))
            #expect(!page.contains("Sign in to join the discussion"))
        }
    }

    @Test("N more comments counts every comment the preview does not show, replies included")
    func moreCommentsCount() async throws {
        // Given 7 roots, each with 3 replies: 28 comments
        let site = try await TestSite()
        for index in 0..<7 {
            let root = try await site.comment("Root \(index)", by: site.reader)
            for reply in 0..<3 { try await site.comment("Reply \(index).\(reply)", by: site.owner, replyTo: root.id) }
        }
        try await site.test { browser async throws in
            let page = try await browser.get("/p/\(site.post.slug)").text
            // Then the preview shows 5 roots with 2 replies each (15), so 13 more
            #expect(occurrences(of: "class=\"comment\"", in: page) == Limits.previewRoots * (1 + Limits.previewRepliesPerRoot))
            #expect(page.contains(">13 more comments...</a>"))
            #expect(page.contains("href=\"/p/\(site.post.slug)/comments\""))
        }
    }

    @Test("Other posts appear under More from the publication")
    func moreFromLists() async throws {
        let site = try await TestSite()
        _ = try await site.actions.addPost(AddPostInput(title: "Another story", authorEmail: site.owner.email))
        try await site.test { browser async throws in
            let page = try await browser.get("/p/\(site.post.slug)").text
            let moreFrom = try #require(page.range(of: "More from Field Notes"))
            #expect(page[moreFrom.upperBound...].contains("Another story"))
        }
    }

    @Test("Unknown posts and drafts are not found")
    func unknownPost() async throws {
        let site = try await TestSite()
        let draft = try await site.actions.addPost(AddPostInput(title: "Secret", authorEmail: site.owner.email, draft: true))
        try await site.test { browser async throws in
            #expect(try await browser.get("/p/no-such-post").status == .notFound)
            #expect(try await browser.get("/p/\(draft.slug)").status == .notFound)
            #expect(try await browser.get("/p/\(site.post.slug)/comment/999999").status == .notFound)
            #expect(try await browser.get("/p/\(site.post.slug)/comment/abc").status == .notFound)
        }
    }

    @Test("Every response forbids loading from other origins")
    func securityHeaders() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            let page = try await browser.get("/p/\(site.post.slug)")
            let policy = try #require(page.headers[.contentSecurityPolicy])
            #expect(policy.contains("default-src 'self'"))
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            // Absolute addresses appear only where a page names itself (canonical link, Open
            // Graph tags), and then only the site's own public address.
            let own = "http://127.0.0.1:8080/"
            let absolute = page.text.ranges(of: /https?:\/\//).map { String(page.text[$0.lowerBound...].prefix(own.count)) }
            #expect(!absolute.isEmpty && absolute.allSatisfy { $0 == own }, "\(absolute)")
            #expect(!page.text.contains("src=\"http") && !page.text.contains("<link rel=\"stylesheet\" href=\"http"))
        }
    }

    @Test("Avatars are generated pictures with the member's initials")
    func generatedAvatar() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            let avatar = try await browser.get("/members/\(site.reader.id)/avatar.svg")
            #expect(avatar.status == .ok)
            #expect(avatar.headers[.contentType] == "image/svg+xml")
            #expect(avatar.text.contains(">RR</text>"))
            #expect(try await browser.get("/members/424242/avatar.svg").status == .notFound)
        }
    }

    @Test("Pages link the stylesheet, script and icon under hashed names, cached for a year")
    func staticAssets() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            // Given the home page's links
            let page = try await browser.get("/")
            let css = try #require(page.text.firstMatch(of: /href="(\/static\/parley\.[0-9a-f]{8}\.css)"/)?.1)
            let js = try #require(page.text.firstMatch(of: /src="(\/static\/parley\.[0-9a-f]{8}\.js)"/)?.1)
            let icon = try #require(page.text.firstMatch(of: /<link rel="icon" href="(\/static\/favicon\.[0-9a-f]{8}\.svg)"/)?.1)
            for (path, type) in [(css, "text/css"), (js, "text/javascript"), (icon, "image/svg+xml")] {
                // When each is fetched
                let asset = try await browser.get(String(path))
                // Then it comes from this origin, immutable, with an ETag that answers 304
                #expect(asset.status == .ok)
                #expect(asset.headers[.contentType]?.hasPrefix(type) == true)
                #expect(asset.headers[.cacheControl] == "public, max-age=31536000, immutable")
                let etag = try #require(asset.headers[.eTag])
                let again = try await browser.client.execute(
                    uri: String(path), method: .get, headers: [.ifNoneMatch: "\"other\", W/\(etag)"], body: nil
                ) { $0 }
                #expect(again.status == .notModified)
                #expect(again.text.isEmpty)
            }
            // The plain names still answer, revalidated on each use; other files are unknown
            let plain = try await browser.get("/static/parley.css")
            #expect(plain.status == .ok)
            #expect(plain.headers[.cacheControl] == "public, no-cache")
            #expect(plain.text == (try await browser.get(String(css)).text))
            #expect(try await browser.get("/static/parley.js").status == .ok)
            #expect(try await browser.get("/static/nothing.js").status == .notFound)
            let favicon = try await browser.get("/favicon.ico")
            #expect(favicon.status == .ok)
            #expect(favicon.headers[.contentType] == "image/svg+xml")
            #expect(favicon.text.hasPrefix("<svg"))
            #expect(try await browser.get("/healthz").status == .ok)
        }
    }

    @Test(
        "Given a hashed name of a known file with another version's hash (a rolling deploy), when it is fetched, then the current bytes answer, revalidated on each use and never immutable"
    )
    func otherVersionOfAnAsset() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            // Given the current stylesheet, as the page links it
            let page = try await browser.get("/")
            let css = try #require(page.text.firstMatch(of: /href="(\/static\/parley\.[0-9a-f]{8}\.css)"/)?.1)
            let current = try await browser.get(String(css))
            let etag = try #require(current.headers[.eTag])
            for other in ["/static/parley.00000000.css", "/static/parley.0123456789abcdef.css"] {
                // When a page of another version asks for its own hash
                let asset = try await browser.get(other)
                // Then it gets this version's bytes, with their ETag, to be asked for again next time
                #expect(asset.status == .ok)
                #expect(asset.text == current.text)
                #expect(asset.headers[.contentType] == "text/css; charset=utf-8")
                #expect(asset.headers[.eTag] == etag)
                #expect(asset.headers[.cacheControl] == "public, no-cache")
                let again = try await browser.client.execute(uri: other, method: .get, headers: [.ifNoneMatch: etag], body: nil) { $0 }
                #expect(again.status == .notModified)
            }
            #expect(try await browser.get("/static/parley.00000000.js").status == .ok)
            #expect(try await browser.get("/static/favicon.ffffffff.svg").headers[.cacheControl] == "public, no-cache")
            // And a name that is no file of ours is still unknown, hash or not
            #expect(try await browser.get("/static/nothing.00000000.js").status == .notFound)
            #expect(try await browser.get("/static/parley.00000000.txt").status == .notFound)
            #expect(try await browser.get("/static/parley.nothex00.css").status == .notFound)
        }
    }
}
