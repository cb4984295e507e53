import Domain
import Foundation
import Logging
import PostgresNIO
import Storage
import Synchronization
import TestSupport
import Testing

@testable import StoragePostgres
@testable import StorageSQLite

/// What only the PostgreSQL engine promises: several instances on one database, migrations
/// under a lock, refusal of a newer schema, and a schema that mirrors SQLite's.
@Suite("PostgreSQL server", .enabled(if: PostgresTestDatabase.url != nil, "TEST_POSTGRES_URL is not set"))
struct PostgresStoreTests {
    @Test(
        "Given four instances starting together on a new database, when all migrate at once, then each migration is applied exactly once and all succeed"
    )
    func concurrentMigrations() async throws {
        try await PostgresTestDatabase.withSchema(stores: 4, migrate: false) { stores in
            let applied = try await withThrowingTaskGroup(of: [String].self) { group in
                for store in stores {
                    group.addTask { try await store.migrate() }
                }
                var all: [[String]] = []
                for try await ran in group { all.append(ran) }
                return all
            }
            // One instance applied everything; the other three found it done.
            #expect(applied.flatMap { $0 } == PostgresStore.knownMigrations)
            #expect(applied.filter(\.isEmpty).count == 3)
            for store in stores {
                #expect(try await store.appliedMigrations() == PostgresStore.knownMigrations)
            }
            #expect(
                try await stores[0].fetchRawStrings("SELECT COUNT(*)::text FROM schema_migrations") == [
                    "\(PostgresStore.knownMigrations.count)"
                ])
            // And the schema works from every instance.
            try await Site(store: stores[3]).member("ada")
            #expect(try await stores[0].memberCount() == 1)
        }
    }

    @Test("Given a migrated database, when it is migrated again, then nothing runs and the data stays")
    func migrationsIdempotent() async throws {
        try await PostgresTestDatabase.withSchema(stores: 2) { stores in
            let ada = try await Site(store: stores[0]).member("ada")
            #expect(try await stores[1].migrate() == [])
            #expect(try await stores[0].migrate() == [])
            #expect(try await stores[1].member(id: ada.id) == ada)
            #expect(try await stores[0].appliedMigrations() == PostgresStore.knownMigrations)
        }
    }

    @Test(
        "Given a database migrated by a newer Parley, when this one migrates, then it is refused with a clear message and nothing changes")
    func refusesNewerSchema() async throws {
        try await PostgresTestDatabase.withSchema(stores: 2) { stores in
            try await stores[0].executeRaw(
                "INSERT INTO schema_migrations (id, applied_at) VALUES ('9999_from_the_future', 0)")
            let error = await #expect(throws: SchemaTooNewError.self) { try await stores[1].migrate() }
            #expect(error?.unknownMigrations == ["9999_from_the_future"])
            #expect(
                error?.description
                    == "the database schema is newer than this Parley (unknown migration 9999_from_the_future); upgrade Parley")
            #expect(
                try await stores[0].fetchRawStrings("SELECT id FROM schema_migrations ORDER BY id")
                    == PostgresStore.knownMigrations + ["9999_from_the_future"])
        }
    }

    @Test("Given a database that lists an unknown migration and no tables, when it is migrated, then nothing is created")
    func refusesBeforeCreating() async throws {
        try await PostgresTestDatabase.withSchema(migrate: false) { stores in
            try await stores[0].executeRaw("CREATE TABLE schema_migrations (id TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)")
            try await stores[0].executeRaw("INSERT INTO schema_migrations (id, applied_at) VALUES ('9999_later', 0)")
            await #expect(throws: SchemaTooNewError.self) { try await stores[0].migrate() }
            #expect(
                try await stores[0].fetchRawStrings(
                    """
                    SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()
                    """) == ["schema_migrations"])
        }
    }

    @Test("Given two instances on one database, when one writes, then the other reads the same site and its writes are seen back")
    func twoInstancesShareData() async throws {
        try await PostgresTestDatabase.withSchema(stores: 2) { stores in
            let one = Site(store: stores[0]), two = Site(store: stores[1])
            let t = try await GivenThread(one)
            let bob = try await one.member("bob")
            _ = try await stores[0].toggleLike(commentID: t.a.id, memberID: bob.id, at: t0)
            try await stores[0].insertSession(tokenHash: "h1", memberID: bob.id, createdAt: t0, expiresAt: at(60))
            try await stores[0].updatePublication(Publication(name: "Shared", description: "One database"))

            let written = try await DiscussionSnapshot.read(one, posts: [t.post], members: [bob], knownIDs: [t.a.id, t.b.id])
            let read = try await DiscussionSnapshot.read(two, posts: [t.post], members: [bob], knownIDs: [t.a.id, t.b.id])
            #expect(read == written)
            #expect(try await stores[1].member(sessionTokenHash: "h1", now: t0) == bob)
            #expect(try await stores[1].publication() == Publication(name: "Shared", description: "One database"))

            let reply = try await two.comment(on: t.post, by: bob, replyingTo: t.b, at: at(100))
            #expect(try await stores[0].comment(id: reply.id) == reply)
            #expect(try await one.reread(t.post)?.commentCount == 12)
            #expect(try await one.reread(t.b)?.descendantCount == 1)
        }
    }

    @Test("Given two instances with their event buses, when one publishes, then the event reaches both, in order")
    func eventsReachEveryInstance() async throws {
        try await PostgresTestDatabase.withSchema(stores: 2) { stores in
            // A channel of its own: tests running at once share the database, and NOTIFY is per database.
            let channel = "parley_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            let buses = stores.map { PostgresEventBus(store: $0, logger: PostgresTestDatabase.logger, channel: channel) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for bus in buses {
                    group.addTask { try await bus.run() }
                }
                defer { group.cancelAll() }
                func listening() -> Bool { buses.allSatisfy { $0.isListening } }
                // Events published before the LISTEN is in place are not heard, by design.
                for _ in 0..<500 where !listening() { try await Task.sleep(for: .milliseconds(10)) }
                try #require(listening())
                let here = buses[0].events(), there = buses[1].events()
                let events: [SiteEvent] = [
                    .commentPosted(post: PostID(1), comment: CommentID(2)),
                    .likeChanged(post: PostID(1), comment: CommentID(2), count: 1),
                ]
                for event in events { try await buses[0].publish(event) }
                #expect(await Self.first(2, of: there) == events)
                #expect(await Self.first(2, of: here) == events)
            }
        }
    }

    /// The first `count` events of `stream`, or fewer if they do not come within five seconds.
    static func first(_ count: Int, of stream: AsyncStream<SiteEvent>) async -> [SiteEvent] {
        let reading = Task {
            var seen: [SiteEvent] = []
            for await event in stream {
                seen.append(event)
                if seen.count == count { break }
            }
            return seen
        }
        let timer = Task {
            try await Task.sleep(for: .seconds(5))
            reading.cancel()
        }
        defer { timer.cancel() }
        return await reading.value
    }

    @Test(
        "Given two instances writing to one thread at once, when they reply, like and delete, then every count stays exact and no placeholder is orphaned"
    )
    func concurrentThreadWrites() async throws {
        try await PostgresTestDatabase.withSchema(stores: 2) { stores in
            let site = Site(store: stores[0])
            let members = [try await site.member("ann"), try await site.member("ben")]
            let post = try await site.post(by: members[0])
            let root = try await site.comment(on: post, by: members[0])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, store) in stores.enumerated() {
                    group.addTask {
                        var rng = SeededRandom(seed: UInt64(index + 1))
                        var mine: [Comment] = [root]
                        for step in 0..<60 {
                            let target = mine.randomElement(using: &rng)!
                            do {
                                switch step % 5 {
                                case 0, 1, 2:
                                    let parent = try await store.comment(id: target.id) ?? root
                                    mine.append(
                                        try await store.insertComment(
                                            NewComment(
                                                postID: post.id, parentID: CommentTree.parentForReply(to: parent),
                                                authorID: members[index].id, bodyText: "r", bodyHTML: "r", createdAt: at(Double(step)))))
                                case 3:
                                    _ = try await store.toggleLike(commentID: target.id, memberID: members[index].id, at: t0)
                                default:
                                    _ = try await store.deleteComment(id: target.id, at: at(Double(step)))
                                }
                            } catch let error as StoreError {
                                // The other instance may have removed the comment first.
                                guard case .missing = error else { throw error }
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let snapshot = try await DiscussionSnapshot.read(
                site, posts: [post], members: members,
                knownIDs: (1...200).map { CommentID(Int64($0)) })
            snapshot.checkInvariants(members: members)
        }
    }

    @Test("Given both engines migrated, when their schemas are listed, then tables, columns and indexes have the same names")
    func schemaMirrorsSQLite() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sqlite = try SQLiteStore(path: directory.path("site.sqlite"))
        defer { try? sqlite.close() }
        let sqliteColumns = try await sqlite.fetchRawStrings(
            """
            SELECT m.name || '.' || p.name FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS p
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'grdb_migrations'
            """
        ).sorted()
        let sqliteIndexes = try await sqlite.fetchRawStrings(
            """
            SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
            """
        ).sorted()
        try await PostgresTestDatabase.withSchema { stores in
            let postgresColumns = try await stores[0].fetchRawStrings(
                """
                SELECT (table_name || '.' || column_name)::text FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name <> 'schema_migrations'
                """
            ).sorted()
            // Primary keys and UNIQUE constraints are indexes of their own in PostgreSQL and part
            // of the table in SQLite (whose automatic indexes have no SQL, so are left out above).
            let postgresIndexes = try await stores[0].fetchRawStrings(
                """
                SELECT indexname::text FROM pg_indexes
                WHERE schemaname = current_schema()
                  AND indexname NOT IN (SELECT conname FROM pg_constraint
                                        WHERE contype IN ('p', 'u') AND connamespace = current_schema()::regnamespace)
                """
            ).sorted()
            // Full-text search is each engine's own (0010_search): SQLite's FTS5 table and its
            // shadow tables, PostgreSQL's tsvector columns and their GIN index.
            let sqliteSearch = { (name: String) in name.hasPrefix("post_search_words") }
            let postgresSearch = { (name: String) in
                name.hasPrefix("post_search.") && name.hasSuffix("_words") || name == "post_search_all_words"
            }
            #expect(postgresColumns.filter { !postgresSearch($0) } == sqliteColumns.filter { !sqliteSearch($0) })
            #expect(postgresIndexes.filter { !postgresSearch($0) } == sqliteIndexes)
            // Byte order, so that "/" sorts before "0" as the path ranges need.
            #expect(
                try await stores[0].fetchRawStrings(
                    """
                    SELECT collation_name::text FROM information_schema.columns
                    WHERE table_schema = current_schema() AND table_name = 'comments' AND column_name = 'path'
                    """) == ["C"])
        }
    }

    @Test("Given a URL with a wrong password, when the store migrates, then it fails in time with a message naming the server")
    func unreachableFailsInTime() async throws {
        let url = try #require(PostgresTestDatabase.url)
        var configuration = try PostgresStore.configuration(url: url)
        configuration.password = "certainly-not-the-password"
        try await Self.expectUnavailable(configuration)
    }

    @Test("Given a server with TLS, when the URL says sslmode=require, then the store's connections are encrypted")
    func requiredTLSEncrypts() async throws {
        let url = try #require(PostgresTestDatabase.url)
        let ssl = try await PostgresTestDatabase.withSchema { stores in try await stores[0].fetchRawStrings("SHOW ssl") }
        // scripts/test-postgres.sh turns TLS on: a server without it cannot show this.
        try #require(ssl == ["on"], "the test server must have TLS on (scripts/test-postgres.sh does)")
        let separator = url.contains("?") ? "&" : "?"
        let store = PostgresStore(
            configuration: try PostgresStore.configuration(url: url + separator + "sslmode=require"),
            logger: PostgresTestDatabase.logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await store.run() }
            defer { group.cancelAll() }
            let encrypted = try await store.fetchRawStrings("SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
            #expect(encrypted == ["true"])
        }
    }

    @Test("Given a server that refuses TLS, when the URL requires TLS, then no plain connection is made: the store fails in time")
    func requiredTLSIsRequired() async throws {
        // A stand-in server that answers PostgreSQL's SSLRequest with "N" (no TLS here), as a
        // server without TLS does; a client that went on in plain text would then send its
        // startup message, which this server never answers.
        let server = try NoTLSServer()
        defer { server.stop() }
        try await Self.expectUnavailable(
            try PostgresStore.configuration(url: "postgres://parley:secret@127.0.0.1:\(server.port)/parley?sslmode=require"))
        #expect(server.sawSSLRequest)
    }

    static func expectUnavailable(_ configuration: PostgresClient.Configuration) async throws {
        let store = PostgresStore(configuration: configuration, logger: PostgresTestDatabase.logger)
        await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await store.run() }
            defer { group.cancelAll() }
            let error = await #expect(throws: PostgresStore.UnavailableError.self) {
                try await store.migrate(timeout: .seconds(2))
            }
            #expect(
                error?.description.hasPrefix("could not connect to PostgreSQL at \(configuration.host!):\(configuration.port!) within 2 s")
                    == true)
            #expect(error?.description.contains(configuration.password ?? "-") == false)
        }
    }

    /// The hot reads, each with the index PostgreSQL must be able to answer it from, and whether
    /// it must do so without sorting (a page of roots is a walk of its index, however many roots).
    static func hotReads() -> [(name: String, query: PostgresQuery, index: String, sorts: Bool)] {
        let cursor = CommentCursor(sort: .top, likeCount: 3, createdAtMilliseconds: 1000, id: CommentID(5))
        let top = Comment(
            id: CommentID(1), postID: PostID(1), parentID: nil, rootID: CommentID(1), depth: 0,
            path: CommentPath.segment(for: CommentID(1)), authorID: MemberID(1), bodyText: "", bodyHTML: "",
            createdAt: t0, editedAt: nil, deletedAt: nil, likeCount: 0, descendantCount: 3)
        return [
            (
                "top, first page", PostgresStore.rootsQuery(postID: PostID(1), sort: .top, after: nil, limit: 20),
                "comments_roots_top", false
            ),
            // The merge re-sorts the first part's few rows: PostgreSQL drops the fixed like_count
            // from that part's order, so it cannot see they are in the merged order already.
            (
                "top, after a cursor", PostgresStore.rootsQuery(postID: PostID(1), sort: .top, after: cursor, limit: 20),
                "comments_roots_top", true
            ),
            ("old", PostgresStore.rootsQuery(postID: PostID(1), sort: .old, after: nil, limit: 20), "comments_roots_time", false),
            ("new", PostgresStore.rootsQuery(postID: PostID(1), sort: .new, after: nil, limit: 20), "comments_roots_time", false),
            (
                "subtree", PostgresStore.descendantsQuery(lower: "000000000001/", upper: "0000000000010", maxDepth: 3, limit: 20),
                "comments_path", false
            ),
            // Sorted once at the end, a few rows per thread, to group them by thread.
            ("windows of a page", PostgresStore.windowsQuery(of: [top], relativeDepth: 2, limit: 8), "comments_path", true),
            ("recent posts", PostgresStore.recentPostsQuery(now: t0, limit: 30, excluding: nil), "posts_state_published_at", true),
        ]
    }

    @Test(
        "Given each hot read, when PostgreSQL plans it, then it can answer it from its index, in the index's order",
        arguments: 0..<7)
    func hotReadsUseIndexes(index: Int) async throws {
        let read = Self.hotReads()[index]
        try await PostgresTestDatabase.withSchema { stores in
            _ = try await GivenThread(Site(store: stores[0]))
            let plan = try await stores[0].queryPlan(read.query)
            #expect(plan.contains { $0.contains("using \(read.index)") }, "\(read.name): \(plan.joined(separator: "\n"))")
            #expect(!plan.contains { $0.contains("Seq Scan") }, "\(read.name): \(plan.joined(separator: "\n"))")
            if !read.sorts {
                #expect(
                    !plan.contains { $0.contains("Sort  (") || $0.contains("Sort (") },
                    "\(read.name): \(plan.joined(separator: "\n"))")
            }
        }
    }

    @Test("Given a refused comment, when the next one is inserted, then no id was used up: ids stay dense as in the other engines")
    func refusedCommentUsesNoID() async throws {
        try await PostgresTestDatabase.withSchema { stores in
            let site = Site(store: stores[0])
            let ada = try await site.member("ada")
            let post = try await site.post(by: ada)
            let first = try await site.comment(on: post, by: ada)
            await #expect(throws: StoreError.missing("parent")) {
                try await stores[0].insertComment(
                    NewComment(
                        postID: post.id, parentID: CommentID(99), authorID: ada.id,
                        bodyText: "x", bodyHTML: "x", createdAt: t0))
            }
            #expect(try await site.comment(on: post, by: ada).id.rawValue == first.id.rawValue + 1)
        }
    }
}

