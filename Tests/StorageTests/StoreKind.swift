import Domain
import Foundation
import Storage
import StorageSQLite
import Testing

/// Swift Testing has a `Comment` type too (the note attached to an expectation); in this
/// module the word means the domain's comment.
typealias Comment = Domain.Comment

/// The engines the conformance suite runs against: a backend is done when it passes.
///
/// PostgreSQL is listed only when `TEST_POSTGRES_URL` names a server (postgres://...), so the
/// suite still runs where there is none; each of its tests gets a fresh schema of its own.
/// The in-memory store (StorageReference) is not one of them: it is the model the engines are
/// held against (`RandomOperationsTests`, `BigSubtreeTests`), not a backend.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    static var allCases: [StoreKind] {
        PostgresTestDatabase.url == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    var testDescription: String { rawValue }
}

/// A directory of its own under the system's temporary directory, removed when done.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("parley-storage-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Runs `body` with a fresh, empty site of `kind`, then throws the site away.
/// SQLite runs on a real file in WAL mode, as in production; PostgreSQL on a real server, in a
/// schema made for the test and dropped after it.
///
/// Callers spell the closure `{ site async throws in`: Swift settles a closure's effects before it
/// expands `#expect`, so a body made only of expectations would otherwise count as non-throwing.
func withSite(_ kind: StoreKind, _ body: (Site) async throws -> Void) async throws {
    switch kind {
    case .sqlite:
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try SQLiteStore(path: directory.path("parley.sqlite"))
        defer { try? store.close() }
        try await body(Site(store: store))
    case .postgres:
        try await PostgresTestDatabase.withSchema { stores in try await body(Site(store: stores[0])) }
    }
}

/// A fixed instant, so that tests are the same every run: every time in a test is `at(seconds)`.
let t0 = Date(millisecondsSince1970: 1_750_000_000_000)

func at(_ seconds: Double) -> Date {
    t0.addingTimeInterval(seconds)
}

/// A store and the "Given" steps tests build their scene with.
struct Site {
    let store: any CoreStore

    /// The moderation ports: the engines have them, the in-memory reference does not.
    var moderation: any ModerationStore { store as! any ModerationStore }

    /// Uploaded images: the engines keep them, the in-memory reference does not.
    var uploads: any UploadStore { store as! any UploadStore }

    /// The rate-limit counts: every engine and the in-memory reference keep them.
    var rateLimits: any RateLimitStore { store as! any RateLimitStore }

    @discardableResult
    func member(_ name: String = "ada", role: Role = .member, passwordHash: String? = nil) async throws -> Member {
        try await store.insertMember(
            NewMember(
                email: "\(name)@example.com", displayName: name.capitalized,
                role: role, passwordHash: passwordHash, createdAt: t0))
    }

    @discardableResult
    func post(
        _ slug: String = "hello", by author: Member, state: PostState = .published,
        publishedAt: Date? = t0
    ) async throws -> Post {
        try await store.insertPost(
            NewPost(
                slug: slug, title: "Title of \(slug)", subtitle: "", bodyMarkdown: "Body",
                bodyHTML: "<p>Body</p>", authorID: author.id, state: state,
                publishedAt: publishedAt, createdAt: t0))
    }

    @discardableResult
    func comment(
        on post: Post, by author: Member, replyingTo parent: Comment? = nil, at date: Date = t0,
        text: String = "words"
    ) async throws -> Comment {
        try await store.insertComment(
            NewComment(
                postID: post.id, parentID: parent?.id, authorID: author.id,
                bodyText: text, bodyHTML: "<p>\(text)</p>", createdAt: date))
    }

    /// The comment as the store now has it (counts change under it).
    func reread(_ comment: Comment) async throws -> Comment? {
        try await store.comment(id: comment.id)
    }

    func reread(_ post: Post) async throws -> Post? {
        try await store.post(id: post.id)
    }

    /// Every root of `post` in `sort`, read in pages of `pageSize`.
    func allRoots(of post: Post, sort: CommentSort, pageSize: Int = 1000) async throws -> [Comment] {
        var roots: [Comment] = []
        var cursor: CommentCursor?
        // Bounded, so that a cursor that does not move fails the test instead of hanging it.
        for _ in 0..<10_000 {
            let page = try await store.rootComments(postID: post.id, sort: sort, after: cursor, limit: pageSize)
            roots += page
            guard page.count == pageSize, let last = page.last else { return roots }
            cursor = CommentCursor(sort: sort, comment: last)
        }
        Issue.record("paging \(sort) never reached the last page")
        return roots
    }

    /// Every comment of `post`, roots and replies, in thread order.
    func allComments(of post: Post) async throws -> [Comment] {
        var all: [Comment] = []
        for root in try await allRoots(of: post, sort: .old) {
            all.append(root)
            all += try await store.descendants(of: root, maxDepth: .max, afterReply: nil, limit: .max)
        }
        return all
    }
}
