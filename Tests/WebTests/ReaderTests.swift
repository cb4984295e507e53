import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Mail
import Storage
import Testing
import UseCases

/// What readers use to find and follow posts: the archive and its search, the feeds, the
/// sitemap and robots.txt, link previews, the subscribers-only teaser, and a like from a letter.
@Suite("Readers")
struct ReaderTests {
    /// A subscribers-only post on the test site, written straight to the store (the editor sets the audience).
    static func subscribersPost(_ site: TestSite) async throws -> Post {
        try await site.store.insertPost(
            NewPost(
                slug: "members-only", title: "For our members", subtitle: "Subscribers read on",
                bodyMarkdown: "An opening anyone may read.\n\nThe hidden orchard plans.",
                bodyHTML: "<p>An opening anyone may read.</p><p>The hidden orchard plans.</p>", authorID: site.owner.id,
                state: .published, audience: .subscribers, publishedAt: Date().addingTimeInterval(-60), createdAt: Date()))
    }

    @Test("The archive lists every visible post newest first, and its search finds posts by words of their bodies")
    func archiveAndSearch() async throws {
        let site = try await TestSite()
        _ = try await site.actions.addPost(
            AddPostInput(title: "Bees in December", bodyMarkdown: "The **hive** hums through the cold.", authorEmail: site.owner.email))
        _ = try await site.actions.addPost(
            AddPostInput(title: "Hidden draft", bodyMarkdown: "hive", authorEmail: site.owner.email, draft: true))
        // What the background indexer does every few seconds in a running site.
        try await site.actions.refreshSearchIndex()
        try await site.test { browser async throws in
            let archive = try await browser.get("/archive")
            #expect(archive.status == .ok)
            #expect(archive.text.contains("<h1 id=\"archive-heading\">Archive</h1>"))
            let bees = try #require(archive.text.range(of: "Bees in December"))
            let first = try #require(archive.text.range(of: "First post"))
            #expect(bees.lowerBound < first.lowerBound)
            #expect(!archive.text.contains("Hidden draft"))
            #expect(archive.text.contains("<link rel=\"canonical\" href=\"http://127.0.0.1:8080/archive\">"))

            let found = try await browser.get("/archive?q=HIVE").text
            #expect(found.contains("Posts matching “HIVE”"))
            #expect(found.contains("Bees in December"))
            #expect(found.contains("The hive hums through the cold."))
            #expect(!found.contains("First post"))
            #expect(!found.contains("Hidden draft"))
            #expect(try await browser.get("/archive?q=nothing%20like%20it").text.contains("No posts match “nothing like it”."))
            // Hostile queries are only words.
            let hostile = try await browser.get("/archive?q=%3Cscript%3E%22%27%3B%20DROP%20TABLE%20posts")
            #expect(hostile.status == .ok)
            #expect(!hostile.text.contains("<script>\""))
            #expect(try await browser.get("/archive?page=999999999999").status == .ok)
        }
    }

    @Test("A search only reads the index: a post added from the command line is found once the background indexer has run")
    func searchDoesNotIndex() async throws {
        let site = try await TestSite()
        _ = try await site.actions.addPost(AddPostInput(title: "Quinces", bodyMarkdown: "Quince jelly.", authorEmail: site.owner.email))
        try await site.test { browser async throws in
            #expect(!(try await browser.get("/archive?q=quince").text.contains("Quinces")))
        }
        #expect(try await site.actions.refreshSearchIndex() >= 1)
        try await site.test { browser async throws in
            #expect(try await browser.get("/archive?q=quince").text.contains("Quinces"))
        }
    }

    @Test("Many posts: the archive pages through them with Older and Newer links")
    func archivePages() async throws {
        let site = try await TestSite()
        for n in 1...Limits.archivePageSize {
            _ = try await site.actions.addPost(
                AddPostInput(title: "Note \(n)", authorEmail: site.owner.email, publishedAt: Date().addingTimeInterval(Double(n - 100))))
        }
        try await site.test { browser async throws in
            let first = try await browser.get("/archive").text
            #expect(first.contains("rel=\"next\" href=\"/archive?page=2\""))
            #expect(!first.contains("First post"))
            let second = try await browser.get("/archive?page=2").text
            #expect(second.contains("First post"))
            #expect(second.contains("rel=\"prev\" href=\"/archive\""))
            #expect(!second.contains("rel=\"next\""))
        }
    }

