import Domain
import Foundation
import HTTPTypes
import Hummingbird
import ServiceLifecycle
import Storage

/// The live-updates stream of a discussion and the cards its page script fetches (docs/LIVE.md).
extension SiteRoutes {
    /// The most card ids one request may ask for.
    static let maxLiveCards = 50
    /// Events read from the store per query when a reader resumes.
    static let liveBacklogPage = 500

    func registerLive(on site: RouterGroup<AppRequestContext>) {
        site.get("/live/:post") { request, context in try await liveStream(request, context) }
        site.get("/live/:post/cards") { request, context in try await liveCards(request, context) }
    }

    /// The post named in the path by number, if the viewer may see it (staff also see drafts).
    func livePost(_ context: AppRequestContext) async throws -> Post? {
        guard let raw = context.parameters.get("post"), let id = PostID(parsing: raw), let post = try await store.post(id: id) else {
            return nil
        }
        guard post.isVisible(at: now) || (context.viewer?.role.isStaff ?? false) else { return nil }
        return post
    }

    /// `GET /live/{post}`: Server-Sent Events. Subscribes to the hub first and reads the resumed
    /// events after, so an event kept meanwhile is in one or the other; ids already sent are
    /// skipped, so it is never in both.
    func liveStream(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await livePost(context) else { return try await notFound(request, context) }
        // The session cookie, or for a reader that can send headers (fetch, not EventSource) an API token.
        var viewer = context.viewer
        if viewer == nil, let bearer = request.headers[.authorization].flatMap(LiveStreamText.bearer) {
            viewer = try await actions.apiTokenHolder(bearer: bearer)?.member
        }
        let resumeAfter = LiveStreamText.resumePoint(
            lastEventID: request.headers[LiveStreamText.lastEventID], since: request.uri.queryParameters.get("since"))
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        // nginx would otherwise hold the events back in its buffer.
        headers[LiveStreamText.accelBuffering] = "no"
        // Cross-origin readers (the embed) get their CORS headers from `CORSMiddleware` (`CORSPolicy.embed`).

        try await live.prepare()
        let items = live.subscribe(to: post.id)
        let bounds = try await store.liveEventBounds()
        var opening = LiveStreamText.retry
        var lastSent = bounds.last
        if let resumeAfter, bounds.canResume(after: resumeAfter) {
            var after = resumeAfter
            while true {
                let page = try await store.liveEvents(after: after, postID: post.id, limit: Self.liveBacklogPage)
                for event in page where event.reaches(viewer) { opening += LiveStreamText.event(event) }
                guard let last = page.last else { break }
                after = last.id
                if page.count < Self.liveBacklogPage { break }
            }
            lastSent = max(after, bounds.last)
            opening += LiveStreamText.marker("ready", id: lastSent)
        } else {
            // A resume point the window no longer covers (or never did): the reader may have missed events.
            opening += LiveStreamText.marker(resumeAfter == nil ? "ready" : "reset", id: lastSent)
        }

        let firstBytes = opening
        let alreadySent = lastSent
        let reader = viewer
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                var lastSent = alreadySent
                let endsAt = ContinuousClock.now + Self.liveStreamLifetime
                try await writer.write(ByteBuffer(string: firstBytes))
                // The server shuts down gracefully only once every response has ended, and the
                // hub hears of the shutdown after the server: so the stream ends itself.
                stream: for await item in items.cancelOnGracefulShutdown() {
                    switch item {
                    case .heartbeat:
                        // Who may read what was decided when the stream opened. After a while it
                        // ends, and the browser reconnects from its Last-Event-ID through those
                        // checks again: a demoted moderator, a revoked token or a post made a
                        // draft stops hearing what it no longer may.
                        if ContinuousClock.now >= endsAt { break stream }
                        try await writer.write(ByteBuffer(string: LiveStreamText.heartbeat))
                    case .event(let event):
                        guard event.id > lastSent else { continue }
                        lastSent = event.id
                        guard event.reaches(reader) else { continue }
                        try await writer.write(ByteBuffer(string: LiveStreamText.event(event)))
                    }
                }
                try await writer.finish(nil)
            })
    }

    /// How long one stream stays open before it ends and the browser reconnects (see the stream).
    static let liveStreamLifetime: Duration = .seconds(600)

    /// `GET /live/{post}/cards?ids=1,2`: the cards of those comments as the viewer sees them
    /// (the page script inserts them when the reader asks for the new comments). Comments of
    /// another post, or that the viewer may not see, are left out.
    func liveCards(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let post = try await livePost(context) else { return try await notFound(request, context) }
        let ids = (request.uri.queryParameters.get("ids") ?? "").split(separator: ",").prefix(Self.maxLiveCards)
            .compactMap { CommentID(parsing: $0) }
        let visibility = CommentVisibility.of(context.viewer)
        var comments: [Comment] = []
        for id in Set(ids).sorted() {
            guard let comment = try await store.comment(id: id, visibleTo: visibility), comment.postID == post.id,
                !comment.isDeleted, visibility.mayRead(comment)
            else { continue }
            comments.append(comment)
        }
        let nodes = comments.map { ThreadNode(comment: $0) }
        let data = try await ThreadsOnPage.decorate(nodes, viewer: context.viewer, store: store)
        let ctx = CardContext(
            post: post, members: data.members, liked: data.liked, viewer: context.viewer, csrf: context.csrfToken, text: text,
            now: now, subscribers: data.subscribers, muted: data.muted)
        let html = nodes.map { CommentCardView.render($0, ctx).rendered }.joined(separator: "\n")
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// The bytes of the event stream (`text/event-stream`).
enum LiveStreamText {
    static let lastEventID = HTTPField.Name("Last-Event-ID")!
    static let accelBuffering = HTTPField.Name("X-Accel-Buffering")!
    /// How long a browser waits before reconnecting, in milliseconds.
    static let retry = "retry: 3000\n\n"
    static let heartbeat = ": keep-alive\n\n"

    /// A kept event: its id, name and one line of JSON.
    static func event(_ event: LiveEvent) -> String {
        "id: \(event.id)\nevent: \(event.event.name)\ndata: \(event.event.data)\n\n"
    }

    /// The token of an `Authorization: Bearer TOKEN` header.
    static func bearer(_ header: String) -> String? {
        guard header.count > 7, header.prefix(7).lowercased() == "bearer " else { return nil }
        return String(header.dropFirst(7))
    }

    /// `ready` or `reset`, which say where the stream stands.
    static func marker(_ name: String, id: Int64) -> String {
        "id: \(id)\nevent: \(name)\ndata: {\"last\":\(id)}\n\n"
    }

    /// The id a reader has seen up to: `Last-Event-ID` (sent by a reconnecting browser) wins
    /// over `?since=` (a page's first connection); nil when neither is a number.
    static func resumePoint(lastEventID: String?, since: String?) -> Int64? {
        func number(_ text: String?) -> Int64? {
            guard let text, !text.isEmpty, text.count <= 18, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            return Int64(text)
        }
        return number(lastEventID) ?? number(since)
    }
}