/// What holds with or without a server: the shipped SQL and the URLs the store takes.
@Suite("PostgreSQL adapter")
struct PostgresAdapterTests {
    @Test("Given the shipped migrations, when their SQL is fingerprinted, then it is unchanged: shipped migrations are frozen")
    func migrationsFrozen() {
        // A database that ran a migration never runs it again, so an edit would never reach it.
        // Change the schema with a new migration, here and in SQLite under the same id.
        let fingerprints = PostgresMigrations.all.map { "\($0.id) \(fnv1a($0.statements.joined(separator: ";\n")))" }
        #expect(Array(fingerprints.prefix(1)) == ["0001_foundation 0b66dea27271204c"])
        #expect(PostgresStore.knownMigrations == SQLiteStore.knownMigrations)
    }

    @Test("Given a full URL, when it is parsed, then user, password, host, port and database come from it")
    func fullURL() throws {
        let configuration = try PostgresStore.configuration(url: "postgres://app:s%40cret@db.example.com:6543/parley?sslmode=disable")
        #expect(configuration.username == "app")
        #expect(configuration.password == "s@cret")
        #expect(configuration.host == "db.example.com")
        #expect(configuration.port == 6543)
        #expect(configuration.database == "parley")
    }

    @Test("Given a short URL, when it is parsed, then the port is 5432 and the database defaults as in libpq")
    func shortURL() throws {
        let configuration = try PostgresStore.configuration(url: "postgresql://app@localhost")
        #expect(configuration.port == 5432)
        #expect(configuration.password == nil)
        #expect(configuration.database == nil)
        #expect(try PostgresStore.configuration(url: "postgres://app@[::1]:5433/db").host == "::1")
    }