    @Test("A subscribers-only post shows others its teaser and the subscribe box, in the page, the feed and search")
    func subscribersOnlyTeaser() async throws {
        let site = try await TestSite()
        let post = try await Self.subscribersPost(site)
        let subscriber = try await site.member("Sam")
        _ = try await site.store.insertSubscriber(email: subscriber.email, createdAt: Date())
        try await site.actions.refreshSearchIndex()
        try await site.test { browser async throws in
            // Signed out: the teaser, the box, no hidden words anywhere.
            let page = try await browser.get("/p/\(post.slug)").text
            #expect(page.contains("An opening anyone may read."))
            #expect(!page.contains("orchard"))
            #expect(page.contains("This post is for subscribers"))
            #expect(page.contains("href=\"/subscribe\""))
            let feed = try await browser.get("/feed").text
            #expect(feed.contains("An opening anyone may read."))
            #expect(!feed.contains("orchard"))
            #expect(!(try await browser.get("/archive?q=orchard").text.contains("For our members")))
            #expect(try await browser.get("/archive?q=opening").text.contains("For our members"))
            #expect(!(try await browser.get("/archive").text.contains("orchard")))

            // A member without a subscription: still the teaser.
            try await browser.signIn(site.reader.email)
            #expect(!(try await browser.get("/p/\(post.slug)").text.contains("orchard")))
            #expect(!(try await browser.get("/archive?q=orchard").text.contains("For our members")))
        }
        try await site.test { browser async throws in
            // A subscriber reads it all, and finds it by its hidden words.
            try await browser.signIn(subscriber.email)
            let page = try await browser.get("/p/\(post.slug)").text
            #expect(page.contains("The hidden orchard plans."))
            #expect(!page.contains("This post is for subscribers"))
            #expect(try await browser.get("/archive?q=orchard").text.contains("For our members"))
        }
        try await site.test { browser async throws in
            // So does staff.
            try await browser.signIn(site.owner.email)
            #expect(try await browser.get("/p/\(post.slug)").text.contains("The hidden orchard plans."))
        }
    }

    @Test("A refused comment on a subscribers-only post shows a member who does not subscribe the teaser, not the body")
    func refusedCommentKeepsTheTeaser() async throws {
        let site = try await TestSite()
        let post = try await Self.subscribersPost(site)
        try await site.test { browser async throws in
            try await browser.signIn(site.reader.email)
            let page = try await browser.post("/p/\(post.slug)/comments", form: ["body": "   "])
            #expect(page.status != .ok)
            #expect(page.text.contains("An opening anyone may read."))
            #expect(page.text.contains("This post is for subscribers"))
            #expect(!page.text.contains("orchard"))
        }
    }

