import App
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Storage
import Testing
import UseCases

@testable import Web

/// Isso's HTTP API under `/isso/`, driven as Isso's own client drives it (JSON bodies,
/// `Origin` of the embedding page, the edit cookie sent back): threads, new comments by guests
/// and members, edit and delete by cookie, votes per address, counts, config, preview, feed,
/// latest and CORS. Over a real socket on 127.0.0.1 (the proxy there trusted, so each test
/// speaks from the addresses it names in `X-Forwarded-For`). On SQLite, and on PostgreSQL with
/// `PARLEY_TEST_WEB_POSTGRES_URL`.
@Suite("Isso API: Isso's client works unchanged against Parley")
struct IssoAPITests {
    static let blog = "https://blog.example"
    static let path = "/2026/notes/"
    static let pageURL = PageURL(blog + path)!
    static let thread = "/isso/?uri=" + path.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
    static let new = "/isso/new?uri=" + path.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!

    /// A site whose settings allow `blog` to embed.
    static func site() async throws -> TestSite {
        let site = try await TestSite()
        var publication = try await site.store.publication()
        publication.embedOrigins = [blog]
        try await site.store.updatePublication(publication)
        return site
    }

    /// Runs `body` against the application on a real socket, trusting the loopback proxy.
    static func live(
        _ site: TestSite, anonymous: Bool = true, _ body: @escaping @Sendable (Browser) async throws -> Void
    ) async throws {
        var configuration = TestSite.configuration()
        configuration.trustedProxies = try IPRange.list("127.0.0.1/32, ::1")
        configuration.anonymousComments = anonymous
        var logger = Logger(label: "parley.isso-tests")
        logger.logLevel = .error
        let app = buildApplication(actions: site.actions, configuration: configuration, logger: logger)
        try await app.test(.live) { client in try await body(Browser(client: client)) }
    }

