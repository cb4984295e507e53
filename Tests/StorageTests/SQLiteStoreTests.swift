import Domain
import Foundation
import Storage
import Testing

@testable import StorageSQLite

/// What only the SQLite engine promises: the file, its durability, its schema and its plans.
@Suite("SQLite file")
struct SQLiteStoreTests {
    @Test("Given a site written to a file, when the file is closed and opened again, then everything is still there")
    func survivesReopen() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("site.sqlite")
        let before: DiscussionSnapshot
        do {
            let store = try SQLiteStore(path: path)
            let site = Site(store: store)
            let t = try await GivenThread(site)
            _ = try await store.toggleLike(commentID: t.a.id, memberID: t.post.authorID, at: t0)
            try await store.updatePublication(Publication(name: "Kept", description: "Across restarts"))
            #expect(try await store.insertSubscriber(email: "reader@example.com", createdAt: t0))
            before = try await DiscussionSnapshot.read(site, posts: [t.post], members: [], knownIDs: [])
            try store.close()
        }
        let reopened = try SQLiteStore(path: path)
        defer { try? reopened.close() }
        let site = Site(store: reopened)
        let post = try #require(try await reopened.post(slug: "hello"))
        #expect(try await DiscussionSnapshot.read(site, posts: [post], members: [], knownIDs: []) == before)
        #expect(try await reopened.publication() == Publication(name: "Kept", description: "Across restarts"))
        #expect(try await reopened.subscriberCount(status: .active) == 1)
        #expect(try await reopened.memberCount() == 1)
    }

    @Test("Given a new file, when it is opened, then it is in WAL mode and every commit syncs")
    func walAndFullSync() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try SQLiteStore(path: directory.path("site.sqlite"))
        defer { try? store.close() }
        #expect(try await store.journalMode() == "wal")
        // 2 is FULL: GRDB's default for WAL, NORMAL (1), may lose the last commits on power loss.
        #expect(try await store.writerSynchronous() == 2)
        try await Site(store: store).member("ada")
        #expect(FileManager.default.fileExists(atPath: directory.path("site.sqlite-wal")))
    }

    @Test("Given a migrated file, when it is opened again and again, then the migrations run once and the data stays")
    func migrationsIdempotent() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("site.sqlite")
        let first = try SQLiteStore(path: path)
        #expect(try await first.appliedMigrations() == SQLiteStore.knownMigrations)
        #expect(SQLiteStore.knownMigrations.first == "0001_foundation")
        let ada = try await Site(store: first).member("ada")
        try first.close()
        for _ in 0..<3 {
            let again = try SQLiteStore(path: path)
            #expect(try await again.appliedMigrations() == SQLiteStore.knownMigrations)
            #expect(try await again.member(id: ada.id) == ada)
            try again.close()
        }
    }

    @Test("Given the shipped migrations, when their SQL is fingerprinted, then it is unchanged: shipped migrations are frozen")
    func migrationsFrozen() {
        // A site that ran a migration never runs it again, so an edit would never reach it and the
        // engines would drift apart. Change the schema with a new migration appended to the list;
        // each new one adds its fingerprint here once it ships.
        let fingerprints = SQLiteMigrations.all.map { "\($0.id) \(fnv1a($0.sql))" }
        #expect(Array(fingerprints.prefix(1)) == ["0001_foundation 97d061eb33ee6a81"])
    }

    @Test("Given a server and a CLI command on one file, when both write at once, then every write lands")
    func twoProcessesWrite() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("site.sqlite")
        // Two pools are two writers, as a server and a CLI command are: they meet at SQLite's file lock.
        let server = try SQLiteStore(path: path)
        let cli = try SQLiteStore(path: path)
        defer { try? server.close(); try? cli.close() }
        let ada = try await Site(store: server).member("ada")
        let post = try await Site(store: server).post(by: ada)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for store in [server, cli] {
                group.addTask {
                    for index in 0..<40 {
                        _ = try await store.insertComment(
                            NewComment(
                                postID: post.id, parentID: nil, authorID: ada.id,
                                bodyText: "\(index)", bodyHTML: "", createdAt: t0))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await cli.post(id: post.id)?.commentCount == 80)
        #expect(try await server.rootComments(postID: post.id, sort: .old, after: nil, limit: 100).count == 80)
    }

    /// The hot reads, each with the plan SQLite must find for it: a seek on the named index and no
    /// sort, so a page costs the same however long the thread.
    static let hotReads: [(name: String, sql: String, arguments: [Int64], index: String)] = [
        ("top, first page", SQLiteStore.rootsTopFirstSQL(SQLiteStore.shownToEveryone), [1, 20], "comments_roots_top"),
        (
            "top, same likes as cursor", SQLiteStore.rootsTopSameLikesSQL(SQLiteStore.shownToEveryone), [1, 3, 1000, 5, 20],
            "comments_roots_top"
        ),
        ("top, fewer likes than cursor", SQLiteStore.rootsTopFewerLikesSQL(SQLiteStore.shownToEveryone), [1, 3, 20], "comments_roots_top"),
        ("old", SQLiteStore.rootsOldSQL(SQLiteStore.shownToEveryone), [1, 1000, 5, 20], "comments_roots_time"),
        ("new", SQLiteStore.rootsNewSQL(SQLiteStore.shownToEveryone), [1, 1000, 5, 20], "comments_roots_time"),
    ]

    @Test(
        "Given a page of roots in any order, when SQLite plans it, then it seeks the sort's partial index and never sorts",
        arguments: hotReads.indices)
    func rootPagesUseIndexes(index: Int) async throws {
        let read = Self.hotReads[index]
        let plan = try await plan(read.sql, read.arguments)
        #expect(plan.contains { $0.contains("SEARCH comments USING INDEX \(read.index)") }, "\(read.name): \(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(read.name): \(plan)")
    }

    @Test("Given a subtree read, when SQLite plans it, then it is a range of the path index in path order")
    func descendantsUseThePathIndex() async throws {
        let plan = try await plan(
            SQLiteStore.descendantsSQL(SQLiteStore.shownToEveryone).replacingOccurrences(
                of: "path > ? AND path < ?",
                with: "path > '1/' AND path < '10'"),
            [5, 20])
        #expect(plan.contains { $0.contains("SEARCH comments USING INDEX comments_path (path>? AND path<?)") }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
    }

    @Test("Given a member's likes among a page, when SQLite plans it, then it seeks the member's likes index")
    func likesUseTheMemberIndex() async throws {
        let plan = try await plan(
            "SELECT comment_id FROM likes WHERE member_id = ? AND comment_id IN (?, ?, ?)",
            [1, 2, 3, 4])
        #expect(plan.contains { $0.contains("USING COVERING INDEX likes_member_id") }, "\(plan)")
    }

    @Test("Given the home page's posts, when SQLite plans them, then it reads the state and time index")
    func recentPostsUseTheirIndex() async throws {
        let plan = try await plan(
            SQLiteStore.recentPostsSQL.replacingOccurrences(of: "state = ?", with: "state = 'published'"),
            [1000, 0, 30])
        #expect(plan.contains { $0.contains("SEARCH posts USING INDEX posts_state_published_at") }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
    }

    /// The plan on a real file, as SQLite makes it with no statistics (no ANALYZE), as on a
    /// production file: it then assumes big tables, where the plan matters.
    func plan(_ sql: String, _ arguments: [Int64]) async throws -> [String] {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try SQLiteStore(path: directory.path("site.sqlite"))
        defer { try? store.close() }
        let site = Site(store: store)
        let ada = try await site.member("ada")
        let post = try await site.post(by: ada)
        let root = try await site.comment(on: post, by: ada)
        try await site.comment(on: post, by: ada, replyingTo: root)
        return try await store.queryPlan(sql, arguments)
    }
}

/// 64-bit FNV-1a of the UTF-8 bytes, in hex: a fingerprint that needs no crypto library.
func fnv1a(_ text: String) -> String {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash &*= 0x0000_0100_0000_01B3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}
