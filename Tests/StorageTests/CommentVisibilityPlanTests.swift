import Domain
import Foundation
import PostgresNIO
import Storage
import Testing

@testable import StoragePostgres
@testable import StorageSQLite

/// The visibility condition only filters the rows a page's index seek finds: the root pages
/// and subtree reads keep their plans, whoever reads them.
@Suite("Moderation: reads with visibility keep their plans")
struct CommentVisibilityPlanTests {
    static let visibilities: [CommentVisibility] = [.everyone, .author(MemberID(1)), .staff]

    /// SQLite's root pages for a visibility: the SQL, its arguments (the filter's before the
    /// limit) and the index it must seek.
    static func sqliteRootReads(_ visibility: CommentVisibility) -> [(name: String, sql: String, arguments: [Int64], index: String)] {
        let shown = SQLiteStore.shownFilter(visibility)
        let extra = shown.arguments.compactMap { $0 as? Int64 }
        return [
            ("top, first page", SQLiteStore.rootsTopFirstSQL(shown.sql), [1] + extra + [20], "comments_roots_top"),
            (
                "top, same likes", SQLiteStore.rootsTopSameLikesSQL(shown.sql), [1, 3, 1000, 5] + extra + [20],
                "comments_roots_top"
            ),
            ("top, fewer likes", SQLiteStore.rootsTopFewerLikesSQL(shown.sql), [1, 3] + extra + [20], "comments_roots_top"),
            ("old", SQLiteStore.rootsOldSQL(shown.sql), [1, 1000, 5] + extra + [20], "comments_roots_time"),
            ("new", SQLiteStore.rootsNewSQL(shown.sql), [1, 1000, 5] + extra + [20], "comments_roots_time"),
        ]
    }

    @Test(
        "Given a page of roots read by anyone, when SQLite plans it, then it seeks the sort's partial index and never sorts",
        arguments: visibilities)
    func sqliteRootPages(visibility: CommentVisibility) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try SQLiteStore(path: directory.path("site.sqlite"))
        defer { try? store.close() }
        for read in Self.sqliteRootReads(visibility) {
            let plan = try await store.queryPlan(read.sql, read.arguments)
            #expect(plan.contains { $0.contains("SEARCH comments USING INDEX \(read.index)") }, "\(read.name): \(plan)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(read.name): \(plan)")
            // The placeholder check, where it runs, is a seek of the replies index.
            #expect(!plan.contains { $0.contains("SCAN comments") || $0.contains("SCAN reply") }, "\(read.name): \(plan)")
        }
        let shown = SQLiteStore.shownFilter(visibility)
        let subtree = try await store.queryPlan(
            SQLiteStore.descendantsSQL(shown.sql).replacingOccurrences(of: "path > ? AND path < ?", with: "path > '1/' AND path < '10'"),
            [5] + shown.arguments.compactMap { $0 as? Int64 } + [20])
        #expect(subtree.contains { $0.contains("SEARCH comments USING INDEX comments_path (path>? AND path<?)") }, "\(subtree)")
        #expect(!subtree.contains { $0.contains("TEMP B-TREE") }, "\(subtree)")
    }

    @Test(
        "Given a page of roots read by anyone, when PostgreSQL plans it, then it walks the sort's index; the windows stay one statement on the path index",
        .enabled(if: PostgresTestDatabase.url != nil, "TEST_POSTGRES_URL is not set"), arguments: visibilities)
    func postgresRootPages(visibility: CommentVisibility) async throws {
        let cursor = CommentCursor(sort: .top, likeCount: 3, createdAtMilliseconds: 1000, id: CommentID(5))
        let top = Comment(
            id: CommentID(1), postID: PostID(1), parentID: nil, rootID: CommentID(1), depth: 0,
            path: CommentPath.segment(for: CommentID(1)), authorID: MemberID(1), bodyText: "", bodyHTML: "",
            createdAt: t0, editedAt: nil, deletedAt: nil, likeCount: 0, descendantCount: 3)
        let reads: [(name: String, query: PostgresQuery, index: String, sorts: Bool)] = [
            (
                "top", PostgresStore.rootsQuery(postID: PostID(1), sort: .top, after: nil, limit: 20, visibility: visibility),
                "comments_roots_top", false
            ),
            (
                "top after", PostgresStore.rootsQuery(postID: PostID(1), sort: .top, after: cursor, limit: 20, visibility: visibility),
                "comments_roots_top", true
            ),
            (
                "old", PostgresStore.rootsQuery(postID: PostID(1), sort: .old, after: nil, limit: 20, visibility: visibility),
                "comments_roots_time", false
            ),
            (
                "new", PostgresStore.rootsQuery(postID: PostID(1), sort: .new, after: nil, limit: 20, visibility: visibility),
                "comments_roots_time", false
            ),
            (
                "windows",
                PostgresStore.windowsQuery(of: [top], relativeDepth: 2, limit: 8, visibility: visibility), "comments_path", true
            ),
        ]
        try await PostgresTestDatabase.withSchema { stores in
            _ = try await GivenThread(Site(store: stores[0]))
            for read in reads {
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
    }
}