    @Test("The feed is RSS 2.0 at /feed and Atom at /feed/atom and ?format=atom, with the posts and escaped content")
    func postsFeed() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            let rss = try await browser.get("/feed")
            #expect(rss.status == .ok)
            #expect(rss.headers[.contentType] == "application/rss+xml; charset=utf-8")
            #expect(rss.text.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\""))
            #expect(rss.text.contains("<title>Field Notes</title>"))
            #expect(rss.text.contains("<link>http://127.0.0.1:8080/p/\(site.post.slug)</link>"))
            // Ids do not hold the slug: a renamed post is not a new entry to feed readers.
            #expect(rss.text.contains("<guid isPermaLink=\"false\">tag:127.0.0.1,2026:post-\(site.post.id.rawValue)</guid>"))
            #expect(rss.text.contains("<description>&lt;p&gt;Hello &lt;strong&gt;world&lt;/strong&gt;.&lt;/p&gt;</description>"))
            #expect(rss.text.contains("<dc:creator>Olive Owner</dc:creator>"))
            for path in ["/feed/atom", "/feed?format=atom"] {
                let atom = try await browser.get(path)
                #expect(atom.headers[.contentType] == "application/atom+xml; charset=utf-8")
                #expect(atom.text.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""))
                #expect(atom.text.contains("<id>tag:127.0.0.1,2026:post-\(site.post.id.rawValue)</id>"))
                #expect(
                    atom.text.contains("<link rel=\"alternate\" type=\"text/html\" href=\"http://127.0.0.1:8080/p/\(site.post.slug)\"/>"))
                #expect(atom.text.contains("<content type=\"html\">&lt;p&gt;Hello"))
            }
            // Every page says where the feed is.
            #expect(
                try await browser.get("/").text.contains(
                    "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Field Notes\" href=\"/feed\">"))
        }
    }

    @Test("A post's comments feed lists its visible comments, newest first; a draft has none")
    func commentsFeed() async throws {
        let site = try await TestSite()
        let first = try await site.comment("First <b>thought</b>", by: site.reader)
        try await site.comment("A reply", by: site.owner, replyTo: first.id)
        let draft = try await site.actions.addPost(AddPostInput(title: "Draft", authorEmail: site.owner.email, draft: true))
        try await site.test { browser async throws in
            let rss = try await browser.get("/p/\(site.post.slug)/comments/feed").text
            #expect(rss.contains("<title>Comments on “First post”</title>"))
            let reply = try #require(rss.range(of: "<title>Comment by Olive Owner</title>"))
            let root = try #require(rss.range(of: "<title>Comment by Rita Reader</title>"))
            #expect(reply.lowerBound < root.lowerBound)
            #expect(rss.contains("&amp;lt;b&amp;gt;thought&amp;lt;/b&amp;gt;"))  // the comment's own escaping, escaped again as XML
            #expect(rss.contains("<link>http://127.0.0.1:8080/p/\(site.post.slug)/comment/\(first.id)</link>"))
            let atom = try await browser.get("/p/\(site.post.slug)/comments/feed/atom").text
            #expect(atom.contains("<name>Rita Reader</name>"))
            #expect(try await browser.get("/p/\(draft.slug)/comments/feed").status == .notFound)
            #expect(try await browser.get("/p/\(site.post.slug)").text.contains("href=\"/p/\(site.post.slug)/comments/feed\""))
        }
    }

    @Test("sitemap.xml lists the home page, the archive and visible posts; robots.txt points to it and keeps crawlers out of accounts")
    func sitemapAndRobots() async throws {
        let site = try await TestSite()
        let draft = try await site.actions.addPost(AddPostInput(title: "Draft", authorEmail: site.owner.email, draft: true))
        try await site.test { browser async throws in
            let sitemap = try await browser.get("/sitemap.xml")
            #expect(sitemap.headers[.contentType] == "application/xml; charset=utf-8")
            #expect(sitemap.text.contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"))
            #expect(sitemap.text.contains("<loc>http://127.0.0.1:8080/</loc>"))
            #expect(sitemap.text.contains("<loc>http://127.0.0.1:8080/archive</loc>"))
            #expect(sitemap.text.contains("<loc>http://127.0.0.1:8080/p/\(site.post.slug)</loc><lastmod>"))
            #expect(!sitemap.text.contains(draft.slug))
            let robots = try await browser.get("/robots.txt")
            #expect(robots.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(robots.text.hasPrefix("User-agent: *\n"))
            #expect(robots.text.contains("Disallow: /dashboard\n"))
            #expect(robots.text.contains("Disallow: /settings\n"))
            #expect(robots.text.contains("Sitemap: http://127.0.0.1:8080/sitemap.xml\n"))
        }
    }

    @Test("The post page carries a canonical link, Open Graph and Twitter card tags")
    func socialTags() async throws {
        let site = try await TestSite()
        try await site.test { browser async throws in
            let page = try await browser.get("/p/\(site.post.slug)?liked=0").text
            #expect(page.contains("<link rel=\"canonical\" href=\"http://127.0.0.1:8080/p/\(site.post.slug)\">"))
            #expect(page.contains("<meta property=\"og:type\" content=\"article\">"))
            #expect(page.contains("<meta property=\"og:title\" content=\"First post - Field Notes\">"))
            #expect(page.contains("<meta property=\"og:description\" content=\"A subtitle\">"))
            #expect(page.contains("<meta property=\"og:site_name\" content=\"Field Notes\">"))
            #expect(page.contains("<meta name=\"twitter:card\" content=\"summary\">"))
            #expect(page.contains("<meta property=\"article:published_time\" content=\""))
            let home = try await browser.get("/").text
            #expect(home.contains("<meta property=\"og:type\" content=\"website\">"))
            #expect(home.contains("<link rel=\"canonical\" href=\"http://127.0.0.1:8080/\">"))
        }
    }

    @Test("The newsletter leads to the discussion: Leave a comment, a signed like that works through a page, plain text with links listed")
    func newsletterLetter() async throws {
        let site = try await TestSite()
        _ = try await site.store.insertSubscriber(email: "sam@example.com", createdAt: Date())
        var publication = try await site.store.publication()
        publication.accentColour = try #require(AccentColour("#0a7d3b"))
        try await site.store.updatePublication(publication)
        let post = try await site.actions.addPost(
            AddPostInput(
                title: "Spring",
                bodyMarkdown: "# Seeds\n\nSow **early**, see [the guide](https://guide.example/seeds) and [last week](/p/first-post).",
                authorEmail: site.owner.email))
        #expect(try await site.actions.sendNewsletterBatches(batchSize: 10) == 1)
        let letter = try #require(try await site.mail(to: "sam@example.com").first)
        let html = try #require(letter.html)
        #expect(html.contains(">Leave a comment</a>"))
        #expect(html.contains("href=\"http://127.0.0.1:8080/p/\(post.slug)#discussion\""))
        #expect(html.contains("background-color:#0a7d3b"))
        #expect(html.contains("href=\"http://127.0.0.1:8080/p/first-post\""))
        // The text part is plain: no Markdown marks, the links listed at the end.
        #expect(letter.text.contains("Seeds\n=====\n\nSow early, see the guide [1] and last week [2]."))
        #expect(letter.text.contains("Links:\n[1] https://guide.example/seeds\n[2] http://127.0.0.1:8080/p/first-post"))
        #expect(!letter.text.contains("**"))
        #expect(letter.text.contains("Leave a comment: http://127.0.0.1:8080/p/\(post.slug)#discussion"))
        let like = try #require(link(in: letter.text, after: "/p/\(post.slug)/like?"))

        try await site.test { browser async throws in
            // Opening the link (as a mail scanner does) only asks.
            let page = try await browser.get(like)
            #expect(page.status == .ok)
            #expect(page.text.contains("Like “Spring”?"))
            #expect(try await site.store.postLikeCount(postID: post.id) == 0)
            // A forged signature is refused and likes nothing.
            let forged = like.replacingOccurrences(of: "sig=", with: "sig=x")
            #expect(try await browser.get(forged).status == .notFound)
            let query = try #require(URLComponents(string: like)?.queryItems)
            let s = try #require(query.first { $0.name == "s" }?.value)
            let sig = try #require(query.first { $0.name == "sig" }?.value)
            #expect(try await browser.post("/p/\(post.slug)/like", form: ["s": s, "sig": "x" + sig]).status == .notFound)
            #expect(try await browser.post("/p/\(post.slug)/like", form: ["s": s, "sig": sig], csrf: "forged").status == .forbidden)
            #expect(try await site.store.postLikeCount(postID: post.id) == 0)
            // The button likes it, once, and shows the post.
            let liked = try await browser.post("/p/\(post.slug)/like", form: ["s": s, "sig": sig])
            #expect(liked.status == .seeOther)
            #expect(liked.location == "/p/\(post.slug)?liked=1#post-likes")
            _ = try await browser.post("/p/\(post.slug)/like", form: ["s": s, "sig": sig])
            #expect(try await site.store.postLikeCount(postID: post.id) == 1)
            let shown = try await browser.get("/p/\(post.slug)?liked=1").text
            #expect(shown.contains("1 like"))
            #expect(shown.contains("Thank you: your like is counted."))
        }
    }

    @Test("A post saved in the editor is found by its new words, not its old ones, and made subscribers-only it shows the teaser")
    func editedPostsAreSearchedAsTheyAreNow() async throws {
        let site = try await TestSite()
        try await site.actions.refreshSearchIndex()
        try await site.test { browser async throws in
            #expect(try await browser.get("/archive?q=hello").text.contains("First post"))
        }
        var form = PostForm(site.post)
        form.bodyMarkdown = "A paragraph about lighthouses and the sea.\n\nThe keepers' secret logbook."
        form.audience = .subscribers
        // The save indexes the post itself: no background pass is waited for.
        _ = try await site.actions.savePost(id: site.post.id, form: form, revision: nil, intent: .save, by: .member(site.owner))
        try await site.test { browser async throws in
            #expect(!(try await browser.get("/archive?q=hello").text.contains("First post")))
            #expect(try await browser.get("/archive?q=lighthouse").text.contains("First post"))
            #expect(!(try await browser.get("/archive?q=logbook").text.contains("First post")))
            let page = try await browser.get("/p/\(site.post.slug)").text
            #expect(page.contains("This post is for subscribers"))
            #expect(!page.contains("logbook"))
            #expect(!(try await browser.get("/feed").text.contains("logbook")))
        }
    }
}
