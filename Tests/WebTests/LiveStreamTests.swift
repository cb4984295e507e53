import App
import Domain
import Foundation
import Logging
import Storage
import Testing
import UseCases

@testable import StoragePostgres

/// `GET /live/{post}` on a real socket of a real server (docs/LIVE.md).
@Suite("Live updates: the event stream of a discussion")
struct LiveStreamTests {
    static let limits = ConnectionLimits()

    static func names(_ events: [StreamEvent]) -> [String] { events.map(\.name) }

    static func has(_ name: String, _ count: Int = 1) -> @Sendable ([StreamEvent]) -> Bool {
        { events in events.filter { $0.name == name }.count >= count }
    }

    @Test(
        "Given a reader on the stream, when a comment is posted, liked, edited and deleted, then it hears each, in order, with increasing ids"
    )
    func changesArrive() async throws {
        let site = try await TestSite()
        try await LiveServer.run(site, limits: Self.limits) { port in
            let reader = try EventStreamReader(port: port, post: site.post.id)
            _ = await reader.read(until: Self.has("ready"))
            let comment = try await site.comment("Hello, live world", by: site.reader)
            _ = try await site.actions.toggleLike(commentID: comment.id, by: site.owner)
            _ = try await site.actions.editComment(id: comment.id, text: "Hello, *edited* world", by: site.reader)
            _ = try await site.actions.deleteComment(id: comment.id, by: site.reader)

            let (head, events) = await reader.read(until: Self.has("delete"))
            #expect(head.hasPrefix("HTTP/1.1 200"))
            #expect(head.lowercased().contains("content-type: text/event-stream"))
            #expect(Self.names(events) == ["ready", "comment", "likes", "edit", "delete"])
            let ids = events.compactMap(\.id)
            #expect(ids.count == 5 && ids == ids.sorted() && Set(ids).count == 5)
            let fields = events.map(\.fields)
            #expect(fields[1] == .init(post: site.post.id.rawValue, comment: comment.id.rawValue, status: "visible"))
            #expect(events[1].data.contains("\"parent\":null"))
            #expect(fields[2].count == 1)
            #expect(fields[3].html?.contains("<em>edited</em>") == true && fields[3].edited == true)
            #expect(fields[4].placeholder == false && fields[4].hidden == false)
            reader.close()
        }
    }

    @Test("Given a comment held when posted, then only its author and staff hear of it, and everyone hears its approval")
    func heldCommentOnlyToAuthorAndStaff() async throws {
        let site = try await TestSite()
        try await ModerationRulesTests.settings(site) { $0.holdPolicy = .everything }
        let bob = try await site.member("Bob")
        let bobSession = try await site.actions.startSession(for: bob).token
        let ownerSession = try await site.actions.startSession(for: site.owner).token
        let ritaSession = try await site.actions.startSession(for: site.reader).token
        try await LiveServer.run(site, limits: Self.limits) { port in
            let readers = try [bobSession, ownerSession, ritaSession, nil].map {
                try EventStreamReader(port: port, post: site.post.id, session: $0)
            }
            for reader in readers { _ = await reader.read(until: Self.has("ready")) }
            let held = try await site.comment("Please hold me", by: bob)
            #expect(held.status == .held)
            _ = try await site.actions.approveComment(id: held.id, by: site.owner)

            var heard: [[String]] = []
            for reader in readers { heard.append(Self.names(await reader.read(until: Self.has("approve")).events)) }
            #expect(heard[0] == ["ready", "comment", "approve"])
            #expect(heard[1] == ["ready", "comment", "approve"])
            #expect(heard[2] == ["ready", "approve"])
            #expect(heard[3] == ["ready", "approve"])
            for reader in readers { reader.close() }
        }
    }

