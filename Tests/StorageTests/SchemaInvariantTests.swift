import Domain
import Foundation
import Storage
import Testing

@testable import StoragePostgres
@testable import StorageSQLite

/// Raw SQL that breaks an invariant the ports keep. One list, run on every engine: when each
/// engine had its own copy they drifted (PostgreSQL's checked `notify_replies`, SQLite's not).
enum SchemaInvariantCases {
    /// Stands for a one-byte binary value, which the engines spell differently.
    static let bytes = "<bytes 00>"

    static let refused: [String] = [
        "UPDATE comments SET like_count = -1",
        "UPDATE comments SET descendant_count = -1",
        "UPDATE posts SET comment_count = -1",
        "UPDATE members SET role = 'king'",
        "UPDATE posts SET state = 'lost'",
        "UPDATE posts SET audience = 'nobody'",
        "UPDATE posts SET discussion = 'shouting'",
        "UPDATE comments SET depth = 1 WHERE parent_id IS NULL",
        "UPDATE comments SET parent_id = 999 WHERE parent_id IS NOT NULL",
        "UPDATE comments SET path = (SELECT path FROM comments WHERE parent_id IS NULL) WHERE parent_id IS NOT NULL",
        "INSERT INTO publication (id, name, description) VALUES (2, 'Second', 'Only one allowed')",
        "INSERT INTO likes (comment_id, member_id, created_at) VALUES (999, 1, 0)",
        "INSERT INTO subscribers (email, status, created_at) VALUES ('x@example.com', 'maybe', 0)",
        "UPDATE members SET display_name = NULL",
        "UPDATE members SET notify_replies = NULL",
        "INSERT INTO notifications (recipient_id, kind, comment_id, post_id, created_at, due_at) VALUES (1, 'shout', 1, 1, 0, 0)",
        """
        INSERT INTO notifications (recipient_id, kind, comment_id, post_id, created_at, due_at)
        VALUES (1, 'reply', 1, 1, 0, 0), (1, 'mention', 1, 1, 0, 0)
        """,
        "INSERT INTO notifications (recipient_id, kind, comment_id, post_id, created_at, due_at) VALUES (999, 'reply', 1, 1, 0, 0)",
        "INSERT INTO avatars (member_id, content_type, bytes, version, updated_at) VALUES (1, 'text/html', \(bytes), 'v', 0)",
        "INSERT INTO follows (member_id, post_id, created_at) VALUES (1, 999, 0)",
        "INSERT INTO newsletter_sends (post_id, created_at) VALUES (999, 0)",
        """
        INSERT INTO subscribers (email, status, created_at, confirm_token_hash)
        VALUES ('a@example.com', 'pending', 0, 't'), ('b@example.com', 'pending', 0, 't')
        """,
        "INSERT INTO spam_classes (label, documents, occurrences) VALUES ('eggs', 1, 1)",
        "INSERT INTO spam_classes (label, documents, occurrences) VALUES ('spam', -1, 0)",
        "INSERT INTO spam_features (feature, spam_count, ham_count) VALUES ('pills', -1, 0)",
        "INSERT INTO spam_features (feature, spam_count, ham_count) VALUES ('', 1, 0)",
    ]

    /// `sql` as `kind` spells it.
    static func sql(_ sql: String, for kind: StoreKind) -> String {
        switch kind {
        case .sqlite: sql.replacingOccurrences(of: bytes, with: "x'00'")
        case .postgres: sql.replacingOccurrences(of: bytes, with: "'\\x00'::bytea")
        }
    }
}

/// Whether `error` is `store`'s engine refusing a write for a constraint.
func isConstraintViolation(_ error: any Error, on store: any SiteStore) -> Bool {
    switch store {
    case is SQLiteStore: SQLiteStore.isConstraintViolation(error)
    case is PostgresStore: PostgresStore.isConstraintViolation(error)
    default: false
    }
}

/// Runs raw SQL on whichever engine `store` is, bypassing the ports.
func executeRaw(_ sql: String, on store: any SiteStore) async throws {
    switch store {
    case let store as SQLiteStore: try await store.executeRaw(sql)
    case let store as PostgresStore: try await store.executeRaw(sql)
    default: Issue.record("no raw SQL for \(type(of: store))")
    }
}

@Suite("Schema invariants")
struct SchemaInvariantTests {
    @Test(
        "Given the schema, when raw SQL breaks an invariant the ports keep, then a constraint of the engine refuses it",
        arguments: StoreKind.allCases, SchemaInvariantCases.refused)
    func schemaRefuses(kind: StoreKind, sql: String) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            let post = try await site.post(by: ada)
            let root = try await site.comment(on: post, by: ada)
            try await site.comment(on: post, by: ada, replyingTo: root)
            try await site.store.updatePublication(.placeholder)
            let error = await #expect(throws: (any Error).self) {
                try await executeRaw(SchemaInvariantCases.sql(sql, for: kind), on: site.store)
            }
            // A constraint refused it: not a typo in the SQL, nor SQL the engine cannot read.
            if let error { #expect(isConstraintViolation(error, on: site.store), "\(String(reflecting: error))") }
        }
    }
}
