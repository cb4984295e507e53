import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Markup
import Storage
import UseCases

/// A refusal of the Isso API, answered as problem+json with Isso's status for it.
struct IssoProblem: Error {
    let status: HTTPResponse.Status
    let detail: String
}

extension SiteRoutes {
    /// Isso 0.14's HTTP API under `/isso/` (docs/ISSO.md), so a page that embeds Isso's own
    /// client (`data-isso="https://HOST/isso/"`) works against Parley unchanged. Outside the
    /// pages' group: Isso's client carries no form token; every change must be JSON instead
    /// (`issoRequireJSON`), which no form of another site can send, and CORS lets only the
    /// allowed origins send it (`CORSPolicy.isso`).
    func registerIsso(on router: Router<AppRequestContext>) {
        router.add(middleware: CORSMiddleware(policy: .isso, allowList: embedAllowList))
        let isso = router.group("/isso").add(middleware: ClientAddressMiddleware(trusted: protection.trustedProxies))
        isso.get("/") { request, context in try await issoAnswer { try await issoFetch(request, context) } }
        isso.post("/new") { request, context in try await issoAnswer { try await issoNew(request, context) } }
        isso.post("/count") { request, context in try await issoAnswer { try await issoCount(request, context) } }
        isso.get("/config") { _, _ in try Reply.json(IssoConfigReply(config: issoConfig)) }
        // Where Isso's client looks for its stylesheet (`data-isso-css-url` may name another).
        let style = StaticAssets.Asset("isso.css", PackageResources.isso_client_css)
        isso.get("/css/isso.css") { request, _ in StaticAssets.serve(style, caching: StaticAssets.revalidated, to: request) }
        isso.post("/preview") { request, context in try await issoAnswer { try await issoPreview(request, context) } }
        isso.get("/feed") { request, _ in try await issoAnswer { try await issoFeed(request) } }
        isso.get("/latest") { request, _ in try await issoAnswer { try await issoLatest(request) } }
        isso.get("/id/:id") { request, context in try await issoAnswer { try await issoView(request, context) } }
        isso.put("/id/:id") { request, context in try await issoAnswer { try await issoEdit(request, context) } }
        isso.delete("/id/:id") { request, context in try await issoAnswer { try await issoDelete(request, context) } }
        isso.post("/id/:id/like") { request, context in try await issoAnswer { try await issoVote(request, context, like: true) } }
        isso.post("/id/:id/dislike") { request, context in try await issoAnswer { try await issoVote(request, context, like: false) } }
    }

    var issoConfig: IssoClientConfig { IssoClientConfig() }

    // MARK: Reading