    /// One request as Isso's client sends it: JSON, from the blog's page, from `address`.
    static func send(
        _ browser: Browser, _ uri: String, method: HTTPRequest.Method = .get, json: String? = nil, from address: String = "198.51.100.1",
        cookie: String? = nil, contentType: String = "application/json", origin: String? = blog
    ) async throws -> TestResponse {
        var headers: HTTPFields = [HTTPField.Name("X-Forwarded-For")!: address]
        if let origin { headers[.origin] = origin }
        if method != .get { headers[.contentType] = contentType }
        if let cookie { headers[.cookie] = cookie }
        return try await browser.client.execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) }) {
            $0
        }
    }

    static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body), options: .fragmentsAllowed) as? [String: Any])
    }

    /// The edit cookie a new comment's answer set, as a `Cookie` header value.
    static func editCookie(_ response: TestResponse, id: Int) throws -> String {
        let line = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("\(id)=") })
        return String(line.split(separator: ";")[0])
    }

    /// Posts a comment and returns its id, cookie and answer.
    static func post(
        _ browser: Browser, _ text: String, author: String? = "Ada", parent: Int? = nil, from address: String = "198.51.100.1",
        expect status: HTTPResponse.Status = .created
    ) async throws -> (id: Int, cookie: String, json: [String: Any]) {
        var fields: [String: Any] = ["text": text, "author": author as Any, "email": NSNull(), "website": NSNull(), "notification": 0]
        fields["parent"] = parent ?? NSNull()
        let body = String(decoding: try JSONSerialization.data(withJSONObject: fields), as: UTF8.self)
        let response = try await send(browser, new, method: .post, json: body, from: address)
        #expect(response.status == status, "\(response.status): \(String(buffer: response.body))")
        let json = try object(response)
        let id = try #require(json["id"] as? Int)
        return (id, try editCookie(response, id: id), json)
    }

    // MARK: New comments and the thread

    @Test("A guest's comment: 201 with Isso's fields and edit cookies, a guest member, and the thread lists it")
    func guestComment() async throws {
        let site = try await Self.site()
        try await Self.live(site) { browser in
            // Given a page of an allowed site nobody commented on
            // When Isso's client posts a guest's comment with a name, an email and a website
            let body =
                #"{"text": "Hello *there*", "author": "Ada", "email": "ada@guests.example", "website": "ada.example/me", "parent": null, "title": "Notes", "notification": 0}"#
            let response = try await Self.send(browser, Self.new, method: .post, json: body)
            // Then it is created, with Isso's shape
            #expect(response.status == .created)
            let json = try Self.object(response)
            let id = try #require(json["id"] as? Int)
            #expect(
                json["mode"] as? Int == 1 && json["author"] as? String == "Ada" && json["website"] as? String == "http://ada.example/me")
            #expect((json["text"] as? String)?.contains("<em>there</em>") == true)
            #expect(json["parent"] is NSNull && json["modified"] is NSNull && json["likes"] as? Int == 0 && json["dislikes"] as? Int == 0)
            #expect((json["hash"] as? String)?.count == 12 && json["created"] is Double)
            // And the edit cookie comes both ways, for 15 minutes
            let set = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("\(id)=") })
            #expect(set.contains("Max-Age=900") && set.contains("Path=/isso"))
            let exposed = try #require(response.headers[HTTPField.Name("X-Set-Cookie")!])
            #expect(exposed.hasPrefix("isso-\(id)=") && exposed.contains("Path=/"))
            // And CORS lets the blog read it, with credentials, seeing X-Set-Cookie and Date
            #expect(response.headers[.accessControlAllowOrigin] == Self.blog)
            #expect(response.headers[.accessControlAllowCredentials] == "true")
            #expect(response.headers[.accessControlExposeHeaders]?.contains("X-Set-Cookie") == true)
            // And the page's discussion holds it, by a guest who is mailed nothing
            let post = try #require(try await site.store.pageDiscussion(url: Self.pageURL))
            #expect(post.title == "Notes" && post.commentCount == 1)
            let comment = try #require(try await site.store.comment(id: CommentID(Int64(id))))
            let author = try #require(try await site.store.member(id: comment.authorID))
            #expect(author.kind == .guest && GuestAddress.isPlaceholder(author.email) && author.website == "http://ada.example/me")
            #expect(!author.notifyReplies && !author.notifyMentions)
            // And the thread lists it
            let thread = try Self.object(try await Self.send(browser, Self.thread))
            let replies = try #require(thread["replies"] as? [[String: Any]])
            #expect(thread["total_replies"] as? Int == 1 && thread["hidden_replies"] as? Int == 0 && thread["id"] is NSNull)
            #expect(replies.map { $0["id"] as? Int } == [id])
            #expect(replies.first?["total_replies"] as? Int == 0 && (replies.first?["replies"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("Anonymous comments off: a guest is refused 403 and nothing is stored; the dashboard's switch turns them on")
    func anonymousSwitch() async throws {
        let site = try await Self.site()
        try await Self.live(site, anonymous: false) { browser in
            // When a guest posts while neither the flag nor the setting allows it
            let refused = try await Self.send(browser, Self.new, method: .post, json: #"{"text": "Let me in", "author": "Eve"}"#)
            // Then it is refused and no discussion, member or comment is made
            #expect(refused.status == .forbidden)
            #expect(try await site.store.pageDiscussion(url: Self.pageURL) == nil)
            #expect(try await site.store.memberCount() == 2)
            // When the publication's setting allows them
            var publication = try await site.store.publication()
            publication.anonymousComments = true
            try await site.store.updatePublication(publication)
            // Then the same comment is taken
            _ = try await Self.post(browser, "Let me in", author: "Eve")
        }
    }

    @Test("Writes that are not JSON are refused 403 and change nothing")
    func notJSONRefused() async throws {
        let site = try await Self.site()
        try await Self.live(site) { browser in
            let (id, cookie, _) = try await Self.post(browser, "A first comment")
            let before = try await site.store.exportSite()
            for (uri, method) in [
                (Self.new, HTTPRequest.Method.post), ("/isso/id/\(id)", .put), ("/isso/id/\(id)", .delete),
                ("/isso/id/\(id)/like", .post), ("/isso/id/\(id)/dislike", .post), ("/isso/count", .post), ("/isso/preview", .post),
            ] {
                for type in ["application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x"] {
                    let response = try await Self.send(
                        browser, uri, method: method, json: #"{"text": "Forged comment"}"#, from: "203.0.113.9", cookie: cookie,
                        contentType: type)
                    #expect(response.status == .forbidden, "\(method) \(uri) as \(type): \(response.status)")
                }
            }
            var after = try await site.store.exportSite()
            after.sessions = before.sessions
            #expect(after == before)
        }
    }

    @Test("A reply to a reply answers with its top-level parent; Parley keeps the real one; limits, offset, sort and after page it")
    func oneLevelNesting() async throws {
        let site = try await Self.site()
        try await Self.live(site) { browser in
            // Given two top-level comments, a reply to the first and a reply to that reply
            let first = try await Self.post(browser, "First top-level")
            let second = try await Self.post(browser, "Second top-level")
            let reply = try await Self.post(browser, "A reply", parent: first.id)
            let deeper = try await Self.post(browser, "A reply to the reply", parent: reply.id)
            // Then the deeper reply answers with the top-level comment as its parent
            #expect(deeper.json["parent"] as? Int == first.id)
            // While Parley keeps whom it answered
            let stored = try #require(try await site.store.comment(id: CommentID(Int64(deeper.id))))
            #expect(stored.parentID?.rawValue == Int64(reply.id) && stored.rootID.rawValue == Int64(first.id))
            // And the thread is one level deep, replies oldest first
            let all = try Self.object(try await Self.send(browser, Self.thread))
            let tops = try #require(all["replies"] as? [[String: Any]])
            #expect(tops.map { $0["id"] as? Int } == [first.id, second.id])
            #expect(all["total_replies"] as? Int == 4)
            let under = try #require(tops[0]["replies"] as? [[String: Any]])
            #expect(under.map { $0["id"] as? Int } == [reply.id, deeper.id] && under.allSatisfy { $0["parent"] as? Int == first.id })
            #expect(tops[0]["total_replies"] as? Int == 2 && tops[0]["hidden_replies"] as? Int == 0)
            // When it asks for one top-level comment with one reply each
            let paged = try Self.object(try await Self.send(browser, Self.thread + "&limit=1&nested_limit=1"))
            let pagedTops = try #require(paged["replies"] as? [[String: Any]])
            #expect(pagedTops.map { $0["id"] as? Int } == [first.id] && paged["hidden_replies"] as? Int == 1)
            #expect((pagedTops[0]["replies"] as? [Any])?.count == 1 && pagedTops[0]["hidden_replies"] as? Int == 1)
            // And the next page, newest first, and the replies of one comment
            let next = try Self.object(try await Self.send(browser, Self.thread + "&limit=1&offset=1"))
            #expect((next["replies"] as? [[String: Any]])?.map { $0["id"] as? Int } == [second.id] && next["hidden_replies"] as? Int == 0)
            let newest = try Self.object(try await Self.send(browser, Self.thread + "&sort=newest"))
            #expect((newest["replies"] as? [[String: Any]])?.map { $0["id"] as? Int } == [second.id, first.id])
            let more = try Self.object(try await Self.send(browser, Self.thread + "&parent=\(first.id)&offset=1&limit=5"))
            #expect((more["replies"] as? [[String: Any]])?.map { $0["id"] as? Int } == [deeper.id] && more["id"] as? Int == first.id)
            // And `after` leaves out what came before
            let created = try #require(second.json["created"] as? Double)
            let later = try Self.object(try await Self.send(browser, Self.thread + "&after=\(created)"))
            #expect((later["replies"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }.contains(first.id) == false)
            // And bad parameters are refused
            for query in ["&limit=x", "&offset=-1", "&sort=sideways", "&parent=0"] {
                #expect(try await Self.send(browser, Self.thread + query).status == .badRequest, "\(query)")
            }
        }
    }

    @Test("The owner's settings page switches anonymous comments on and off")
    func dashboardSwitch() async throws {
        // Given an owner on the settings page, anonymous comments off
        let site = try await TestSite()
        try await site.test { browser async throws in
            try await browser.signIn(site.owner.email)
            let page = try await browser.get("/dashboard/settings")
            #expect(page.text.contains("name=\"anonymous_comments\" value=\"1\" aria-describedby"))
            // When the switch is saved on, then off
            var form = PublicationSettingsTests.fullForm
            form["anonymous_comments"] = "1"
            #expect(try await browser.post("/dashboard/settings", form: form).status == .seeOther)
            #expect(try await site.store.publication().anonymousComments)
            #expect(try await browser.get("/dashboard/settings").text.contains("name=\"anonymous_comments\" value=\"1\" checked"))
            #expect(try await browser.post("/dashboard/settings", form: PublicationSettingsTests.fullForm).status == .seeOther)
            // Then the publication holds each
            #expect(try await !site.store.publication().anonymousComments)
        }
    }

    // MARK: Edit and delete

    @Test("Edit and delete need the edit cookie; an edit voids the old one; deleted with replies is mode 4, else null")
    func editAndDelete() async throws {
        let site = try await Self.site()
        try await Self.live(site) { browser in
            let first = try await Self.post(browser, "My first words")
            let lone = try await Self.post(browser, "Alone here")
            _ = try await Self.post(browser, "A reply holds it up", parent: first.id, from: "198.51.100.2")
            // Without the cookie (or with another comment's): refused
            #expect(try await Self.send(browser, "/isso/id/\(first.id)").status == .forbidden)
            #expect(
                try await Self.send(
                    browser, "/isso/id/\(first.id)", method: .put, json: #"{"text": "Taken over"}"#,
                    cookie: "\(first.id)=\(lone.cookie.split(separator: "=")[1])"
                ).status == .forbidden)
            // With it, the text as typed, and an edit
            let view = try Self.object(try await Self.send(browser, "/isso/id/\(first.id)?plain=1", cookie: first.cookie))
            #expect(view["text"] as? String == "My first words")
            let edited = try await Self.send(
                browser, "/isso/id/\(first.id)", method: .put, json: #"{"text": "My better words"}"#, cookie: first.cookie)
            #expect(edited.status == .ok)
            #expect(try Self.object(edited)["modified"] is Double)
            #expect(try await site.store.comment(id: CommentID(Int64(first.id)))?.bodyText == "My better words")
            // And the old cookie names the old text: it no longer works, the new one does
            #expect(try await Self.send(browser, "/isso/id/\(first.id)", method: .delete, cookie: first.cookie).status == .forbidden)
            let renewed = try Self.editCookie(edited, id: first.id)
            let deleted = try await Self.send(browser, "/isso/id/\(first.id)", method: .delete, cookie: renewed)
            #expect(deleted.status == .ok)
            let placeholder = try Self.object(deleted)
            #expect(placeholder["mode"] as? Int == 4 && placeholder["text"] as? String == "" && placeholder["author"] is NSNull)
            // And nothing ties the placeholder to its author: no identicon seed, no votes
            #expect(placeholder["hash"] as? String == "" && placeholder["likes"] as? Int == 0 && placeholder["dislikes"] as? Int == 0)
            #expect(deleted.headers[values: .setCookie].contains { $0.hasPrefix("\(first.id)=;") && $0.contains("Max-Age=0") })
            // And a comment without replies goes, answered with null
            let gone = try await Self.send(browser, "/isso/id/\(lone.id)", method: .delete, cookie: lone.cookie)
            #expect(gone.status == .ok && String(buffer: gone.body) == "null")
            // And the thread shows the placeholder as mode 4 with its reply
            let thread = try Self.object(try await Self.send(browser, Self.thread))
            let tops = try #require(thread["replies"] as? [[String: Any]])
            #expect(tops.map { $0["id"] as? Int } == [first.id] && tops[0]["mode"] as? Int == 4 && tops[0]["total_replies"] as? Int == 1)
            #expect(tops[0]["hash"] as? String == "" && tops[0]["author"] is NSNull)
        }
    }

    // MARK: Votes

    @Test("Votes: one per address, none on one's own comment; a like adds to Parley's like count, a dislike to dislikes")
    func votes() async throws {
        let site = try await Self.site()
        try await Self.live(site) { browser in
            let comment = try await Self.post(browser, "Vote on me", from: "198.51.100.1")
            let like = "/isso/id/\(comment.id)/like"
            // The author's own address cannot vote
            let own = try Self.object(try await Self.send(browser, like, method: .post, from: "198.51.100.1"))
            #expect(own["likes"] as? Int == 0)
            // Another address likes once, however often it asks (its /64 for IPv6)
            for address in ["203.0.113.5", "203.0.113.5", "2001:db8::1", "2001:db8::2"] {
                _ = try await Self.send(browser, like, method: .post, from: address)
            }
            let votes = try Self.object(try await Self.send(browser, "/isso/id/\(comment.id)/dislike", method: .post, from: "203.0.113.77"))
            #expect(votes["likes"] as? Int == 2 && votes["dislikes"] as? Int == 1)
            #expect(try await site.store.comment(id: CommentID(Int64(comment.id)))?.likeCount == 2)
            // And the thread says so
            let thread = try Self.object(try await Self.send(browser, Self.thread))
            let top = try #require((thread["replies"] as? [[String: Any]])?.first)
            #expect(top["likes"] as? Int == 2 && top["dislikes"] as? Int == 1)
            // And a vote on nothing is 404
            #expect(try await Self.send(browser, "/isso/id/999999/like", method: .post).status == .notFound)
        }
    }

    @Test("Votes need the right to comment: anonymous off refuses guests, members vote from this site; bans and closed discussions refuse")
    func voteRights() async throws {
        let site = try await Self.site()
        let comment = try await site.actions.postComment(postID: site.post.id, replyTo: nil, text: "Vote on me", by: site.owner)
        let like = "/isso/id/\(comment.id)/like"
        try await Self.live(site, anonymous: false) { browser in
            // Given anonymous comments off, a guest's vote is refused and counts nothing
            let guest = try await Self.send(browser, like, method: .post, from: "203.0.113.5", origin: nil)
            #expect(guest.status == .forbidden)
            #expect(try await site.store.comment(id: comment.id)?.likeCount == 0)
            // And a signed-in member on this site's own origin may vote
            try await browser.signIn(site.reader.email)
            let session = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            let member = try await Self.send(browser, like, method: .post, from: "203.0.113.6", cookie: session, origin: nil)
            #expect(member.status == .ok)
            #expect(try await site.store.comment(id: comment.id)?.likeCount == 1)
            // But not once banned
            _ = try await site.actions.banMember(id: site.reader.id, reason: "spam", until: nil, removeComments: false, by: site.owner)
            let banned = try await Self.send(
                browser, "/isso/id/\(comment.id)/dislike", method: .post, from: "203.0.113.7", cookie: session, origin: nil)
            #expect(banned.status == .forbidden)
        }
        try await Self.live(site, anonymous: true) { browser in
            // With anonymous comments on, a guest may vote, until the discussion closes
            #expect(try await Self.send(browser, like, method: .post, from: "203.0.113.8", origin: nil).status == .ok)
            try await site.actions.setDiscussion(postID: site.post.id, setting: .closed, autoCloseDays: nil, by: site.owner)
            #expect(try await Self.send(browser, like, method: .post, from: "203.0.113.9", origin: nil).status == .forbidden)
            // And a subscribers-only discussion refuses a guest, who subscribes to nothing
            try await site.actions.setDiscussion(postID: site.post.id, setting: .subscribers, autoCloseDays: nil, by: site.owner)
            #expect(try await Self.send(browser, like, method: .post, from: "203.0.113.10", origin: nil).status == .forbidden)
            #expect(try await site.store.comment(id: comment.id)?.likeCount == 2)
        }
    }

    @Test("One thread answer holds at most 1,000 comments in all; the counts still tell how many there are")
    func answerCap() async throws {
        // Given a post with one top-level comment holding 999 replies, and another holding 5
        let site = try await Self.site()
        func add(_ parent: CommentID?, _ n: Int) async throws -> Domain.Comment {
            try await site.store.insertComment(
                NewComment(
                    postID: site.post.id, parentID: parent, authorID: site.reader.id, bodyText: "c\(n)", bodyHTML: "<p>c\(n)</p>",
                    createdAt: Date(timeIntervalSince1970: 1_780_000_000).addingTimeInterval(TimeInterval(n))))
        }
        let first = try await add(nil, 0)
        let second = try await add(nil, 1)
        for n in 0..<999 { _ = try await add(first.id, 10 + n) }
        for n in 0..<5 { _ = try await add(second.id, 2_000 + n) }
        try await Self.live(site) { browser in
            // When the thread is asked for with no limit
            let thread = try Self.object(try await Self.send(browser, "/isso/?uri=%2Fp%2F\(site.post.slug)", origin: nil))
            let tops = try #require(thread["replies"] as? [[String: Any]])
            let shown = tops.count + tops.reduce(0) { $0 + (($1["replies"] as? [Any])?.count ?? 0) }
            // Then it holds 1,000 comments, and says what it left out
            #expect(shown == 1_000 && tops.count == 2)
            #expect(tops[0]["total_replies"] as? Int == 999 && tops[0]["hidden_replies"] as? Int == 1)
            #expect(tops[1]["total_replies"] as? Int == 5 && tops[1]["hidden_replies"] as? Int == 5)
        }
    }

    // MARK: Rules

    @Test("Moderation rules apply: a held comment answers 202 and is not listed; a blocked word is refused and leaves no guest")
    func moderationRules() async throws {
        let site = try await Self.site()
        try await ModerationRulesTests.settings(site) {
            $0.holdPolicy = .everything
            $0.blockWords = ["casino"]
        }
        try await Self.live(site) { browser in
            let members = try await site.store.memberCount()
            let refused = try await Self.send(browser, Self.new, method: .post, json: #"{"text": "Visit my casino", "author": "Spam"}"#)
            #expect(refused.status == .unprocessableContent)
            #expect(try await site.store.memberCount() == members)
            let held = try await Self.post(browser, "Please hold me", expect: .accepted)
            #expect(held.json["mode"] as? Int == 2)
            let thread = try Self.object(try await Self.send(browser, Self.thread))
            #expect((thread["replies"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("A guest never keeps a typed address: no account's, no subscriber's badge, no sign-in takeover, a new guest each time")
    func guestsAndAccounts() async throws {
        let site = try await Self.site()
        try await Self.live(site) { browser in
            func guest(_ name: String, _ email: String) async throws -> Member {
                let body = #"{"text": "Words of \#(name)", "author": "\#(name)", "email": "\#(email)"}"#
                let response = try await Self.send(browser, Self.new, method: .post, json: body)
                let id = try #require(try Self.object(response)["id"] as? Int)
                let comment = try #require(try await site.store.comment(id: CommentID(Int64(id))))
                return try #require(try await site.store.member(id: comment.authorID))
            }
            // Given a guest who types an account's address and name
            let posing = try await guest(site.reader.displayName, site.reader.email)
            #expect(posing.id != site.reader.id && posing.kind == .guest && GuestAddress.isPlaceholder(posing.email))
            // When a guest types an address nobody holds yet, twice under one name
            let once = try await guest("Grace", "grace@guests.example")
            let twice = try await guest("Grace", "grace@guests.example")
            // Then neither keeps it, and knowing the name and address does not reuse a guest
            #expect(GuestAddress.isPlaceholder(once.email) && GuestAddress.isPlaceholder(twice.email) && once.id != twice.id)
            #expect(try await site.store.member(email: "grace@guests.example") == nil)
            // And when Grace herself signs in by link, she gets her own account, not the guests' comments
            let token = try await site.signInToken(for: "grace@guests.example")
            _ = try await site.actions.signIn(linkToken: token, displayName: "Grace")
            let grace = try #require(try await site.store.member(email: "grace@guests.example"))
            #expect(grace.kind == .account && grace.id != once.id && grace.id != twice.id)
            #expect(try await site.store.member(id: once.id)?.kind == .guest)
        }
    }

    @Test("Sign-in never turns a guest with a placeholder address into an account")
    func placeholderGuestSignIn() async throws {
        // Given a guest stored under a placeholder address
        let site = try await Self.site()
        let address = GuestAddress.make()
        let guest = try await site.store.insertMember(
            NewMember(
                email: address, displayName: "Nobody", role: .member, passwordHash: nil, createdAt: Date(), kind: .guest,
                website: nil))
        // When a sign-in link for that address is redeemed
        let token = try await site.signInToken(for: address)
        // Then it is refused, and the guest stays a guest
        await #expect(throws: FieldError.self) { _ = try await site.actions.signIn(linkToken: token, displayName: nil) }
        #expect(try await site.store.member(id: guest.id)?.kind == .guest)
    }

    @Test("A signed-in member on this site's own origin comments as themselves; another origin's request never uses the session")
    func memberComments() async throws {
        let site = try await Self.site()
        try await Self.live(site, anonymous: false) { browser in
            try await browser.signIn(site.reader.email)
            let session = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            let own = try await Self.send(
                browser, "/isso/new?uri=%2Fp%2F\(site.post.slug)", method: .post, json: #"{"text": "As myself"}"#, cookie: session,
                origin: nil)
            #expect(own.status == .created)
            let id = try #require(try Self.object(own)["id"] as? Int)
            #expect(try await site.store.comment(id: CommentID(Int64(id)))?.authorID == site.reader.id)
            #expect(try Self.object(own)["author"] as? String == site.reader.displayName)
            // The post's own path names the post
            #expect(try await site.fresh(site.post).commentCount == 1)
            // From the blog's page, the session is not used: a guest is needed, and they are off
            let cross = try await Self.send(browser, Self.new, method: .post, json: #"{"text": "As myself?"}"#, cookie: session)
            #expect(cross.status == .forbidden)
        }
    }

    // MARK: The rest of the API

    @Test("Counts, the client's stylesheet, config, preview, the Atom feed and the latest comments")
    func countsConfigPreviewFeedLatest() async throws {
        let site = try await Self.site()
        try await Self.live(site) { browser in
            let first = try await Self.post(browser, "Counted once")
            _ = try await Self.post(browser, "Counted twice", parent: first.id)
            let counts = try await Self.send(
                browser, "/isso/count", method: .post, json: #"["\#(Self.path)", "/nothing/here", "https://elsewhere.example/"]"#)
            #expect(String(buffer: counts.body) == "[2,0,0]")
            let style = try await Self.send(browser, "/isso/css/isso.css")
            #expect(style.status == .ok && style.headers[.contentType]?.hasPrefix("text/css") == true)
            #expect(String(buffer: style.body).contains(".isso-comment"))
            let config = try Self.object(try await Self.send(browser, "/isso/config"))
            let values = try #require(config["config"] as? [String: Any])
            #expect(values["reply-to-self"] as? Bool == true && values["gravatar"] as? Bool == false && values["feed"] as? Bool == true)
            let preview = try Self.object(
                try await Self.send(browser, "/isso/preview", method: .post, json: #"{"text": "**bold** <script>"}"#))
            let html = try #require(preview["text"] as? String)
            #expect(html.contains("<strong>bold</strong>") && html.contains("&lt;script&gt;") && !html.contains("<script>"))
            let feed = try await Self.send(
                browser, "/isso/feed?uri=" + Self.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(feed.status == .ok && feed.headers[.contentType]?.hasPrefix("application/atom+xml") == true)
            let atom = String(buffer: feed.body)
            #expect(atom.contains("Counted twice") && atom.contains(Self.blog + Self.path + "#isso-\(first.id)"))
            let latest = try await Self.send(browser, "/isso/latest?limit=1")
            let items = try #require(try JSONSerialization.jsonObject(with: Data(buffer: latest.body)) as? [[String: Any]])
            #expect(
                items.count == 1 && items[0]["uri"] as? String == Self.path
                    && (items[0]["text"] as? String)?.contains("Counted twice") == true)
            #expect(try await Self.send(browser, "/isso/latest").status == .badRequest)
        }
    }

    @Test("CORS: an allowed origin's preflight may send credentials and JSON; another origin is refused and not shared with")
    func cors() async throws {
        let site = try await Self.site()
        try await Self.live(site) { browser in
            var headers: HTTPFields = [.origin: Self.blog, .accessControlRequestMethod: "POST"]
            headers[.accessControlRequestHeaders] = "content-type"
            let preflight = try await browser.client.execute(uri: Self.new, method: .options, headers: headers) { $0 }
            #expect(preflight.status == .noContent && preflight.headers[.accessControlAllowOrigin] == Self.blog)
            #expect(preflight.headers[.accessControlAllowCredentials] == "true")
            #expect(preflight.headers[.accessControlAllowHeaders]?.contains("Content-Type") == true)
            headers[.origin] = "https://evil.example"
            let refused = try await browser.client.execute(uri: Self.new, method: .options, headers: headers) { $0 }
            #expect(refused.status == .forbidden && refused.headers[.accessControlAllowOrigin] == nil)
            let read = try await Self.send(browser, "/isso/config", origin: "https://evil.example")
            #expect(read.headers[.accessControlAllowOrigin] == nil && read.headers[.accessControlAllowCredentials] == nil)
            // And another origin cannot name a thread of the blog by a path
            #expect(try await Self.send(browser, Self.thread, origin: "https://evil.example").status == .forbidden)
        }
    }
}
