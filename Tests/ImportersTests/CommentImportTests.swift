import Domain
import Foundation
import Storage
import Testing

@testable import Importers

/// Swift Testing has a `Comment` type too; here the word means the domain's comment.
typealias Comment = Domain.Comment

@Suite("Comment import: the sink")
struct CommentImportTests {
    @Test(
        "Given an export with nested replies, then discussions are keyed by URL with nesting, dates, likes and counters kept",
        arguments: SinkEngine.allCases)
    func nestingDatesLikes(engine: SinkEngine) async throws {
        try await withImportSite(engine) { site async throws in
            // Given two threads, one of them spelled twice (same page, other spelling)
            let records: [ImportRecord] = [
                Make.thread("t1", "HTTPS://Blog.Example/posts/one#comments", title: "Post one"),
                Make.thread("t2", "https://blog.example/posts/two"),
                Make.thread("t3", "https://blog.example/posts/one"),
                Make.comment("c1", minutes: 1, likes: 4, dislikes: 1),
                Make.comment("c2", parent: "c1", minutes: 2, likes: 1),
                Make.comment("c3", parent: "c2", minutes: 3),
                Make.comment("c4", thread: "t3", minutes: 4),
                Make.comment("c5", thread: "t2", minutes: 5),
            ]
            // When it is imported
            let summary = try await site.run(records)
            // Then the first page has four comments, nested, with their dates and likes
            let one = try await site.discussion("https://blog.example/posts/one")
            #expect(one.title == "Post one")
            #expect(one.state == .page)
            #expect(one.authorID == site.owner.id)
            #expect(one.commentCount == 4)
            let comments = try await site.comments(of: one)
            #expect(comments.map(\.bodyText) == ["Comment c1", "Comment c2", "Comment c3", "Comment c4"])
            #expect(comments[1].parentID == comments[0].id)
            #expect(comments[2].parentID == comments[1].id)
            #expect(comments[0].descendantCount == 2)
            #expect(comments[1].descendantCount == 1)
            #expect(comments[0].likeCount == 4)
            #expect(comments[1].likeCount == 1)
            #expect(comments[2].createdAt == importEpoch.addingTimeInterval(180))
            #expect(comments[0].bodyHTML == "<p>Comment c1</p>")
            let two = try await site.discussion("https://blog.example/posts/two")
            #expect(two.commentCount == 1)
            #expect(summary.imported(SummaryLabel.comments) == 5)
            #expect(summary.imported(SummaryLabel.discussionsMade) == 2)
            #expect(summary.imported(SummaryLabel.discussionsJoined) == 1)
            #expect(summary.imported(SummaryLabel.guests) == 1)
        }
    }

    @Test(
        "Given an export imported once, when it is imported again, then nothing is added and the summary says already imported",
        arguments: SinkEngine.allCases)
    func idempotent(engine: SinkEngine) async throws {
        try await withImportSite(engine) { site async throws in
            let records: [ImportRecord] = [
                Make.thread("t1", "https://blog.example/a"),
                Make.comment("c1"),
                Make.comment("c2", parent: "c1", minutes: 1),
                Make.comment("", text: "No id at all", minutes: 2),
                Make.comment("c3", minutes: 3, state: .pending),
                Make.comment("c4", minutes: 4, state: .deleted),
                Make.comment("c5", parent: "c4", minutes: 5),
            ]
            let first = try await site.run(records)
            let memberCount = try await site.store.memberCount()
            let page = try await site.discussion("https://blog.example/a")
            let before = try await site.comments(of: page)
            // When the same file is imported again
            let second = try await site.run(records)
            // Then nothing is added
            #expect(first.imported(SummaryLabel.comments) == 4)
            #expect(second.imported(SummaryLabel.comments) == 0)
            #expect(second.skipped(SummaryLabel.already) == 6)
            #expect(second.notes.contains { $0.contains("nothing was added") })
            #expect(try await site.comments(of: page) == before)
            #expect(try await site.store.memberCount() == memberCount)
            #expect(try await site.store.post(id: page.id)?.commentCount == 4)
        }
    }