    /// `GET /isso/?uri=`: the top-level comments (or, with `parent`, that comment's replies),
    /// each top-level one with its replies one level down, as Isso pages them.
    func issoFetch(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        guard let uri = query.get("uri") else { throw IssoProblem(status: .badRequest, detail: text.isso.badParameter("uri")) }
        let limit = try issoNumber(query.get("limit"), "limit")
        let nestedLimit = try issoNumber(query.get("nested_limit"), "nested_limit")
        let offset = try issoNumber(query.get("offset"), "offset") ?? 0
        let after = try query.get("after").map { raw in
            guard let seconds = Double(raw), seconds.isFinite, abs(seconds) < 1e11 else {
                throw IssoProblem(status: .badRequest, detail: text.isso.badParameter("after"))
            }
            return Date(timeIntervalSince1970: seconds)
        }
        let parentID = try query.get("parent").map { raw in
            guard let id = CommentID(parsing: raw) else { throw IssoProblem(status: .badRequest, detail: text.isso.badParameter("parent")) }
            return id
        }
        let sort: CommentSort
        switch query.get("sort") ?? "" {
        case "", "oldest": sort = .old
        case "newest": sort = .new
        case "upvotes": sort = .top
        default: throw IssoProblem(status: .badRequest, detail: text.isso.badParameter("sort"))
        }
        let plain = query.get("plain") == "1"
        let isNewer = { (comment: Comment) in after.map { comment.createdAt > $0 } ?? true }
        // However the request pages, one answer holds at most `Limits.issoAnswerComments`
        // comments; the counts still say how many there are, so the client offers the rest.
        let cap = Limits.issoAnswerComments
        func page(_ listed: [Comment]) -> [Comment] {
            limit == 0 ? [] : Array(listed.dropFirst(offset).prefix(min(limit ?? .max, cap)))
        }

        guard let post = try await issoDiscussion(try await issoTarget(uri: uri, request, title: "")) else {
            return try Reply.json(
                IssoThreadReply(id: parentID?.rawValue, totalReplies: 0, hiddenReplies: 0, replies: [], config: issoConfig))
        }
        if let parentID {
            guard let top = try await store.comment(id: parentID, visibleTo: .everyone), top.postID == post.id else {
                throw IssoProblem(status: .notFound, detail: text.isso.notFound)
            }
            let all = Self.byCreation(
                try await store.descendants(
                    of: top, maxDepth: Limits.maxDepth, afterReply: nil, limit: Limits.issoReplyScan, visibleTo: .everyone))
            let shown = page(all.filter(isNewer))
            let shapes = try await issoShapes(shown, plain: plain)
            return try Reply.json(
                IssoThreadReply(
                    id: parentID.rawValue, totalReplies: all.count, hiddenReplies: max(0, all.count - shown.count - offset),
                    replies: shown.compactMap { shapes[$0.id] }, config: issoConfig))
        }
        let roots = try await store.rootComments(
            postID: post.id, sort: sort, after: nil, limit: Limits.issoRootScan, visibleTo: .everyone)
        let shownRoots = page(roots.filter(isNewer))
        let windows = try await store.descendantWindows(
            of: shownRoots, relativeDepth: Limits.maxDepth, limit: Limits.issoReplyScan, visibleTo: .everyone)
        var replies: [CommentID: (total: Int, shown: [Comment])] = [:]
        var room = cap - shownRoots.count
        for root in shownRoots {
            let all = Self.byCreation(windows[root.id] ?? [])
            let shown = Array(all.filter(isNewer).prefix(min(nestedLimit ?? .max, room)))
            room -= shown.count
            replies[root.id] = (all.count, shown)
        }
        let shapes = try await issoShapes(shownRoots + shownRoots.flatMap { replies[$0.id]?.shown ?? [] }, plain: plain)
        let top = shownRoots.compactMap { root -> IssoComment? in
            guard var shape = shapes[root.id], let below = replies[root.id] else { return nil }
            shape.totalReplies = below.total
            shape.hiddenReplies = below.total - below.shown.count
            shape.replies = below.shown.compactMap { shapes[$0.id] }
            return shape
        }
        return try Reply.json(
            IssoThreadReply(
                id: nil, totalReplies: post.commentCount, hiddenReplies: max(0, roots.count - shownRoots.count - offset), replies: top,
                config: issoConfig))
    }

    /// `GET /isso/id/N`: the comment, for its writer to edit (`plain=1`: the text as typed).
    func issoView(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let comment = try await issoComment(context)
        guard try await issoMayChange(comment, request) else { throw IssoProblem(status: .forbidden, detail: text.isso.notYours) }
        let plain = request.uri.queryParameters.get("plain") == "1"
        return try Reply.json(try await issoShapes([comment], plain: plain, asAuthor: true)[comment.id])
    }

    /// `POST /isso/count` with a JSON list of thread URIs: how many comments each shows.
    func issoCount(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try issoRequireJSON(request)
        let uris = try await issoBody([String].self, request, context)
        guard uris.count <= Limits.issoCountURLs else {
            throw IssoProblem(status: .badRequest, detail: text.isso.tooManyURLs(Limits.issoCountURLs))
        }
        var targets: [IssoTarget?] = []
        for uri in uris { targets.append(try? await issoTarget(uri: uri, request, title: "")) }
        let pages = targets.compactMap { target -> PageURL? in if case .page(let url, _) = target { url } else { nil } }
        let counts = try await store.pageCommentCounts(urls: pages)
        return try Reply.json(
            targets.map { target -> Int in
                switch target {
                case .post(let post): post.commentCount
                case .page(let url, _): counts[url] ?? 0
                case nil: 0
                }
            })
    }

    /// `POST /isso/preview`: the comment as it will be shown.
    func issoPreview(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try issoRequireJSON(request)
        let input = try await issoBody(IssoPreview.self, request, context)
        let body = try TextInput.clean(input.text, field: "body", max: Limits.commentLength, required: false)
        return try Reply.json(IssoPreview(text: CommentFormatter.render(body)))
    }

