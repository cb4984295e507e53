import API
import App
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import Testing
import UseCases

@testable import Web

/// The embed on the server: its operations of the API, CORS for allowed origins only, the
/// sign-in popup that hands the embed a token, the scripts, and what a page's discussion is (and
/// is not) among the publication's own pages. On SQLite, and on PostgreSQL with
/// `PARLEY_TEST_WEB_POSTGRES_URL`.
@Suite("Embed: discussions of other sites' pages, CORS, the sign-in popup and the scripts")
struct EmbedTests {
    static let blog = "https://blog.example"
    static let page = "https://blog.example/2026/notes.html"
    /// Allowed by `--embed-origins` in `configuration`, not by the publication's settings.
    static let docs = "http://docs.example:8080"
    static let pageURL = PageURL(page)!

    static var configuration: ParleyConfiguration {
        var configuration = TestSite.configuration()
        configuration.embedOrigins = [docs]
        return configuration
    }

    /// A site whose settings allow `blog`.
    static func site() async throws -> TestSite {
        let site = try await TestSite()
        var publication = try await site.store.publication()
        publication.embedOrigins = [blog]
        try await site.store.updatePublication(publication)
        return site
    }

    /// The embed's API, called as the generated server code calls it, as `viewer` with a bearer token.
    static func api(_ site: TestSite) -> ParleyAPI {
        ParleyAPI(routes: SiteRoutes(actions: site.actions, protection: configuration.protection))
    }

    static func comment(
        _ site: TestSite, as viewer: Member?, url: String = page, body: String, parent: Int64? = nil
    ) async throws
        -> Operations.CreatePageComment.Output
    {
        try await APIRequestScope.$current.withValue(APIRequestScope(viewer: viewer, credential: viewer == nil ? .none : .bearerToken)) {
            try await api(site).createPageComment(
                .init(body: .json(.init(url: url, title: "Notes, on a blog", body: body, parentId: parent))))
        }
    }