    @Test("Given an application name, when the URL is parsed, then it is sent at startup")
    func applicationName() throws {
        let configuration = try PostgresStore.configuration(url: "postgres://app@localhost/db?application_name=parley-1")
        #expect(configuration.options.additionalStartupParameters.map { "\($0.0)=\($0.1)" } == ["application_name=parley-1"])
    }

    @Test(
        "Given every sslmode Parley knows, when the URL is parsed, then it is accepted",
        arguments: ["disable", "prefer", "require", "verify-ca", "verify-full"])
    func sslModes(mode: String) throws {
        _ = try PostgresStore.configuration(url: "postgres://app:pw@localhost/db?sslmode=\(mode)")
    }

    @Test(
        "Given a URL Parley cannot use, when it is parsed, then it is refused with a message that never shows the password",
        arguments: [
            "mysql://app:hunter2@localhost/db",
            "postgres://app:hunter2@/db",
            "postgres:///db",
            "postgres://app:hunter2@localhost/db?sslmode=sometimes",
            "postgres://app:hunter2@localhost/db?pool=9",
            "postgres://app:hunter2@localhost/a/b",
            "not a url at all",
        ])
    func refusedURLs(url: String) {
        let error = #expect(throws: PostgresURLError.self) { try PostgresStore.configuration(url: url) }
        #expect(error?.description.contains("hunter2") == false)
    }
}