    @Test(
        "Given authors with and without addresses, then they are merged by email, matched to members, and the rest become guests",
        arguments: SinkEngine.allCases)
    func authors(engine: SinkEngine) async throws {
        try await withImportSite(engine) { site async throws in
            // Given a member who had commented on the old site with her address
            let member = try await site.store.insertMember(
                NewMember(email: "mia@example.org", displayName: "Mia", role: .member, passwordHash: nil, createdAt: importEpoch))
            let records: [ImportRecord] = [
                Make.thread("t1", "https://blog.example/a"),
                Make.comment("c1", by: ImportedAuthor(name: "Mia M.", email: "MIA@example.org")),
                Make.comment("c2", by: ImportedAuthor(name: "Bob", email: "bob@example.org", website: "https://bob.example")),
                Make.comment("c3", by: ImportedAuthor(name: "Robert", email: "bob@example.org")),
                Make.comment("c4", by: ImportedAuthor(name: "Anonymous Al", externalID: "disqus_al")),
                Make.comment("c5", by: ImportedAuthor(name: "Al again", externalID: "disqus_al")),
                Make.comment("c6", by: ImportedAuthor(name: "Zed")),
                Make.comment("c7", by: ImportedAuthor(name: "zed ")),
                Make.comment("c8", by: ImportedAuthor(name: "", email: "not an address")),
            ]
            let summary = try await site.run(records)
            let comments = try await site.comments(of: try await site.discussion("https://blog.example/a"))
            let authors = try await site.store.members(ids: Set(comments.map(\.authorID)))
            // Then Mia's comment is hers; Bob is one guest; Al is one guest; Zed is one guest
            #expect(comments[0].authorID == member.id)
            #expect(authors[member.id]?.kind == .account)
            #expect(comments[1].authorID == comments[2].authorID)
            #expect(comments[3].authorID == comments[4].authorID)
            #expect(comments[5].authorID == comments[6].authorID)
            let bob = try #require(authors[comments[1].authorID])
            #expect(bob.kind == .guest)
            #expect(bob.email == "bob@example.org")
            #expect(bob.displayName == "Bob")
            #expect(bob.website == "https://bob.example")
            #expect(!bob.notifyReplies && !bob.notifyMentions)
            let al = try #require(authors[comments[3].authorID])
            #expect(GuestAddress.isPlaceholder(al.email))
            let nameless = try #require(authors[comments[7].authorID])
            #expect(nameless.displayName == "Anonymous")
            #expect(GuestAddress.isPlaceholder(nameless.email))
            #expect(Set(comments.map(\.authorID)).count == 5)
            #expect(summary.imported(SummaryLabel.members) == 1)
            #expect(summary.imported(SummaryLabel.guests) == 4)
        }
    }

    @Test(
        "Given a comment whose author gave the owner's address, then it is a guest's, not the owner's, and the summary says so",
        arguments: SinkEngine.allCases)
    func staffAddressesAreNotMatched(engine: SinkEngine) async throws {
        try await withImportSite(engine) { site async throws in
            // Given an export where someone typed the owner's address
            let records: [ImportRecord] = [
                Make.thread("t1", "https://blog.example/a"),
                Make.comment("c1", by: ImportedAuthor(name: "The Owner, honest", email: site.owner.email)),
            ]
            // When it is imported
            let summary = try await site.run(records)
            // Then the comment is a guest's under a placeholder address, and the owner keeps theirs
            let comments = try await site.comments(of: try await site.discussion("https://blog.example/a"))
            let comment = try #require(comments.first)
            let author = try #require(try await site.store.member(id: comment.authorID))
            #expect(author.id != site.owner.id)
            #expect(author.kind == .guest && author.role == .member)
            #expect(GuestAddress.isPlaceholder(author.email))
            #expect(try await site.store.member(email: site.owner.email)?.id == site.owner.id)
            #expect(summary.imported(SummaryLabel.staffAddresses) == 1)
            #expect(summary.imported(SummaryLabel.members) == 0)
        }
    }

