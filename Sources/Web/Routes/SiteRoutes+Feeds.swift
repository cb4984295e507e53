import Domain
import Foundation
import Hummingbird
import Markup

extension SiteRoutes {
    /// The machine-readable faces of the publication, the same for every visitor (no session
    /// is read): the feeds, the sitemap and robots.txt.
    func registerFeeds(on router: Router<AppRequestContext>) {
        router.get("/feed") { request, _ in try await postsFeed(request) }
        router.get("/feed/atom") { request, _ in try await postsFeed(request) }
        router.get("/p/:slug/comments/feed") { request, context in try await commentsFeed(request, context) }
        router.get("/p/:slug/comments/feed/atom") { request, context in try await commentsFeed(request, context) }
        router.get("/sitemap.xml") { _, _ in try await sitemap() }
        router.get("/robots.txt") { _, _ in robots() }
    }

    var baseURL: String { actions.mail.baseURL }

    /// `/feed` (RSS 2.0), `/feed?format=atom` and `/feed/atom` (Atom): the newest posts. A
    /// subscribers-only post carries its teaser and a link, never its body.
    func postsFeed(_ request: Request) async throws -> Response {
        let format = FeedFormat(path: request.uri.path, format: request.uri.queryParameters.get("format"))
        let publication = try await store.publication()
        let posts = try await store.recentPosts(now: now, limit: Limits.feedPosts, excluding: nil)
        let authors = try await store.members(ids: Set(posts.map(\.authorID)))
        let entries = posts.map { post in
            let url = baseURL + Paths.post(post.slug)
            return Feed.Entry(
                id: FeedID.post(post.id, baseURL: baseURL), url: url, title: post.title, author: text.name(of: authors[post.authorID]),
                published: post.publishedAt ?? post.createdAt, updated: post.lastChanged,
                summary: post.subtitle.isEmpty ? nil : post.subtitle,
                contentHTML: post.audience == .everyone
                    ? AbsoluteLinks.make(post.bodyHTML, baseURL: baseURL) : SubscriberTeaser.feedHTML(post, url: url, text: text).rendered,
                commentsURL: baseURL + Paths.postComments(post.slug))
        }
        let feed = Feed(
            title: publication.name, subtitle: publication.description, id: baseURL + "/", pageURL: baseURL + "/",
            selfURL: baseURL + (format == .atom ? "/feed/atom" : "/feed"), language: text.languageTag, entries: entries,
            fallbackUpdated: Date(timeIntervalSince1970: 0))
        return Reply.xml(FeedWriter.write(feed, as: format), contentType: format.contentType)
    }

    /// `/p/{slug}/comments/feed` (and `/atom`, or `?format=atom`): the post's newest visible comments.
    func commentsFeed(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let slug = context.parameters.get("slug"), slug.utf8.count <= Limits.slugLength else { throw HTTPError(.notFound) }
        guard let post = try await store.post(slug: slug) else {
            // A reader subscribed to the feed under the post's old slug is sent on to its new one.
            return try await movedOrNotFound(request, context)
        }
        guard post.isVisible(at: now) else { throw HTTPError(.notFound) }
        let format = FeedFormat(path: request.uri.path, format: request.uri.queryParameters.get("format"))
        let comments = try await store.recentComments(postID: post.id, limit: Limits.feedComments)
        let authors = try await store.members(ids: Set(comments.map(\.authorID)))
        let entries = comments.map { comment in
            let name = text.name(of: authors[comment.authorID])
            return Feed.Entry(
                id: FeedID.comment(comment.id, baseURL: baseURL), url: baseURL + Paths.comment(post.slug, comment.id),
                title: text.readers.commentBy(name), author: name,
                published: comment.createdAt, updated: comment.editedAt ?? comment.createdAt, summary: nil,
                contentHTML: AbsoluteLinks.make(comment.bodyHTML, baseURL: baseURL), commentsURL: nil)
        }
        let feed = Feed(
            title: text.readers.commentsFeedTitle(post.title), subtitle: "", id: FeedID.comments(of: post.id, baseURL: baseURL),
            pageURL: baseURL + Paths.postComments(post.slug),
            selfURL: baseURL + Paths.commentsFeed(post.slug) + (format == .atom ? "/atom" : ""), language: text.languageTag,
            entries: entries, fallbackUpdated: post.publishedAt ?? post.createdAt)
        return Reply.xml(FeedWriter.write(feed, as: format), contentType: format.contentType)
    }

    /// `/sitemap.xml`: the home page, the archive and every visible post.
    func sitemap() async throws -> Response {
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <url><loc>\(FeedWriter.x(baseURL + "/"))</loc></url>
            <url><loc>\(FeedWriter.x(baseURL + Paths.archive))</loc></url>

            """
        for post in try await store.postAddresses(now: now, limit: Limits.sitemapPosts) {
            xml += "<url><loc>\(FeedWriter.x(baseURL + Paths.post(post.slug)))</loc>"
            xml += "<lastmod>\(UTCDate(post.lastChanged).iso8601)</lastmod></url>\n"
        }
        return Reply.xml(xml + "</urlset>\n", contentType: "application/xml; charset=utf-8")
    }

    /// `/robots.txt`: crawlers are welcome on what readers read, and kept out of accounts,
    /// the dashboard, one-time links, machine interfaces and endless search pages.
    func robots() -> Response {
        let lines = [
            "User-agent: *",
            "Disallow: /dashboard",
            "Disallow: /settings",
            "Disallow: /sign-in",
            "Disallow: /subscribe/confirm",
            "Disallow: /unsubscribe",
            "Disallow: /api/",
            "Disallow: /isso/",
            "Disallow: /archive?",
            "",
            "Sitemap: \(baseURL)/sitemap.xml",
        ]
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "public, max-age=3600"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: lines.joined(separator: "\n") + "\n")))
    }
}

extension Reply {
    /// A feed or sitemap: public, and fresh enough if a reader polls it every few minutes.
    static func xml(_ body: String, contentType: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.cacheControl] = "public, max-age=300"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

extension Paths {
    static let archive = "/archive"
    static let feed = "/feed"
    static func commentsFeed(_ slug: String) -> String { "/p/\(slug)/comments/feed" }
}

extension Post {
    /// When the post last changed for a reader: its last edit after publishing, or its publication.
    var lastChanged: Date { updatedAt ?? publishedAt ?? createdAt }
}
