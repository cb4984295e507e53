import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    /// The post columns, in the order `decodePost` reads them.
    static let postColumns = """
        id, slug, title, subtitle, body_markdown, body_html, author_id, state, audience, discussion, \
        published_at, created_at, comment_count, pinned_comment_id, auto_close_days, cover_image, sends_email, \
        updated_at, revision, page_url
        """

    static func decodePost(_ row: Row) throws -> Post {
        let stateText: String = row[7], audienceText: String = row[8], discussionText: String = row[9]
        guard let state = PostState(rawValue: stateText), let audience = PostAudience(rawValue: audienceText),
            let discussion = DiscussionSetting(rawValue: discussionText)
        else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "unknown post setting in post \(row[0] as Int64)")
        }
        return Post(
            id: PostID(row[0]), slug: row[1], title: row[2], subtitle: row[3], bodyMarkdown: row[4],
            bodyHTML: row[5], authorID: MemberID(row[6]), state: state, audience: audience, discussion: discussion,
            publishedAt: row.optionalDate(10), createdAt: row.date(11), commentCount: row[12],
            pinnedCommentID: (row[13] as Int64?).map(CommentID.init), autoCloseDays: row[14],
            coverImage: (row[15] as String?).flatMap(UploadKey.init(rawValue:)), sendsEmail: row[16],
            updatedAt: row.optionalDate(17), revision: row[18], pageURL: (row[19] as String?).flatMap(PageURL.init))
    }

    public func insertPost(_ new: NewPost, newsletter: Bool) async throws -> Post {
        try await write { db in
            let id = try Self.insertPostRow(new, db)
            if newsletter {
                // In the post's own transaction: a published post is never left unmailed.
                try db.run(
                    "INSERT INTO newsletter_sends (post_id, after_subscriber_id, created_at) VALUES (?, NULL, ?)",
                    [id.rawValue, new.createdAt.stored])
            }
            return Post(inserted: new, id: id)
        }
    }

    /// Writes `new`'s row: the one insert behind a post written here and one imported.
    static func insertPostRow(_ new: NewPost, _ db: Database) throws -> PostID {
        // A slug another post had before is taken: its links lead there. In the insert's own
        // write, so no rename can slip between the check and the insert.
        if try db.exists("SELECT 1 FROM post_slugs WHERE slug = ?", [new.slug]) { throw StoreError.duplicate(field: "slug") }
        do {
            try db.run(
                """
                INSERT INTO posts (slug, title, subtitle, body_markdown, body_html, author_id, state, audience,
                                   discussion, published_at, created_at, comment_count, cover_image, sends_email)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
                """,
                [
                    new.slug, new.title, new.subtitle, new.bodyMarkdown, new.bodyHTML, new.authorID.rawValue,
                    new.state.rawValue, new.audience.rawValue, new.discussion.rawValue,
                    new.publishedAt?.stored, new.createdAt.stored, new.coverImage?.rawValue, new.sendsEmail,
                ])
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
            throw StoreError.missing("member")
        }
        return PostID(db.lastInsertedRowID)
    }

    public func post(slug: String) async throws -> Post? {
        try await read { db in
            try db.fetchFirst("SELECT \(Self.postColumns) FROM posts WHERE slug = ?", [slug], Self.decodePost)
        }
    }

    public func post(id: PostID) async throws -> Post? {
        try await read { db in
            try db.fetchFirst("SELECT \(Self.postColumns) FROM posts WHERE id = ?", [id.rawValue], Self.decodePost)
        }
    }

    /// Visible posts of one state, newest first: the rule of `Post.isVisible(at:)` as a query.
    /// One state at a time, so that each is a backward walk of `posts_state_published_at` that
    /// stops after `limit` rows; across states, SQLite would sort every visible post first.
    /// An excluded id of 0 matches nothing, since ids start at 1.
    static let recentPostsSQL = """
        SELECT \(postColumns) FROM posts
        WHERE state = ? AND published_at <= ? AND id <> ?
        ORDER BY published_at DESC, id DESC
        LIMIT ?
        """

    /// Every state whose posts are public once their time has come.
    static let visibleStates = PostState.listed

    public func recentPosts(now: Date, limit: Int, excluding: PostID?) async throws -> [Post] {
        guard limit > 0 else { return [] }
        return try await read { db in
            var posts: [Post] = []
            for state in Self.visibleStates {
                posts += try db.fetch(
                    Self.recentPostsSQL, [state.rawValue, now.stored, excluding?.rawValue ?? 0, limit],
                    Self.decodePost)
            }
            // Merge the per-state lists: equal times fall back to the later insert, so the order is total.
            posts.sort { a, b in
                a.publishedAt != b.publishedAt ? a.publishedAt! > b.publishedAt! : a.id > b.id
            }
            return Array(posts.prefix(limit))
        }
    }

    public func postCount() async throws -> Int {
        try await read { db in
            try db.fetchFirst("SELECT COUNT(*) FROM posts") { $0[0] as Int } ?? 0
        }
    }
}