    @Test(
        "Given replies before their parents and a parent that never comes, then the replies wait and the orphan starts its own thread",
        arguments: SinkEngine.allCases)
    func childrenBeforeParents(engine: SinkEngine) async throws {
        try await withImportSite(engine) { site async throws in
            // Given replies listed before their parents, some a whole batch earlier
            var records: [ImportRecord] = [
                Make.thread("t1", "https://blog.example/a"),
                Make.comment("reply-2", parent: "reply-1", minutes: 3),
                Make.comment("reply-1", parent: "root", minutes: 2),
                Make.comment("orphan", parent: "gone", minutes: 4),
                Make.comment("orphan-reply", parent: "orphan", minutes: 5),
            ]
            records += (0..<CommentImport.batchSize).map { Make.comment("filler-\($0)", thread: "t1", minutes: 10) }
            records.append(Make.comment("root", minutes: 1))
            // When it is imported
            let summary = try await site.run(records)
            // Then the chain hangs under its root, and the orphan is a root with its reply under it
            let page = try await site.discussion("https://blog.example/a")
            let comments = try await site.comments(of: page)
            let byText = Dictionary(uniqueKeysWithValues: comments.map { ($0.bodyText, $0) })
            let root = try #require(byText["Comment root"])
            let reply1 = try #require(byText["Comment reply-1"])
            let reply2 = try #require(byText["Comment reply-2"])
            let orphan = try #require(byText["Comment orphan"])
            let orphanReply = try #require(byText["Comment orphan-reply"])
            #expect(reply1.parentID == root.id)
            #expect(reply2.parentID == reply1.id)
            #expect(root.descendantCount == 2)
            #expect(orphan.parentID == nil)
            #expect(orphanReply.parentID == orphan.id)
            #expect(page.commentCount == CommentImport.batchSize + 5)
            let orphans = try #require(summary.importedLine(SummaryLabel.orphans))
            #expect(orphans.count == 1)
            #expect(orphans.examples == ["orphan"])
        }
    }

    @Test(
        "Given spam, pending and deleted comments, then spam is skipped, pending is held, and deleted ones stay only as placeholders with replies",
        arguments: SinkEngine.allCases)
    func states(engine: SinkEngine) async throws {
        try await withImportSite(engine) { site async throws in
            let records: [ImportRecord] = [
                Make.thread("t1", "https://blog.example/a"),
                Make.comment("spam", minutes: 1, state: .spam),
                Make.comment("pending", minutes: 2, state: .pending),
                Make.comment("deleted-answered", html: "<p>gone words</p>", minutes: 3, state: .deleted),
                Make.comment("answer", parent: "deleted-answered", minutes: 4),
                Make.comment("deleted-alone", minutes: 5, state: .deleted),
                Make.comment("deleted-chain", minutes: 6, state: .deleted),
                Make.comment("deleted-chain-2", parent: "deleted-chain", minutes: 7, state: .deleted),
            ]
            let summary = try await site.run(records)
            let page = try await site.discussion("https://blog.example/a")
            let comments = try await site.comments(of: page)
            // Then: the held one, the placeholder and its answer are all that is left
            #expect(comments.count == 3)
            let held = try #require(comments.first { $0.bodyText == "Comment pending" })
            #expect(held.status == .held)
            let placeholder = try #require(comments.first { $0.isDeleted })
            #expect(placeholder.bodyText.isEmpty && placeholder.bodyHTML.isEmpty)
            #expect(placeholder.descendantCount == 1)
            let answer = try #require(comments.first { $0.bodyText == "Comment answer" })
            #expect(answer.parentID == placeholder.id)
            // Only the answer is counted: held and placeholders are not
            #expect(page.commentCount == 1)
            let everyone = try await site.store.rootComments(postID: page.id, sort: .old, after: nil, limit: 10)
            #expect(everyone.count == 1)
            #expect(summary.skipped(SummaryLabel.spam) == 1)
            #expect(summary.imported(SummaryLabel.held) == 1)
            #expect(summary.imported(SummaryLabel.placeholders) == 1)
            #expect(summary.skipped(SummaryLabel.deletedAlone) == 3)
            // And a second run does not bring the deleted ones back
            let again = try await site.run(records)
            #expect(again.skipped(SummaryLabel.already) == 6)
            #expect(try await site.comments(of: page).count == 3)
        }
    }