    /// `GET /isso/feed?uri=`: the discussion's newest comments as Atom.
    func issoFeed(_ request: Request) async throws -> Response {
        guard let uri = request.uri.queryParameters.get("uri") else {
            throw IssoProblem(status: .badRequest, detail: text.isso.badParameter("uri"))
        }
        let target = try await issoTarget(uri: uri, request, title: "")
        let post = try await issoDiscussion(target)
        var comments: [Comment] = []
        if let post { comments = try await store.latestComments(postID: post.id, limit: Limits.issoLatest, now: now) }
        let authors = try await store.members(ids: Set(comments.map(\.authorID)))
        let pageURL: String
        switch target {
        case .post(let post): pageURL = baseURL + Paths.post(post.slug)
        case .page(let url, _): pageURL = url.text
        }
        let entries = comments.map { comment in
            let name = text.name(of: authors[comment.authorID])
            return Feed.Entry(
                id: FeedID.comment(comment.id, baseURL: baseURL), url: pageURL + "#isso-\(comment.id)",
                title: text.isso.commentTitle(Int(comment.id.rawValue)), author: name, published: comment.createdAt,
                updated: comment.editedAt ?? comment.createdAt, summary: nil,
                contentHTML: AbsoluteLinks.make(comment.bodyHTML, baseURL: baseURL), commentsURL: nil)
        }
        let title = post?.title ?? pageURL
        let feed = Feed(
            title: text.isso.feedTitle(title), subtitle: "",
            id: post.map { FeedID.comments(of: $0.id, baseURL: baseURL) } ?? FeedID.tag(baseURL, "isso-" + SecretToken.hash(pageURL)),
            pageURL: pageURL,
            selfURL: baseURL + "/isso/feed?uri=" + (uri.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
            language: text.languageTag, entries: entries, fallbackUpdated: post?.publishedAt ?? Date(timeIntervalSince1970: 0))
        return Reply.xml(FeedWriter.write(feed, as: .atom), contentType: FeedFormat.atom.contentType)
    }

    /// `GET /isso/latest?limit=N`: the site's newest comments, each with its thread's `uri`.
    func issoLatest(_ request: Request) async throws -> Response {
        guard let raw = request.uri.queryParameters.get("limit"), let limit = Int(raw), limit > 0 else {
            throw IssoProblem(status: .badRequest, detail: text.isso.badParameter("limit"))
        }
        let comments = try await store.latestComments(postID: nil, limit: min(limit, Limits.issoLatest), now: now)
        var posts: [PostID: Post] = [:]
        for id in Set(comments.map(\.postID)) { posts[id] = try await store.post(id: id) }
        let shapes = try await issoShapes(comments, plain: false)
        return try Reply.json(
            comments.compactMap { comment -> IssoComment? in
                guard var shape = shapes[comment.id], let post = posts[comment.postID] else { return nil }
                shape.uri = Self.issoURI(of: post)
                return shape
            })
    }

    // MARK: Writing

    /// `POST /isso/new?uri=`: a comment by the signed-in member (same origin only), or by a
    /// guest when anonymous comments are allowed. 201 when published, 202 when held, with the
    /// edit cookie in `Set-Cookie` and `X-Set-Cookie`.
    func issoNew(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try issoRequireJSON(request)
        guard let uri = request.uri.queryParameters.get("uri") else {
            throw IssoProblem(status: .badRequest, detail: text.isso.badParameter("uri"))
        }
        let input = try await issoBody(IssoNewComment.self, request, context)
        guard input.text.trimmingCharacters(in: .whitespacesAndNewlines).count >= 3 else {
            throw IssoProblem(status: .badRequest, detail: text.isso.textTooShort)
        }
        let viewer = try await issoViewer(request)
        let commenter: IssoCommenter
        if let viewer {
            commenter = .member(viewer)
        } else {
            guard try await anonymousCommentsAllowed() else { throw IssoProblem(status: .forbidden, detail: text.isso.anonymousOff) }
            let name = TextInput.oneLine(input.author ?? "")
            commenter = .guest(GuestAuthor(name: name.isEmpty ? text.isso.anonymousName : name, email: input.email, website: input.website))
        }
        let parentID = try input.parent.map { raw in
            guard raw > 0 else { throw IssoProblem(status: .badRequest, detail: text.isso.badParameter("parent")) }
            return CommentID(raw)
        }
        try await limits.check(.comment, member: viewer, address: context.clientAddress)
        let target = try await issoTarget(uri: uri, request, title: input.title ?? "")
        let comment = try await actions.postIssoComment(on: target, replyTo: parentID, text: input.text, by: commenter)
        // Isso's rule: no vote on one's own comment, from the address it was written from.
        try await actions.recordIssoAuthorVote(commentID: comment.id, address: context.clientAddress)
        var response = try Reply.json(
            try await issoShapes([comment], plain: false, asAuthor: true)[comment.id],
            status: comment.status == .visible ? .created : .accepted)
        try await issoSetEditCookies(&response, for: comment)
        return response
    }

    /// `PUT /isso/id/N`: a new text, for the holder of the comment's edit cookie (or its author,
    /// signed in on this site); a new cookie comes back, since the old one named the old text.
    func issoEdit(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try issoRequireJSON(request)
        let comment = try await issoComment(context)
        guard try await issoMayChange(comment, request) else { throw IssoProblem(status: .forbidden, detail: text.isso.notYours) }
        let input = try await issoBody(IssoEdit.self, request, context)
        guard input.text.trimmingCharacters(in: .whitespacesAndNewlines).count >= 3 else {
            throw IssoProblem(status: .badRequest, detail: text.isso.textTooShort)
        }
        try await limits.check(.comment, member: nil, address: context.clientAddress)
        let edited = try await actions.editIssoComment(comment, text: input.text)
        var response = try Reply.json(try await issoShapes([edited], plain: false, asAuthor: true)[edited.id])
        try await issoSetEditCookies(&response, for: edited)
        return response
    }

    /// `DELETE /isso/id/N`: for the holder of the edit cookie (or the author signed in here).
    /// `null` when the comment is gone; the mode 4 placeholder when replies hold it up.
    func issoDelete(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try issoRequireJSON(request)
        let comment = try await issoComment(context)
        guard try await issoMayChange(comment, request) else { throw IssoProblem(status: .forbidden, detail: text.isso.notYours) }
        let outcome = try await actions.deleteIssoComment(comment)
        var response: Response
        if outcome == .placeholder, let placeholder = try await store.comment(id: comment.id) {
            response = try Reply.json(try await issoShapes([placeholder], plain: false)[placeholder.id])
        } else {
            response = try Reply.json(IssoNull())
        }
        let expired = "Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT"
        response.headers.append(HTTPField(name: .setCookie, value: "\(comment.id)=; \(expired); Path=/isso; HttpOnly; \(issoSameSite)"))
        response.headers.append(HTTPField(name: Self.xSetCookie, value: "isso-\(comment.id)=; \(expired); Path=/; \(issoSameSite)"))
        return response
    }

    /// `POST /isso/id/N/like` and `/dislike`: one vote per client address, by whoever may
    /// comment there (403 otherwise, as a refused comment).
    func issoVote(_ request: Request, _ context: AppRequestContext, like: Bool) async throws -> Response {
        try issoRequireJSON(request)
        guard let raw = context.parameters.get("id"), let id = CommentID(parsing: raw) else {
            throw IssoProblem(status: .notFound, detail: text.isso.notFound)
        }
        // Who may comment may vote: a signed-in member on this site's own origin, or a guest
        // when anonymous comments are allowed; the discussion's rules apply to either.
        let viewer = try await issoViewer(request)
        if viewer == nil, try await !anonymousCommentsAllowed() {
            throw IssoProblem(status: .forbidden, detail: text.isso.anonymousOff)
        }
        try await limits.check(.like, member: viewer, address: context.clientAddress)
        let counted: IssoVotes?
        do {
            counted = try await actions.issoVote(commentID: id, address: context.clientAddress, like: like, by: viewer)
        } catch let error as FieldError {
            throw IssoProblem(status: .forbidden, detail: text.errorMessage(Refusal(error).reason))
        }
        guard let votes = counted else { throw IssoProblem(status: .notFound, detail: text.isso.notFound) }
        return try Reply.json(IssoVoteReply(likes: votes.likes, dislikes: votes.dislikes))
    }

    // MARK: Shared steps

    /// Answers the API's refusals as problem+json: its own, a use case's `FieldError` and a
    /// `Refusal` (a rate limit with `Retry-After`), each with the status the pages give it.
    func issoAnswer(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let problem as IssoProblem {
            return try Reply.problem(status: problem.status, title: text.isso.problemTitle, detail: problem.detail)
        } catch let error as FieldError {
            return try self.problem(Refusal(error))
        } catch let refusal as Refusal {
            var response = try self.problem(refusal)
            if case .rateLimited(let seconds) = refusal.reason { response.headers[.retryAfter] = String(seconds) }
            return response
        }
    }

    /// Isso's defence against forged writes: a change must say it is JSON. A form of another
    /// site cannot send that type, and a script of another site must pass CORS to.
    func issoRequireJSON(_ request: Request) throws {
        guard let type = request.headers[.contentType]?.lowercased(), type.hasPrefix("application/json") else {
            throw IssoProblem(status: .forbidden, detail: text.isso.notJSON)
        }
    }

    /// The request's JSON body as `T`; unknown fields are ignored, as Isso does.
    func issoBody<T: Decodable>(_ type: T.Type, _ request: Request, _ context: AppRequestContext) async throws -> T {
        let buffer = try await request.body.collect(upTo: Limits.commentLength * 8 + 16_384)
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch {
            throw IssoProblem(status: .badRequest, detail: text.isso.badBody)
        }
    }

    /// `limit`, `nested_limit` and `offset`: absent, or a whole number from 0.
    func issoNumber(_ raw: String?, _ name: String) throws -> Int? {
        guard let raw else { return nil }
        guard raw.utf8.count <= 9, let value = Int(raw), value >= 0 else {
            throw IssoProblem(status: .badRequest, detail: text.isso.badParameter(name))
        }
        return value
    }

    /// Whether a guest may comment: the publication's switch or `--anonymous-comments`.
    func anonymousCommentsAllowed() async throws -> Bool {
        if protection.anonymousComments { return true }
        return try await store.publication().anonymousComments
    }

    /// The signed-in member, for a request from this site's own origin only: another origin's
    /// page never acts with the reader's Parley session (and its cookie is SameSite anyway).
    func issoViewer(_ request: Request) async throws -> Member? {
        guard SiteOrigin(publicURL: actions.mail.baseURL).allows(request), let token = request.cookies[SiteCookie.session]?.value,
            !token.isEmpty
        else { return nil }
        return try await actions.member(sessionToken: token)
    }

    /// The discussion an Isso `uri` names. A path (what Isso's client sends: the page's
    /// `location.pathname`) is on the page's origin: the request's `Origin` when it is an
    /// allowed one, else the first allowed origin (for a request with no `Origin`, such as
    /// curl's); this site's own post path (`/p/SLUG`) names that post. An absolute URL names
    /// its page, whose origin must be allowed.
    func issoTarget(uri raw: String, _ request: Request, title: String) async throws -> IssoTarget {
        let uri = raw.trimmingCharacters(in: .whitespaces)
        let refused = IssoProblem(status: .badRequest, detail: text.isso.badURI)
        guard !uri.isEmpty, uri.utf8.count <= Limits.pageURLLength else { throw refused }
        let own = SiteOrigin(publicURL: actions.mail.baseURL).publicOrigin
        if uri.hasPrefix("/") {
            let sent = try await issoRequestOrigin(request, own: own)
            if sent == nil || sent == own, let post = try await issoPost(path: uri) { return .post(post) }
            var origin = sent
            if origin == nil { origin = try await issoDefaultOrigin() }
            guard let origin, origin != own, let url = PageURL(origin + uri) else { throw refused }
            return .page(url, title: title)
        }
        guard let url = PageURL(uri) else { throw refused }
        if url.origin == own, let path = URLComponents(string: url.text)?.path, let post = try await issoPost(path: path) {
            return .post(post)
        }
        guard try await embedAllowList.allows(url.origin) else { throw refused }
        return .page(url, title: title)
    }

    /// The request's `Origin`, when it is this site's own or an allowed one; nil when it sent none.
    private func issoRequestOrigin(_ request: Request, own: String?) async throws -> String? {
        guard let header = request.headers[.origin] else { return nil }
        guard let origin = try? EmbedOrigin.normalize(header) else { throw IssoProblem(status: .badRequest, detail: text.isso.badURI) }
        if origin == own { return origin }
        if try await embedAllowList.allows(origin) { return origin }
        throw IssoProblem(status: .forbidden, detail: text.isso.badURI)
    }

    /// The site a path is on when the request does not say: the first allowed origin.
    private func issoDefaultOrigin() async throws -> String? {
        if let first = protection.embedOrigins.first { return first }
        return try await store.publication().embedOrigins.first
    }

    /// The published post whose own path is `path` (`/p/SLUG`), if any. A subscribers-only post
    /// is left out: this API has no notion of who subscribes.
    private func issoPost(path: String) async throws -> Post? {
        let bare = path.prefix { $0 != "?" && $0 != "#" }
        let parts = bare.split(separator: "/")
        guard parts.count == 2, parts[0] == "p", parts[1].utf8.count <= Limits.slugLength,
            let post = try await store.post(slug: String(parts[1])), post.state != .page, post.isVisible(at: now),
            post.audience == .everyone
        else { return nil }
        return post
    }

    /// The stored discussion of a target; nil for a page nobody has commented on yet.
    func issoDiscussion(_ target: IssoTarget) async throws -> Post? {
        switch target {
        case .post(let post): post
        case .page(let url, _): try await store.pageDiscussion(url: url)
        }
    }

    /// The `uri` Isso's `/latest` gives a discussion: a page's path (and query), a post's own path.
    static func issoURI(of post: Post) -> String {
        guard let url = post.pageURL, let parts = URLComponents(string: url.text) else { return Paths.post(post.slug) }
        return (parts.percentEncodedPath.isEmpty ? "/" : parts.percentEncodedPath) + (parts.percentEncodedQuery.map { "?" + $0 } ?? "")
    }

    /// The comment in the path, whatever its state (the edit cookie decides who sees it).
    private func issoComment(_ context: AppRequestContext) async throws -> Comment {
        guard let raw = context.parameters.get("id"), let id = CommentID(parsing: raw), let comment = try await store.comment(id: id),
            comment.status != .removed
        else { throw IssoProblem(status: .notFound, detail: text.isso.notFound) }
        return comment
    }

    /// Whether the request may change `comment`: it holds the comment's live edit cookie, or
    /// comes from this site signed in as its author.
    private func issoMayChange(_ comment: Comment, _ request: Request) async throws -> Bool {
        guard !comment.isDeleted else { return false }
        if let token = request.cookies[String(comment.id.rawValue)]?.value, try await actions.issoEditTokenIsValid(token, for: comment) {
            return true
        }
        guard let viewer = try await issoViewer(request) else { return false }
        return viewer.id == comment.authorID
    }

    /// The API's shapes of `comments`, by id: authors, their hashes and the dislikes read once.
    func issoShapes(_ comments: [Comment], plain: Bool, asAuthor: Bool = false) async throws -> [CommentID: IssoComment] {
        let authorIDs = Set(comments.map(\.authorID))
        let authors = try await store.members(ids: authorIDs)
        let hashes = try await actions.issoAuthorHashes(authorIDs)
        let dislikes = try await store.dislikeCounts(commentIDs: comments.map(\.id))
        var shapes: [CommentID: IssoComment] = [:]
        for comment in comments {
            shapes[comment.id] = IssoComment(
                comment, author: authors[comment.authorID], hash: hashes[comment.authorID] ?? "", dislikes: dislikes[comment.id] ?? 0,
                plain: plain, asAuthor: asAuthor)
        }
        return shapes
    }

    /// Replies as Isso lists them under their top-level comment: oldest first.
    static func byCreation(_ comments: [Comment]) -> [Comment] {
        comments.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    }

    static let xSetCookie = HTTPField.Name("X-Set-Cookie")!

    /// Isso's cookies' `SameSite`: `None` (with `Secure`) when the site is served over https,
    /// so the client's cross-site requests carry the edit cookie; `Lax` over plain http, where
    /// browsers refuse `None`.
    var issoSameSite: String { actions.mail.baseURL.lowercased().hasPrefix("https://") ? "Secure; SameSite=None" : "SameSite=Lax" }

    /// The edit cookie of `comment`, for `Limits.issoEditSeconds`: as `N` for this site (sent
    /// back with the client's requests), and as `isso-N` in `X-Set-Cookie`, which the client
    /// copies into the host page's cookies to know it may offer Edit and Delete.
    private func issoSetEditCookies(_ response: inout Response, for comment: Comment) async throws {
        let seconds = Limits.issoEditSeconds
        let token = try await actions.issoEditToken(for: comment, expires: now.addingTimeInterval(TimeInterval(seconds)))
        response.headers.append(
            HTTPField(name: .setCookie, value: "\(comment.id)=\(token); Max-Age=\(seconds); Path=/isso; HttpOnly; \(issoSameSite)"))
        response.headers.append(
            HTTPField(name: Self.xSetCookie, value: "isso-\(comment.id)=\(token); Max-Age=\(seconds); Path=/; \(issoSameSite)"))
    }
}

/// `{"config": {...}}`, `GET /isso/config`'s answer.
struct IssoConfigReply: Encodable, Sendable {
    let config: IssoClientConfig
}

/// JSON `null`: what Isso answers for a deleted comment that left nothing behind.
struct IssoNull: Encodable, Sendable {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encodeNil()
    }
}
