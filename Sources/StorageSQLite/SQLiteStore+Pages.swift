import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    public func pageDiscussion(url: PageURL) async throws -> Post? {
        try await read { db in
            try db.fetchFirst("SELECT \(Self.postColumns) FROM posts WHERE page_url = ?", [url.text], Self.decodePost)
        }
    }

    public func ensurePageDiscussion(url: PageURL, title: String, slug: String, authorID: MemberID, at: Date) async throws -> Post {
        try await write { db in
            // One writer at a time: the check and the insert cannot be split by another first comment.
            if let post = try db.fetchFirst("SELECT \(Self.postColumns) FROM posts WHERE page_url = ?", [url.text], Self.decodePost) {
                return post
            }
            if try db.exists("SELECT 1 FROM posts WHERE slug = ? UNION ALL SELECT 1 FROM post_slugs WHERE slug = ?", [slug, slug]) {
                throw StoreError.duplicate(field: "slug")
            }
            do {
                try db.run(
                    """
                    INSERT INTO posts (slug, title, subtitle, body_markdown, body_html, author_id, state, audience,
                                       discussion, published_at, created_at, comment_count, page_url)
                    VALUES (?, ?, '', '', '', ?, 'page', 'everyone', 'open', ?, ?, 0, ?)
                    """, [slug, title, authorID.rawValue, at.stored, at.stored, url.text])
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
                throw StoreError.missing("member")
            }
            return try db.fetchFirst(
                "SELECT \(Self.postColumns) FROM posts WHERE id = ?", [db.lastInsertedRowID], Self.decodePost)!
        }
    }

    public func pageCommentCounts(urls: [PageURL]) async throws -> [PageURL: Int] {
        guard !urls.isEmpty else { return [:] }
        return try await read { db in
            var counts: [PageURL: Int] = [:]
            for url in Set(urls) {
                if let count = try db.fetchFirst("SELECT comment_count FROM posts WHERE page_url = ?", [url.text], { $0[0] as Int }) {
                    counts[url] = count
                }
            }
            return counts
        }
    }
}