    @Test("Given a visible comment held by reports, then others see it go, and its author and staff see it held")
    func heldByReports() async throws {
        let site = try await TestSite()
        try await ModerationRulesTests.settings(site) { $0.reportsToHold = 1 }
        let bob = try await site.member("Bob")
        let comment = try await site.comment("Reported soon", by: bob)
        let bobSession = try await site.actions.startSession(for: bob).token
        let ownerSession = try await site.actions.startSession(for: site.owner).token
        try await LiveServer.run(site, limits: Self.limits) { port in
            let author = try EventStreamReader(port: port, post: site.post.id, session: bobSession)
            let staff = try EventStreamReader(port: port, post: site.post.id, session: ownerSession)
            let anyone = try EventStreamReader(port: port, post: site.post.id)
            for reader in [author, staff, anyone] { _ = await reader.read(until: Self.has("ready")) }
            _ = try await site.actions.reportComment(id: comment.id, reason: .spam, text: "", by: site.reader)
            // A like on another comment marks the end for everyone.
            let other = try await site.comment("Still here", by: site.reader)
            _ = try await site.actions.toggleLike(commentID: other.id, by: site.owner)

            let seenByAuthor = await author.read(until: Self.has("likes")).events
            let seenByStaff = await staff.read(until: Self.has("likes")).events
            let seenByAnyone = await anyone.read(until: Self.has("likes")).events
            #expect(Self.names(seenByAuthor) == ["ready", "edit", "comment", "likes"])
            #expect(seenByAuthor[1].fields.status == "held")
            #expect(Self.names(seenByStaff) == ["ready", "edit", "comment", "likes"])
            #expect(Self.names(seenByAnyone) == ["ready", "delete", "comment", "likes"])
            #expect(seenByAnyone[1].fields.hidden == true && seenByAnyone[1].fields.comment == comment.id.rawValue)
            for reader in [author, staff, anyone] { reader.close() }
        }
    }

    @Test(
        "Given a reader that saw event N and went away, when it comes back with Last-Event-ID N, then it gets each later event once, then live ones"
    )
    func resumesWithoutLossOrDoubles() async throws {
        let site = try await TestSite()
        try await LiveServer.run(site, limits: Self.limits) { port in
            let first = try EventStreamReader(port: port, post: site.post.id)
            _ = await first.read(until: Self.has("ready"))
            let one = try await site.comment("One", by: site.reader)
            let seen = await first.read(until: Self.has("comment")).events
            first.close()
            let lastSeen = try #require(seen.last?.id)
            #expect(seen.last?.fields.comment == one.id.rawValue)

            // Away: two comments, and one on another post that this stream does not carry.
            let two = try await site.comment("Two", by: site.reader)
            let elsewhere = try await site.actions.addPost(
                AddPostInput(
                    title: "Second post", subtitle: "", bodyMarkdown: "Words.", authorEmail: site.owner.email, draft: false,
                    publishedAt: Date().addingTimeInterval(-60), emailSubscribers: false))
            _ = try await site.comment("Not here", by: site.reader, on: elsewhere)
            let three = try await site.comment("Three", by: site.reader)

            let again = try EventStreamReader(port: port, post: site.post.id, lastEventID: lastSeen)
            _ = await again.read(until: Self.has("ready"))
            let four = try await site.comment("Four", by: site.reader)
            let events = await again.read(until: Self.has("comment", 3)).events
            #expect(Self.names(events) == ["comment", "comment", "ready", "comment"])
            #expect(events.filter { $0.name == "comment" }.map(\.fields.comment) == [two, three, four].map(\.id.rawValue))
            let ids = events.compactMap(\.id)
            #expect(ids == ids.sorted() && ids.allSatisfy { $0 > lastSeen })
            again.close()
        }
    }