/// The same refusal for SQLite files, so that neither engine runs on a schema it does not know.
@Suite("Schema newer than this build")
struct SchemaTooNewTests {
    @Test("Given a SQLite file migrated by a newer Parley, when it is opened, then it is refused with a clear message")
    func sqliteRefusesNewerSchema() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("site.sqlite")
        let store = try SQLiteStore(path: path)
        try await store.executeRaw("INSERT INTO grdb_migrations (identifier) VALUES ('9999_from_the_future')")
        try store.close()
        let error = #expect(throws: SchemaTooNewError.self) { try SQLiteStore(path: path) }
        #expect(
            error?.description
                == "the database schema is newer than this Parley (unknown migration 9999_from_the_future); upgrade Parley")
    }
}

/// A TCP server on 127.0.0.1 that answers every PostgreSQL SSLRequest with "N" and then says
/// nothing more: what a server without TLS looks like to a client that asks for it.
final class NoTLSServer: Sendable {
    private let listener: LoopbackListener
    private let sawRequest = Mutex(false)
    var port: Int { listener.port }
    var sawSSLRequest: Bool { sawRequest.withLock { $0 } }

    init() throws {
        listener = try LoopbackListener()
        listener.serve { [self] client in
            var request = [UInt8](repeating: 0, count: 8)
            // SSLRequest: length 8, then the code 80877103 (0x04D2162F).
            if read(client, &request, 8) == 8, request[4...] == [0x04, 0xD2, 0x16, 0x2F] {
                sawRequest.withLock { $0 = true }
                _ = write(client, "N", 1)
            }
            // Keep the connection open and silent; the client must give up by itself.
            Thread.detachNewThread {
                var sink = [UInt8](repeating: 0, count: 512)
                while read(client, &sink, 512) > 0 {}
                close(client)
            }
        }
    }

    func stop() { listener.stop() }
}
