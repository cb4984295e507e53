import Domain
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    public func savePost(_ save: PostSave) async throws -> PostSaveOutcome {
        try await transaction { connection in
            // The row lock makes the revision check and the write one step: a second save
            // from the same revision waits here, then reads the revision the first wrote.
            guard
                let current = try await connection.rows(
                    "SELECT \(unescaped: Self.postColumns) FROM posts WHERE id = \(save.id.rawValue) FOR UPDATE", logger
                ).first.map(Self.decodePost)
            else { throw StoreError.missing("post") }
            if let revision = save.revision, revision != current.revision { return .conflict(current: current) }
            let edit = save.edit ?? PostEdit(current)
            if edit.slug != current.slug {
                try await moveSlug(
                    from: current.slug, to: edit.slug, postID: save.id, keepingOld: current.isVisible(at: save.at), at: save.at,
                    on: connection)
            }
            let rows = try await connection.rows(
                """
                UPDATE posts SET slug = \(edit.slug), title = \(edit.title), subtitle = \(edit.subtitle),
                                 body_markdown = \(edit.bodyMarkdown), body_html = \(edit.bodyHTML),
                                 audience = \(edit.audience.rawValue), sends_email = \(edit.sendsEmail),
                                 cover_image = \(edit.coverImage?.rawValue), state = \(save.state.rawValue),
                                 published_at = \(save.publishedAt?.stored),
                                 updated_at = COALESCE(\(save.updatedAt?.stored), updated_at), revision = revision + 1
                WHERE id = \(save.id.rawValue)
                RETURNING \(unescaped: Self.postColumns)
                """, logger)
            guard let saved = try rows.first.map(Self.decodePost) else { throw StoreError.missing("post") }
            if save.newsletter { try await recordNewsletterSend(postID: save.id, at: save.at, on: connection) }
            return .saved(saved)
        }
    }

    /// The old slug keeps redirecting to the post (`keepingOld`: only a post readers could see
    /// under it; one never visible, or unpublished, has no address anyone holds, and a draft's
    /// slug follows its title as it is typed); the new one, if it was the post's own before,
    /// stops being an old one. A slug another post had before is taken: its links lead there,
    /// and its row is never taken over.
    func moveSlug(
        from old: String, to new: String, postID: PostID, keepingOld: Bool, at: Date, on connection: PostgresConnection
    ) async throws {
        // Both slugs locked, as `insertPost` locks its own: a new post cannot take the old slug
        // between this check and our commit, nor this post the new one from under an insert.
        try await Self.lockSlugs([old, new], on: connection, logger)
        let owners = try await connection.rows("SELECT post_id FROM post_slugs WHERE slug = \(new) FOR UPDATE", logger)
        if let owner = try owners.first?.decode(Int64.self), owner != postID.rawValue { throw StoreError.duplicate(field: "slug") }
        _ = try await connection.rows("DELETE FROM post_slugs WHERE slug = \(new)", logger)
        guard keepingOld else { return }
        _ = try await connection.rows(
            """
            INSERT INTO post_slugs (slug, post_id, created_at) VALUES (\(old), \(postID.rawValue), \(at.stored))
            ON CONFLICT (slug) DO UPDATE SET created_at = excluded.created_at WHERE post_slugs.post_id = excluded.post_id
            """, logger)
    }

    /// The advisory locks' key space for slugs ("Sl"), apart from the single-key locks.
    static let slugLockSpace: Int32 = 0x536C

    /// Takes each slug's transaction-level advisory lock, in one order so that two renames
    /// never wait on each other crosswise.
    static func lockSlugs(_ slugs: [String], on connection: PostgresConnection, _ logger: Logger) async throws {
        for slug in Set(slugs).sorted() {
            _ = try await connection.rows("SELECT pg_advisory_xact_lock(\(slugLockSpace), hashtext(\(slug)))", logger)
        }
    }

    /// A post is mailed once: a send already recorded (finished or not) is left as it is.
    func recordNewsletterSend(postID: PostID, at: Date, on connection: PostgresConnection) async throws {
        _ = try await connection.rows(
            """
            INSERT INTO newsletter_sends (post_id, after_subscriber_id, created_at) VALUES (\(postID.rawValue), NULL, \(at.stored))
            ON CONFLICT (post_id) DO NOTHING
            """, logger)
    }

    public func insertEditedPost(_ new: NewPost, newsletter: Bool) async throws -> Post {
        // `insertPost` itself refuses a former slug, in the insert's own transaction.
        try await insertPost(new, newsletter: newsletter)
    }

    public func deletePost(id: PostID) async throws -> Bool {
        try await transaction { connection in
            // Locked first, as every thread write locks what it changes: comments being added
            // to the post wait, then find it gone.
            let found = try await connection.rows("SELECT id FROM posts WHERE id = \(id.rawValue) FOR UPDATE", logger)
            guard !found.isEmpty else { return false }
            // Notifications name the post without a foreign key; with the whole post gone, they go too.
            _ = try await connection.rows("DELETE FROM notifications WHERE post_id = \(id.rawValue)", logger)
            _ = try await connection.rows("UPDATE posts SET pinned_comment_id = NULL WHERE id = \(id.rawValue)", logger)
            _ = try await connection.rows("DELETE FROM posts WHERE id = \(id.rawValue)", logger)
            return true
        }
    }

    static func decodeSummary(_ row: PostgresRow) throws -> PostSummary {
        let (id, slug, title, stateText, publishedAt, createdAt, updatedAt, commentCount) = try row.decode(
            (Int64, String, String, String, Int64?, Int64, Int64?, Int).self)
        guard let state = PostState(rawValue: stateText) else { throw UnknownSettingError(description: "unknown post state in post \(id)") }
        return PostSummary(
            id: PostID(id), slug: slug, title: title, state: state, publishedAt: publishedAt.date,
            createdAt: Date(millisecondsSince1970: createdAt), updatedAt: updatedAt.date, commentCount: commentCount)
    }

    public func postSummaries(state: PostState) async throws -> [PostSummary] {
        let order: String =
            switch state {
            case .draft: "created_at DESC, id DESC"
            case .scheduled: "published_at, id"
            case .published, .page: "published_at DESC, id DESC"
            }
        return try await rows(
            """
            SELECT id, slug, title, state, published_at, created_at, updated_at, comment_count
            FROM posts WHERE state = \(state.rawValue) ORDER BY \(unescaped: order)
            """
        ).map(Self.decodeSummary)
    }

    public func postCountsByState() async throws -> [PostState: Int] {
        var counts: [PostState: Int] = [:]
        for row in try await rows("SELECT state, COUNT(*) FROM posts GROUP BY state") {
            let (state, count) = try row.decode((String, Int).self)
            if let state = PostState(rawValue: state) { counts[state] = count }
        }
        return counts
    }

    public func publishDuePosts(now: Date, limit: Int) async throws -> [Post] {
        guard limit > 0 else { return [] }
        // One statement: the due rows are locked as they are picked, and another instance's
        // pick skips them; one whose pick raced ours re-reads the row once we commit and finds
        // it published. So each post is moved, and its send recorded, by exactly one instance.
        return try await rows(
            """
            WITH due AS (
                UPDATE posts SET state = 'published', revision = revision + 1
                WHERE id IN (
                    SELECT id FROM posts WHERE state = 'scheduled' AND published_at <= \(now.stored)
                    ORDER BY published_at, id LIMIT \(limit)
                    FOR UPDATE SKIP LOCKED
                ) AND state = 'scheduled'
                RETURNING \(unescaped: Self.postColumns)
            ), send AS (
                INSERT INTO newsletter_sends (post_id, after_subscriber_id, created_at)
                SELECT id, NULL, \(now.stored) FROM due WHERE sends_email
                ON CONFLICT (post_id) DO NOTHING
            )
            SELECT * FROM due ORDER BY published_at, id
            """
        ).map(Self.decodePost)
    }

    public func postID(formerSlug slug: String) async throws -> PostID? {
        try await rows("SELECT post_id FROM post_slugs WHERE slug = \(slug)").first.map { PostID(try $0.decode(Int64.self)) }
    }

    public func hasNewsletterSend(postID: PostID) async throws -> Bool {
        try await !rows("SELECT 1 FROM newsletter_sends WHERE post_id = \(postID.rawValue)").isEmpty
    }
}