    @Test(
        "Given HTML with a script and an overlong body, then the stored text is escaped by the comment formatter and cut to the limit",
        arguments: SinkEngine.allCases)
    func bodies(engine: SinkEngine) async throws {
        try await withImportSite(engine) { site async throws in
            let long = String(repeating: "word ", count: Limits.commentLength)
            let records: [ImportRecord] = [
                Make.thread("t1", "https://blog.example/a"),
                Make.comment("script", html: "<p>Hi<script>alert(1)</script> <b>there</b></p>", minutes: 1),
                Make.comment("long", text: long, minutes: 2),
                Make.comment("isso", text: "*Markdown* as typed <img src=x onerror=alert(1)>", minutes: 3),
            ]
            let summary = try await site.run(records)
            let comments = try await site.comments(of: try await site.discussion("https://blog.example/a"))
            #expect(comments.count == 3)
            for comment in comments {
                #expect(!comment.bodyHTML.contains("<script"))
                #expect(!comment.bodyHTML.contains("<img"))
                #expect(comment.bodyText.count <= Limits.commentLength)
            }
            #expect(comments[1].bodyText.count >= Limits.commentLength - 1)
            let cut = try #require(summary.importedLine(SummaryLabel.cut))
            #expect(cut.count == 1)
            #expect(cut.examples == ["long"])
        }
    }

    @Test(
        "Given URL mapping and this site's post address, then old addresses move, a post's thread joins the post, and a bare path is reported",
        arguments: SinkEngine.allCases)
    func addresses(engine: SinkEngine) async throws {
        try await withImportSite(engine) { site async throws in
            let post = try await site.store.insertPost(
                NewPost(
                    slug: "hello", title: "Hello", subtitle: "", bodyMarkdown: "Body", bodyHTML: "<p>Body</p>", authorID: site.owner.id,
                    state: .published, publishedAt: importEpoch, createdAt: importEpoch))
            let records: [ImportRecord] = [
                Make.thread("old", "http://old.example/blog/2019/a-post/"),
                Make.thread("post", "https://news.example/p/hello?utm=1"),
                Make.thread("moved-post", "http://old.example/p/hello"),
                Make.thread("path", "/relative/page/"),
                Make.comment("c1", thread: "old"),
                Make.comment("c2", thread: "post", minutes: 1),
                Make.comment("c3", thread: "moved-post", minutes: 2),
                Make.comment("c4", thread: "path", minutes: 3),
                Make.comment("c5", thread: "nowhere", minutes: 4),
            ]
            let mapping = URLMapping(rules: [
                URLMapping.Rule(from: "http://old.example/", to: "https://blog.example/"),
                URLMapping.Rule(from: "http://old.example/p/", to: "/p/"),
            ])
            let summary = try await site.run(records, options: ImportOptions(urlMapping: mapping, publicURL: "https://news.example/"))
            #expect(try await site.comments(of: try await site.discussion("https://blog.example/blog/2019/a-post/")).count == 1)
            let postComments = try await site.comments(of: post)
            #expect(postComments.map(\.bodyText) == ["Comment c2", "Comment c3"])
            #expect(try await site.store.post(id: post.id)?.commentCount == 2)
            #expect(summary.skipped.contains { $0.label.contains("path") && $0.examples == ["/relative/page/"] })
            #expect(summary.skipped(SummaryLabel.noThread) == 1)
        }
    }

    @Test("Given a thread deeper than the site allows, then the deepest replies are attached higher up", arguments: SinkEngine.allCases)
    func depth(engine: SinkEngine) async throws {
        try await withImportSite(engine) { site async throws in
            var records: [ImportRecord] = [Make.thread("t1", "https://blog.example/a"), Make.comment("d0")]
            for level in 1...(Limits.maxDepth + 2) {
                records.append(Make.comment("d\(level)", parent: "d\(level - 1)", minutes: Double(level)))
            }
            let summary = try await site.run(records)
            let comments = try await site.comments(of: try await site.discussion("https://blog.example/a"))
            #expect(comments.count == Limits.maxDepth + 3)
            #expect(comments.map(\.depth).max() == Limits.maxDepth)
            #expect(comments[0].descendantCount == Limits.maxDepth + 2)
            #expect(summary.imported(SummaryLabel.flattened) == 2)
        }
    }

