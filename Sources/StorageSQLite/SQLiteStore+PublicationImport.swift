import Domain
import Foundation
import GRDB
import Storage

/// Posts and subscribers brought in from another platform, each with its import key.
extension SQLiteStore {
    public func importedID(source: String, kind: String, externalID: String) async throws -> Int64? {
        try await read { db in
            try Self.importedID(source: source, kind: kind, externalID: externalID, db)
        }
    }

    static func importedID(source: String, kind: String, externalID: String, _ db: Database) throws -> Int64? {
        try db.fetchFirst(
            "SELECT local_id FROM import_keys WHERE source = ? AND kind = ? AND external_id = ?", [source, kind, externalID]
        ) { $0[0] as Int64 }
    }

    static func insertImportKey(source: String, kind: String, externalID: String, localID: Int64, at: Date, _ db: Database) throws {
        try db.run(
            "INSERT INTO import_keys (source, kind, external_id, local_id, imported_at) VALUES (?, ?, ?, ?, ?)",
            [source, kind, externalID, localID, at.stored])
    }

    public func insertImportedPost(_ new: NewPost, source: String, externalID: String, at: Date) async throws -> Post? {
        try await write { db in
            guard try Self.importedID(source: source, kind: "post", externalID: externalID, db) == nil else { return nil }
            // A former slug is taken as `insertPost` takes it: its old links lead to its post.
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
            let id = db.lastInsertedRowID
            try Self.insertImportKey(source: source, kind: "post", externalID: externalID, localID: id, at: at, db)
            return try db.fetchFirst("SELECT \(Self.postColumns) FROM posts WHERE id = ?", [id], Self.decodePost)
        }
    }

    public func insertImportedSubscribers(
        _ subscribers: [ImportedSubscriber], source: String, at: Date
    ) async throws
        -> ImportedSubscribersResult
    {
        try await write { db in
            var result = ImportedSubscribersResult()
            for subscriber in subscribers {
                let active = subscriber.status == .active
                let inserted = try db.run(
                    """
                    INSERT INTO subscribers (email, status, created_at, source, confirmed_at) VALUES (?, ?, ?, 'import-confirmed', ?)
                    ON CONFLICT (email) DO NOTHING
                    """,
                    [
                        subscriber.email, active ? "active" : "unsubscribed", subscriber.createdAt.stored,
                        active ? subscriber.createdAt.stored : nil,
                    ])
                guard inserted == 1 else {
                    result.alreadyListed += 1
                    continue
                }
                try Self.insertImportKey(
                    source: source, kind: "subscriber", externalID: subscriber.email, localID: db.lastInsertedRowID, at: at, db)
                if active { result.active += 1 } else { result.unsubscribed += 1 }
            }
            return result
        }
    }
}