    static func json(
        _ browser: Browser, _ uri: String, method: HTTPRequest.Method = .get, body: String? = nil, origin: String? = nil
    )
        async throws -> TestResponse
    {
        var headers: HTTPFields = [.accept: "application/json"]
        if body != nil { headers[.contentType] = "application/json" }
        if let origin { headers[.origin] = origin }
        return try await browser.client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) {
            $0
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: Data(buffer: response.body))
    }

    // MARK: The first comment makes the discussion

    @Test("A page's first comment makes its discussion (titled by the page, the owner's, never listed); the next joins it")
    func firstCommentMakesDiscussion() async throws {
        // Given a site that allows blog.example, and a page of it nobody commented on
        let site = try await Self.site()
        #expect(try await site.store.pageDiscussion(url: Self.pageURL) == nil)
        // When a reader comments on it, and another reader replies
        guard case .created(let created) = try await Self.comment(site, as: site.reader, body: "First!") else {
            Issue.record("the comment was not created")
            return
        }
        let first = try created.body.json
        let other = try await site.member("Otto")
        guard case .created(let replied) = try await Self.comment(site, as: other, body: "Second.", parent: first.id) else {
            Issue.record("the reply was not created")
            return
        }
        // Then one discussion holds both, titled by the page and belonging to the owner
        let post = try #require(try await site.store.pageDiscussion(url: Self.pageURL))
        #expect(post.state == .page && post.title == "Notes, on a blog" && post.authorID == site.owner.id)
        #expect(post.commentCount == 2)
        #expect(first.postId == post.id.rawValue && first.mine && first.author?.name == site.reader.displayName)
        #expect(created.headers.location == "/api/v1/comments/\(first.id)")
        #expect(try replied.body.json.parentId == first.id)
        // And it is not among the publication's posts
        let recent = try await site.store.recentPosts(now: Date(), limit: 10, excluding: nil)
        #expect(!recent.contains { $0.id == post.id })
    }

    @Test("A refused first comment (empty, signed out, a reply to nothing, another site) makes no discussion")
    func refusedFirstCommentMakesNothing() async throws {
        // Given a site that allows blog.example
        let site = try await Self.site()
        // When comments that must be refused are sent
        await #expect(throws: FieldError("body", .required)) { try await Self.comment(site, as: site.reader, body: "   ") }
        await #expect(throws: FieldError("body", .signInRequired)) { try await Self.comment(site, as: nil, body: "Hello") }
        await #expect(throws: FieldError("parent", .notFound)) { try await Self.comment(site, as: site.reader, body: "Hello", parent: 42) }
        do {
            _ = try await Self.comment(site, as: site.reader, url: "https://elsewhere.example/page", body: "Hello")
            Issue.record("a page of an origin not allowed took a comment")
        } catch let problem as APIProblem {
            // Then each is refused with the field named
            #expect(problem.status == .forbidden && problem.fields.first?.field == "url")
        }
        // And no discussion was made
        #expect(try await site.store.pageDiscussion(url: Self.pageURL) == nil)
        #expect(try await site.store.pageDiscussion(url: PageURL("https://elsewhere.example/page")!) == nil)
    }

    @Test("Two first comments at once make one discussion")
    func raceMakesOneDiscussion() async throws {
        // Given a page without a discussion
        let site = try await Self.site()
        let other = try await site.member("Otto")
        // When two readers comment at the same moment
        async let one = Self.comment(site, as: site.reader, body: "One")
        async let two = Self.comment(site, as: other, body: "Two")
        _ = try await (one, two)
        // Then both comments are in the one discussion
        let post = try #require(try await site.store.pageDiscussion(url: Self.pageURL))
        #expect(post.commentCount == 2)
    }

    // MARK: Reading by URL, counts

    @Test("A page's discussion is read by its URL (any spelling), with an ETag; other origins are refused")
    func discussionByURL() async throws {
        let site = try await Self.site()
        _ = try await Self.comment(site, as: site.reader, body: "Hello")
        let post = try #require(try await site.store.pageDiscussion(url: Self.pageURL))
        try await site.test(configuration: Self.configuration) { browser in
            // When the embed asks for the page, spelled with a fragment and capitals
            let spelled = "HTTPS://Blog.Example/2026/notes.html#top".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let answer = try await Self.json(browser, "/api/v1/pages?url=\(spelled)")
            // Then it gets the discussion and where its live stream is
            #expect(answer.status == .ok)
            let found = try Self.decode(Components.Schemas.PageDiscussion.self, answer)
            #expect(found.postId == post.id.rawValue && found.commentCount == 1 && found.url == Self.page)
            #expect(found.liveUrl == "/live/\(post.id)" && found.discussion == .open)
            // And the same answer again is 304 with its ETag
            let etag = try #require(answer.headers[.eTag])
            var headers: HTTPFields = [.ifNoneMatch: etag]
            headers[.accept] = "application/json"
            let again = try await browser.client.execute(uri: "/api/v1/pages?url=\(spelled)", method: .get, headers: headers) { $0 }
            #expect(again.status == .notModified)
            // And a page nobody commented on has no discussion yet
            let empty = try Self.decode(
                Components.Schemas.PageDiscussion.self, try await Self.json(browser, "/api/v1/pages?url=https%3A%2F%2Fblog.example%2Fother")
            )
            #expect(empty.postId == nil && empty.commentCount == 0)
            // And an origin allowed by --embed-origins is read too, one allowed by nobody is refused
            #expect(try await Self.json(browser, "/api/v1/pages?url=http%3A%2F%2Fdocs.example%3A8080%2Fa").status == .ok)
            let refused = try await Self.json(browser, "/api/v1/pages?url=https%3A%2F%2Fevil.example%2Fa")
            #expect(refused.status == .forbidden && refused.headers[.contentType] == "application/problem+json")
            // And a URL that is not http(s) breaks the document: 422, naming the parameter
            #expect(try await Self.json(browser, "/api/v1/pages?url=javascript%3Aalert(1)").status == .unprocessableContent)
        }
    }

    @Test("Counts for many URLs come in one request, in order: pages, the site's own posts, and 0 for the rest")
    func counts() async throws {
        let site = try await Self.site()
        _ = try await Self.comment(site, as: site.reader, body: "One")
        _ = try await Self.comment(site, as: site.reader, body: "Two")
        try await site.comment("On the post", by: site.reader)
        try await site.test(configuration: Self.configuration) { browser in
            let urls = [Self.page, "http://127.0.0.1:8080/p/\(site.post.slug)", "https://blog.example/none"]
            let body = String(decoding: try JSONEncoder().encode(["urls": urls]), as: UTF8.self)
            let answer = try await Self.json(browser, "/api/v1/counts", method: .post, body: body, origin: Self.blog)
            #expect(answer.status == .ok)
            #expect(try Self.decode(Components.Schemas.Counts.self, answer).counts == [2, 1, 0])
            // And the answer is readable by the allowed origin's page
            #expect(answer.headers[.accessControlAllowOrigin] == Self.blog)
            // And a list holding something that is not a URL is refused whole, as the document says
            let bad = String(decoding: try JSONEncoder().encode(["urls": [Self.page, "not a url at all"]]), as: UTF8.self)
            let refused = try await Self.json(browser, "/api/v1/counts", method: .post, body: bad, origin: Self.blog)
            #expect(refused.status == .unprocessableContent)
        }
    }

    // MARK: CORS

    @Test("CORS answers allowed origins (settings and --embed-origins) only, never with credentials")
    func cors() async throws {
        let site = try await Self.site()
        try await site.test(configuration: Self.configuration) { browser in
            for origin in [Self.blog, Self.docs] {
                // When an allowed origin's page asks before a write
                var headers: HTTPFields = [.origin: origin, .accessControlRequestMethod: "POST"]
                headers[.accessControlRequestHeaders] = "authorization, content-type"
                let preflight = try await browser.client.execute(uri: "/api/v1/pages/comments", method: .options, headers: headers) { $0 }
                // Then it may, with the bearer token's header, and no cookies
                #expect(preflight.status == .noContent)
                #expect(preflight.headers[.accessControlAllowOrigin] == origin)
                #expect(preflight.headers[.accessControlAllowHeaders]?.contains("Authorization") == true)
                #expect(preflight.headers[.accessControlAllowCredentials] == nil)
                // And a read answers it
                let read = try await Self.json(browser, "/api/v1/pages?url=https%3A%2F%2Fblog.example%2Fa", origin: origin)
                #expect(read.headers[.accessControlAllowOrigin] == origin)
                #expect(read.headers[.accessControlExposeHeaders]?.contains("ETag") == true)
            }
            // And another origin's page is refused, and its reads are not shared with it
            let headers: HTTPFields = [.origin: "https://evil.example", .accessControlRequestMethod: "POST"]
            let refused = try await browser.client.execute(uri: "/api/v1/pages/comments", method: .options, headers: headers) { $0 }
            #expect(refused.status == .forbidden && refused.headers[.accessControlAllowOrigin] == nil)
            let read = try await Self.json(browser, "/api/v1/pages?url=https%3A%2F%2Fblog.example%2Fa", origin: "https://evil.example")
            #expect(read.headers[.accessControlAllowOrigin] == nil && read.headers[.vary]?.contains("Origin") == true)
            // And the site's own pages get no CORS headers at all
            let home = try await browser.client.execute(uri: "/", method: .get, headers: [.origin: Self.blog]) { $0 }
            #expect(home.headers[.accessControlAllowOrigin] == nil)
        }
    }

    // MARK: The sign-in popup

    @Test("The popup: signed out it goes through sign-in; signed in it asks, then hands a token named after the site")
    func signInPopup() async throws {
        let site = try await Self.site()
        try await site.test(configuration: Self.configuration) { browser in
            // Given a signed-out reader in the popup
            let first = try await browser.get("/embed/sign-in?origin=https%3A%2F%2Fblog.example")
            #expect(first.status == .seeOther)
            #expect(first.location == "/sign-in?next=%2Fembed%2Fsign%2Din%3Forigin%3Dhttps%253A%252F%252Fblog%252Eexample")
            // When they sign in and come back
            try await browser.signIn(site.reader.email)
            let ask = try await browser.get("/embed/sign-in?origin=https%3A%2F%2Fblog.example")
            // Then the page asks before anything is given
            #expect(ask.status == .ok && ask.text.contains("Sign in on blog.example") && ask.text.contains("Continue as Rita Reader"))
            #expect(try await site.store.apiTokens(memberID: site.reader.id).isEmpty)
            // When they continue
            let handed = try await browser.post("/embed/sign-in", form: ["origin": Self.blog])
            // Then the hand-off page carries a token for that origin only, which opens the API as them
            #expect(handed.status == .ok && handed.text.contains("data-origin=\"https://blog.example\""))
            #expect(handed.headers[.cacheControl] == "no-store")
            let token = try #require(handed.text.firstMatch(of: /data-token="(parley_embed_[A-Za-z0-9_-]{43})"/)?.1)
            let holder = try #require(try await site.store.apiTokenHolder(tokenHash: SecretToken.hash(String(token)), at: Date()))
            #expect(holder.member.id == site.reader.id && holder.token.name == "Embed on blog.example")
            // And signing in again from the same site replaces that token
            _ = try await browser.post("/embed/sign-in", form: ["origin": Self.blog])
            let tokens = try await site.store.apiTokens(memberID: site.reader.id)
            #expect(tokens.count == 2 && tokens.filter { $0.revokedAt == nil }.count == 1)
            #expect(try await site.store.apiTokenHolder(tokenHash: SecretToken.hash(String(token)), at: Date()) == nil)
        }
    }

    @Test("Over HTTP from the page's origin: the popup's token comments (CORS answered); without it, 401; a bad token, 401")
    func commentWithPopupToken() async throws {
        let site = try await Self.site()
        try await site.test(configuration: Self.configuration) { browser in
            // Given the token the popup handed the embed
            try await browser.signIn(site.reader.email)
            let handed = try await browser.post("/embed/sign-in", form: ["origin": Self.blog])
            let token = String(try #require(handed.text.firstMatch(of: /data-token="(parley_embed_[A-Za-z0-9_-]{43})"/)?.1))
            let body = #"{"url":"https://blog.example/2026/notes.html","title":"Notes","body":"From the embed"}"#
            // When the embed posts with it from the page, with no cookie
            var headers: HTTPFields = [.origin: Self.blog, .contentType: "application/json", .accept: "application/json"]
            headers[.authorization] = "Bearer \(token)"
            let posted = try await browser.client.execute(
                uri: "/api/v1/pages/comments", method: .post, headers: headers, body: ByteBuffer(string: body)
            ) { $0 }
            // Then the comment is made, as the reader, and the page may read the answer
            #expect(posted.status == .created)
            #expect(posted.headers[.accessControlAllowOrigin] == Self.blog)
            let made = try Self.decode(Components.Schemas.Comment.self, posted)
            #expect(made.author?.name == site.reader.displayName && made.mine)
            #expect(try await site.store.pageDiscussion(url: Self.pageURL)?.commentCount == 1)
            // And without a token, or with a made-up one, nothing is made
            headers[.authorization] = nil
            let anonymous = try await browser.client.execute(
                uri: "/api/v1/pages/comments", method: .post, headers: headers, body: ByteBuffer(string: body)
            ) { $0 }
            #expect(anonymous.status == .unauthorized)
            headers[.authorization] = "Bearer made-up"
            let madeUp = try await browser.client.execute(
                uri: "/api/v1/pages/comments", method: .post, headers: headers, body: ByteBuffer(string: body)
            ) { $0 }
            #expect(madeUp.status == .unauthorized)
            #expect(try await site.store.pageDiscussion(url: Self.pageURL)?.commentCount == 1)
        }
    }

    @Test("The popup refuses an origin that may not embed, and a forged form")
    func signInPopupRefusals() async throws {
        let site = try await Self.site()
        try await site.test(configuration: Self.configuration) { browser in
            try await browser.signIn(site.reader.email)
            #expect(try await browser.get("/embed/sign-in?origin=https%3A%2F%2Fevil.example").status == .forbidden)
            #expect(try await browser.get("/embed/sign-in?origin=javascript%3Aalert(1)").status == .forbidden)
            let evil = try await browser.post("/embed/sign-in", form: ["origin": "https://evil.example"])
            #expect(evil.status == .forbidden && !evil.text.contains("data-token"))
            let forged = try await browser.post("/embed/sign-in", form: ["origin": Self.blog], csrf: "forged")
            #expect(forged.status == .forbidden && !forged.text.contains("data-token"))
            #expect(try await site.store.apiTokens(memberID: site.reader.id).isEmpty)
        }
    }

    // MARK: The scripts

    @Test("/embed.js carries its words and its stylesheet's name, is revalidated by ETag; /count.js is served too")
    func scripts() async throws {
        let site = try await Self.site()
        try await site.test(configuration: Self.configuration) { browser in
            let script = try await browser.get("/embed.js")
            #expect(script.status == .ok && script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(script.headers[.cacheControl] == "public, no-cache")
            #expect(script.text.hasPrefix("(() => {\nconst TEXT = {") && script.text.hasSuffix("})();\n"))
            #expect(script.text.contains("\"heldNotice\":\"Your comment is waiting for approval"))
            #expect(script.text.contains("const STYLE = \"/static/embed.") && !script.text.contains("signInTitle"))
            let etag = try #require(script.headers[.eTag])
            let again = try await browser.client.execute(uri: "/embed.js", method: .get, headers: [.ifNoneMatch: etag]) { $0 }
            #expect(again.status == .notModified)
            let count = try await browser.get("/count.js")
            #expect(count.status == .ok && count.text.contains("data-parley-count"))
            let style = try await browser.get(StaticAssets.path("embed.css"))
            #expect(style.status == .ok && style.text.contains("--parley-accent"))
        }
    }

    // MARK: A page's discussion among the site's own pages

    @Test("A page's discussion: /p/SLUG leads to the page, the editor does not open it, the posts list never shows it")
    func pageDiscussionIsNotAPost() async throws {
        let site = try await Self.site()
        _ = try await Self.comment(site, as: site.reader, body: "Hello")
        let post = try #require(try await site.store.pageDiscussion(url: Self.pageURL))
        try await site.test(configuration: Self.configuration) { browser in
            // The reader's way in leads to the page, where the discussion is
            let page = try await browser.get("/p/\(post.slug)")
            #expect(page.status == .seeOther && page.location == Self.page + "#parley-thread")
            // The full discussion still opens here (links in notification mail point to it)
            #expect(try await browser.get("/p/\(post.slug)/comments").status == .ok)
            // And the writer's pages have nothing to do with it
            try await browser.signIn(site.owner.email)
            #expect(try await browser.get("/dashboard/posts/\(post.id)/edit").status == .notFound)
            #expect(try await browser.get("/dashboard/posts/\(post.id)/delete").status == .notFound)
            let save = try await browser.post("/dashboard/posts/\(post.id)", form: ["title": "Taken over", "body": "x", "action": "save"])
            #expect(save.status != .seeOther)
            #expect(try await site.fresh(post).title == "Notes, on a blog")
            for state in ["published", "page", "draft"] {
                #expect(!(try await browser.get("/dashboard/posts?state=\(state)").text.contains("Notes, on a blog")))
            }
            #expect(!(try await browser.get("/").text.contains("Notes, on a blog")))
        }
        await #expect(throws: FieldError.self) {
            _ = try await site.actions.savePost(id: post.id, form: nil, revision: nil, intent: .publish, by: .member(site.owner))
        }
    }
}
