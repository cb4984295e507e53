import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    public func savePost(_ save: PostSave) async throws -> PostSaveOutcome {
        try await write { db in
            guard let current = try db.fetchFirst("SELECT \(Self.postColumns) FROM posts WHERE id = ?", [save.id.rawValue], Self.decodePost)
            else { throw StoreError.missing("post") }
            if let revision = save.revision, revision != current.revision { return .conflict(current: current) }
            let edit = save.edit ?? PostEdit(current)
            if edit.slug != current.slug {
                try Self.moveSlug(
                    from: current.slug, to: edit.slug, postID: save.id, keepingOld: current.isVisible(at: save.at), at: save.at, in: db)
            }
            try db.run(
                """
                UPDATE posts SET slug = ?, title = ?, subtitle = ?, body_markdown = ?, body_html = ?, audience = ?,
                                 sends_email = ?, cover_image = ?, state = ?, published_at = ?,
                                 updated_at = COALESCE(?, updated_at), revision = revision + 1
                WHERE id = ?
                """,
                [
                    edit.slug, edit.title, edit.subtitle, edit.bodyMarkdown, edit.bodyHTML, edit.audience.rawValue, edit.sendsEmail,
                    edit.coverImage?.rawValue, save.state.rawValue, save.publishedAt?.stored, save.updatedAt?.stored,
                    save.id.rawValue,
                ])
            if save.newsletter { try Self.recordNewsletterSend(postID: save.id, at: save.at, in: db) }
            guard let saved = try db.fetchFirst("SELECT \(Self.postColumns) FROM posts WHERE id = ?", [save.id.rawValue], Self.decodePost)
            else { throw StoreError.missing("post") }
            return .saved(saved)
        }
    }

    /// The old slug keeps redirecting to the post (`keepingOld`: only a post readers could see
    /// under it; one never visible, or unpublished, has no address anyone holds, and a draft's
    /// slug follows its title as it is typed); the new one, if it was the post's own before,
    /// stops being an old one. A slug another post had before is taken: its links lead there,
    /// and its row is never taken over.
    static func moveSlug(from old: String, to new: String, postID: PostID, keepingOld: Bool, at: Date, in db: Database) throws {
        if let owner = try db.fetchFirst("SELECT post_id FROM post_slugs WHERE slug = ?", [new], { $0[0] as Int64 }),
            owner != postID.rawValue
        {
            throw StoreError.duplicate(field: "slug")
        }
        try db.run("DELETE FROM post_slugs WHERE slug = ?", [new])
        guard keepingOld else { return }
        try db.run(
            """
            INSERT INTO post_slugs (slug, post_id, created_at) VALUES (?, ?, ?)
            ON CONFLICT (slug) DO UPDATE SET created_at = excluded.created_at WHERE post_slugs.post_id = excluded.post_id
            """, [old, postID.rawValue, at.stored])
    }

    /// A post is mailed once: a send already recorded (finished or not) is left as it is.
    static func recordNewsletterSend(postID: PostID, at: Date, in db: Database) throws {
        try db.run(
            "INSERT INTO newsletter_sends (post_id, after_subscriber_id, created_at) VALUES (?, NULL, ?) ON CONFLICT (post_id) DO NOTHING",
            [postID.rawValue, at.stored])
    }

    public func insertEditedPost(_ new: NewPost, newsletter: Bool) async throws -> Post {
        // `insertPost` itself refuses a former slug, in the insert's own transaction.
        try await insertPost(new, newsletter: newsletter)
    }

    public func deletePost(id: PostID) async throws -> Bool {
        try await write { db in
            // Notifications name the post without a foreign key (a deleted comment is skipped
            // when mail goes); with the whole post gone, they go too.
            try db.run("DELETE FROM notifications WHERE post_id = ?", [id.rawValue])
            try db.run("UPDATE posts SET pinned_comment_id = NULL WHERE id = ?", [id.rawValue])
            return try db.run("DELETE FROM posts WHERE id = ?", [id.rawValue]) == 1
        }
    }

    /// The summary columns, in the order `decodeSummary` reads them.
    static let summaryColumns = "id, slug, title, state, published_at, created_at, updated_at, comment_count"

    static func decodeSummary(_ row: Row) throws -> PostSummary {
        let stateText: String = row[3]
        guard let state = PostState(rawValue: stateText) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "unknown post state in post \(row[0] as Int64)")
        }
        return PostSummary(
            id: PostID(row[0]), slug: row[1], title: row[2], state: state, publishedAt: row.optionalDate(4),
            createdAt: row.date(5), updatedAt: row.optionalDate(6), commentCount: row[7])
    }

    public func postSummaries(state: PostState) async throws -> [PostSummary] {
        let order =
            switch state {
            case .draft: "created_at DESC, id DESC"
            case .scheduled: "published_at, id"
            case .published, .page: "published_at DESC, id DESC"
            }
        return try await read { db in
            try db.fetch(
                "SELECT \(Self.summaryColumns) FROM posts WHERE state = ? ORDER BY \(order)", [state.rawValue], Self.decodeSummary)
        }
    }

    public func postCountsByState() async throws -> [PostState: Int] {
        try await read { db in
            var counts: [PostState: Int] = [:]
            for (state, count) in try db.fetch("SELECT state, COUNT(*) FROM posts GROUP BY state", [], { ($0[0] as String, $0[1] as Int) })
            {
                if let state = PostState(rawValue: state) { counts[state] = count }
            }
            return counts
        }
    }

    public func publishDuePosts(now: Date, limit: Int) async throws -> [Post] {
        guard limit > 0 else { return [] }
        return try await write { db in
            // One writer at a time: the state check in the UPDATE is what another process
            // writing the same file would have changed before us.
            let due = try db.fetch(
                "SELECT id FROM posts WHERE state = 'scheduled' AND published_at <= ? ORDER BY published_at, id LIMIT ?",
                [now.stored, limit]
            ) { $0[0] as Int64 }
            var published: [Post] = []
            for id in due {
                let moved = try db.run(
                    "UPDATE posts SET state = 'published', revision = revision + 1 WHERE id = ? AND state = 'scheduled' AND published_at <= ?",
                    [id, now.stored])
                guard moved == 1,
                    let post = try db.fetchFirst("SELECT \(Self.postColumns) FROM posts WHERE id = ?", [id], Self.decodePost)
                else { continue }
                if post.sendsEmail { try Self.recordNewsletterSend(postID: post.id, at: now, in: db) }
                published.append(post)
            }
            return published
        }
    }

    public func postID(formerSlug slug: String) async throws -> PostID? {
        try await read { db in
            try db.fetchFirst("SELECT post_id FROM post_slugs WHERE slug = ?", [slug]) { PostID($0[0] as Int64) }
        }
    }

    public func hasNewsletterSend(postID: PostID) async throws -> Bool {
        try await read { db in try db.exists("SELECT 1 FROM newsletter_sends WHERE post_id = ?", [postID.rawValue]) }
    }
}