    @Test("Given a resume point older than the kept window, then the stream says reset, and is live from the newest event")
    func resetBeyondWindow() async throws {
        let site = try await TestSite()
        for n in 0..<4 { _ = try await site.comment("Comment \(n)", by: site.reader) }
        #expect(try await site.store.pruneLiveEvents(before: Date().addingTimeInterval(60), keep: 1) == 3)
        try await LiveServer.run(site, limits: Self.limits) { port in
            let reader = try EventStreamReader(port: port, post: site.post.id, query: "?since=1")
            _ = await reader.read(until: Self.has("reset"))
            _ = try await site.comment("After", by: site.reader)
            let events = await reader.read(until: Self.has("comment")).events
            #expect(Self.names(events) == ["reset", "comment"])
            #expect(events[0].fields.last == 4 && events[0].id == 4)
            #expect(events[1].id == 5)
            reader.close()
        }
    }

    @Test("Given an unknown post or a draft, then the stream is not found")
    func unknownPost() async throws {
        let site = try await TestSite(publishedPost: false)
        try await site.test { browser async throws in
            #expect(try await browser.get("/live/\(site.post.id)").status == .notFound)
            #expect(try await browser.get("/live/987654").status == .notFound)
            #expect(try await browser.get("/live/x").status == .notFound)
        }
    }

    @Test("Given a held and a visible comment, then the cards a signed-out reader fetches hold only the visible one")
    func cardsRespectVisibility() async throws {
        let site = try await TestSite()
        let shown = try await site.comment("Shown to all", by: site.reader)
        try await ModerationRulesTests.settings(site) { $0.holdPolicy = .everything }
        let bob = try await site.member("Bob")
        let held = try await site.comment("Held back", by: bob)
        try await site.test { browser async throws in
            let cards = try await browser.get("/live/\(site.post.id)/cards?ids=\(held.id),\(shown.id),junk")
            #expect(cards.status == .ok)
            #expect(cards.text.contains("id=\"comment-\(shown.id)\"") && cards.text.contains("Shown to all"))
            #expect(!cards.text.contains("Held back") && !cards.text.contains("comment-\(held.id)"))
        }
    }

    @Test("Given two instances on one PostgreSQL, when a comment is posted and liked on one, then a reader of the other hears both")
    func acrossInstances() async throws {
        guard let url = TestEngine.postgresURL else { return }
        let (stores, running, schema) = try await ScheduledPostInstancesTests.twoInstances(url)
        defer { _ = running }
        var logger = Logger(label: "parley.live-test")
        logger.logLevel = .error
        let channel = "live_" + schema
        let buses = stores.map { PostgresEventBus(store: $0, logger: logger, channel: channel) }
        let listening = buses.map { bus in RunningClient(Task { try await bus.run() }) }
        defer { _ = listening }
        for bus in buses {
            for _ in 0..<200 where !bus.isListening { try await Task.sleep(for: .milliseconds(25)) }
            #expect(bus.isListening)
        }
        let one = Actions(store: stores[0], passwords: PasswordHasher(cost: 4), events: buses[0])
        let two = Actions(store: stores[1], passwords: PasswordHasher(cost: 4), events: buses[1])
        let owner = try await one.addMember(AddMemberInput(email: "owner@example.com", displayName: "Olive", role: .owner))
        let rita = try await one.addMember(AddMemberInput(email: "rita@example.com", displayName: "Rita"))
        let post = try await one.addPost(
            AddPostInput(
                title: "Shared", subtitle: "", bodyMarkdown: "Words.", authorEmail: owner.email, draft: false,
                publishedAt: Date().addingTimeInterval(-60), emailSubscribers: false))

        try await LiveServer.run(actions: two, limits: Self.limits) { port in
            let reader = try EventStreamReader(port: port, post: post.id)
            _ = await reader.read(until: Self.has("ready"))
            let comment = try await one.postComment(postID: post.id, replyTo: nil, text: "From instance one", by: rita)
            _ = try await one.toggleLike(commentID: comment.id, by: owner)
            let events = await reader.read(until: Self.has("likes")).events
            #expect(Self.names(events) == ["ready", "comment", "likes"])
            #expect(events[1].fields.comment == comment.id.rawValue)
            reader.close()
        }
        try await stores[0].executeRaw("DROP SCHEMA \(schema) CASCADE")
    }
}
