import Domain
import Foundation
import PostgresNIO
import Storage

/// Posts and subscribers brought in from another platform, each with its import key.
extension PostgresStore {
    public func importedID(source: String, kind: String, externalID: String) async throws -> Int64? {
        try await rows(
            "SELECT local_id FROM import_keys WHERE source = \(source) AND kind = \(kind) AND external_id = \(externalID)"
        ).first?.decode(Int64.self)
    }

    public func insertImportedPost(_ new: NewPost, source: String, externalID: String, at: Date) async throws -> Post? {
        try await transaction { connection in
            // The key first: of two runs at once, the second waits on it here and then finds it.
            let claimed = try await connection.rows(
                """
                INSERT INTO import_keys (source, kind, external_id, local_id, imported_at)
                VALUES (\(source), 'post', \(externalID), 0, \(at.stored))
                ON CONFLICT (source, kind, external_id) DO NOTHING RETURNING 1
                """, logger)
            guard !claimed.isEmpty else { return nil }
            try await Self.lockSlugs([new.slug], on: connection, logger)
            if try await !connection.rows("SELECT 1 FROM post_slugs WHERE slug = \(new.slug)", logger).isEmpty {
                throw StoreError.duplicate(field: "slug")
            }
            let row = try await connection.rows(
                """
                INSERT INTO posts (slug, title, subtitle, body_markdown, body_html, author_id, state, audience,
                                   discussion, published_at, created_at, comment_count, cover_image, sends_email)
                VALUES (\(new.slug), \(new.title), \(new.subtitle), \(new.bodyMarkdown), \(new.bodyHTML),
                        \(new.authorID.rawValue), \(new.state.rawValue), \(new.audience.rawValue),
                        \(new.discussion.rawValue), \(new.publishedAt?.stored), \(new.createdAt.stored), 0,
                        \(new.coverImage?.rawValue), \(new.sendsEmail))
                RETURNING \(unescaped: Self.postColumns)
                """, logger)[0]
            let post = try Self.decodePost(row)
            _ = try await connection.rows(
                """
                UPDATE import_keys SET local_id = \(post.id.rawValue)
                WHERE source = \(source) AND kind = 'post' AND external_id = \(externalID)
                """, logger)
            return post
        }
    }

    public func insertImportedSubscribers(
        _ subscribers: [ImportedSubscriber], source: String, at: Date
    ) async throws
        -> ImportedSubscribersResult
    {
        try await transaction { connection in
            var result = ImportedSubscribersResult()
            for subscriber in subscribers {
                let active = subscriber.status == .active
                let confirmed: Int64? = active ? subscriber.createdAt.stored : nil
                let inserted = try await connection.rows(
                    """
                    INSERT INTO subscribers (email, status, created_at, source, confirmed_at)
                    VALUES (\(subscriber.email), \(active ? "active" : "unsubscribed"), \(subscriber.createdAt.stored),
                            'import-confirmed', \(confirmed))
                    ON CONFLICT (email) DO NOTHING RETURNING id
                    """, logger)
                guard let id = try inserted.first?.decode(Int64.self) else {
                    result.alreadyListed += 1
                    continue
                }
                _ = try await connection.rows(
                    """
                    INSERT INTO import_keys (source, kind, external_id, local_id, imported_at)
                    VALUES (\(source), 'subscriber', \(subscriber.email), \(id), \(at.stored))
                    ON CONFLICT (source, kind, external_id) DO NOTHING
                    """, logger)
                if active { result.active += 1 } else { result.unsubscribed += 1 }
            }
            return result
        }
    }
}
