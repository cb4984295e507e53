import Domain
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    public func pageDiscussion(url: PageURL) async throws -> Post? {
        try await rows("SELECT \(unescaped: Self.postColumns) FROM posts WHERE page_url = \(url.text)").first.map(Self.decodePost)
    }

    public func ensurePageDiscussion(url: PageURL, title: String, slug: String, authorID: MemberID, at: Date) async throws -> Post {
        // ON CONFLICT on the page's URL: of two first comments at once (on two instances), one
        // inserts and the other reads the row the first made.
        let inserted = try await transaction { connection in
            try await Self.lockSlugs([slug], on: connection, logger)
            if try await !connection.rows(
                "SELECT 1 FROM posts WHERE slug = \(slug) UNION ALL SELECT 1 FROM post_slugs WHERE slug = \(slug)", logger
            ).isEmpty {
                throw StoreError.duplicate(field: "slug")
            }
            return try await connection.rows(
                """
                INSERT INTO posts (slug, title, subtitle, body_markdown, body_html, author_id, state, audience,
                                   discussion, published_at, created_at, comment_count, page_url)
                VALUES (\(slug), \(title), '', '', '', \(authorID.rawValue), 'page', 'everyone', 'open',
                        \(at.stored), \(at.stored), 0, \(url.text))
                ON CONFLICT (page_url) WHERE page_url IS NOT NULL DO NOTHING
                RETURNING \(unescaped: Self.postColumns)
                """, logger
            ).first.map(Self.decodePost)
        }
        if let inserted { return inserted }
        guard let existing = try await pageDiscussion(url: url) else { throw StoreError.missing("page") }
        return existing
    }

    public func pageCommentCounts(urls: [PageURL]) async throws -> [PageURL: Int] {
        guard !urls.isEmpty else { return [:] }
        let texts = Array(Set(urls.map(\.text)))
        var counts: [PageURL: Int] = [:]
        for row in try await rows("SELECT page_url, comment_count FROM posts WHERE page_url = ANY(\(texts))") {
            let (text, count) = try row.decode((String, Int).self)
            if let url = PageURL(text) { counts[url] = count }
        }
        return counts
    }
}