    @Test(
        "Given a large export, then the reader waits while each batch is written, so only one batch is in memory",
        arguments: SinkEngine.allCases)
    func streaming(engine: SinkEngine) async throws {
        try await withImportSite(engine) { site async throws in
            let total = CommentImport.batchSize * 4 + 17
            let reader = CountingReader(comments: total)
            let checks = ProgressLog()
            let summary = try await CommentImport.run(
                reader, file: site.file, store: site.store, options: ImportOptions(),
                progress: { progress in checks.note(emitted: reader.emitted, written: progress.records) })
            #expect(summary.imported(SummaryLabel.comments) == total)
            // Each time a batch was written, the reader had emitted exactly what was written:
            // it waited instead of reading ahead.
            #expect(checks.entries.count >= 5)
            #expect(checks.entries.dropLast().allSatisfy { $0.emitted == $0.written })
        }
    }

    @Test("Given a site without an owner, then the import stops with a clear reason", arguments: [SinkEngine.sqlite])
    func noOwner(engine: SinkEngine) async throws {
        try await withImportSite(engine) { site async throws in
            try await site.store.setRole(
                .admin, memberID: site.owner.id, audit: NewAuditEntry(at: importEpoch, actorID: nil, action: .setRole))
            await #expect(throws: ImportError.self) {
                try await site.run([Make.thread("t1", "https://blog.example/a"), Make.comment("c1")])
            }
        }
    }
}

/// Emits `comments` comments on one thread, counting what it emitted.
final class CountingReader: CommentExportReader, @unchecked Sendable {
    let source = "counting"
    let comments: Int
    private let lock = NSLock()
    private var count = 0

    init(comments: Int) {
        self.comments = comments
    }

    var emitted: Int { lock.withLock { count } }

    func read(_ file: URL, emit: (ImportRecord) throws -> Void, progress: (Int64) -> Void) throws {
        lock.withLock { count += 1 }
        try emit(Make.thread("t1", "https://blog.example/big"))
        for index in 0..<comments {
            // Counted before it is handed over: handing over the last of a batch waits for the write.
            lock.withLock { count += 1 }
            try emit(Make.comment("n\(index)", minutes: Double(index)))
        }
    }
}

/// What the progress handler saw.
final class ProgressLog: @unchecked Sendable {
    struct Entry {
        let emitted: Int
        let written: Int
    }
    private let lock = NSLock()
    private var log: [Entry] = []

    func note(emitted: Int, written: Int) {
        lock.withLock { log.append(Entry(emitted: emitted, written: written)) }
    }

    var entries: [Entry] { lock.withLock { log } }
}

@Suite("Comment import: bounded waiting")
struct CommentImportWaitingTests {
    @Test(
        "Given more replies before their parents than may wait, then the ones past the bound start their own threads and are reported",
        arguments: SinkEngine.allCases)
    func boundedWaiting(engine: SinkEngine) async throws {
        try await withImportSite(engine) { site async throws in
            // Given five replies listed before their parent, and room for three to wait
            var records: [ImportRecord] = [Make.thread("t1", "https://blog.example/a")]
            records += (1...5).map { Make.comment("r\($0)", parent: "root", minutes: Double($0)) }
            records.append(Make.comment("root"))
            let summary = try await CommentImport.run(
                RecordsReader(source: "disqus", records: records), file: site.file, store: site.store, options: ImportOptions(),
                progress: nil, waitingLimit: CommentSink.WaitingLimit(count: 3, bytes: 1 << 20))
            // Then three hang under the root and two start their own threads
            let comments = try await site.comments(of: try await site.discussion("https://blog.example/a"))
            let root = try #require(comments.first { $0.bodyText == "Comment root" })
            #expect(root.descendantCount == 3)
            #expect(comments.filter { $0.parentID == nil }.count == 3)
            #expect(summary.imported(SummaryLabel.orphansEarly) == 2)
            #expect(summary.imported(SummaryLabel.comments) == 6)
        }
    }
}
