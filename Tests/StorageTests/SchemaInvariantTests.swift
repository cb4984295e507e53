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
        // Comment moderation (issue 9).
        "UPDATE comments SET status = 'hidden'",
        "UPDATE comments SET status = NULL",
        "INSERT INTO comment_moderation (comment_id, hold_reason) VALUES (1, 'boredom')",
        "INSERT INTO comment_moderation (comment_id, spam_score) VALUES (1, 1.5)",
        "INSERT INTO comment_moderation (comment_id, decision) VALUES (1, 'approved')",
        "INSERT INTO comment_moderation (comment_id, decided_at) VALUES (1, 0)",
        "INSERT INTO comment_moderation (comment_id, decision, decided_at) VALUES (1, 'shrugged', 0)",
        "INSERT INTO comment_moderation (comment_id, hold_reason) VALUES (999, 'policy')",
        "INSERT INTO comment_moderation (comment_id, hold_reason) VALUES (1, 'policy'), (1, 'links')",
        "INSERT INTO comment_reports (comment_id, reporter_id, reason, created_at) VALUES (1, 1, 'boredom', 0)",
        "INSERT INTO comment_reports (comment_id, reporter_id, reason, created_at) VALUES (1, 1, 'spam', 0), (1, 1, 'abuse', 0)",
        "INSERT INTO comment_reports (comment_id, reporter_id, reason, created_at) VALUES (999, 1, 'spam', 0)",
        "INSERT INTO comment_reports (comment_id, reporter_id, reason, created_at) VALUES (1, 999, 'spam', 0)",
        // Moderation: posts' pins and auto-close, bans, mutes, the settings row, the audit log.
        "UPDATE posts SET auto_close_days = -1",
        "UPDATE posts SET pinned_comment_id = 999",
        "INSERT INTO bans (member_id, reason, banned_by, created_at, until) VALUES (1, 'x', 1, 10, 5)",
        "INSERT INTO bans (member_id, reason, banned_by, created_at, until) VALUES (1, 'x', 1, 10, 10)",
        "INSERT INTO bans (member_id, reason, banned_by, created_at, until) VALUES (999, 'x', 1, 0, NULL)",
        "INSERT INTO bans (member_id, reason, banned_by, created_at, until) VALUES (1, 'x', 999, 0, NULL)",
        "INSERT INTO bans (member_id, reason, banned_by, created_at, until) VALUES (1, NULL, 1, 0, NULL)",
        """
        INSERT INTO bans (member_id, reason, banned_by, created_at, until) VALUES (1, 'x', 1, 0, NULL), (1, 'y', 1, 1, NULL)
        """,
        "INSERT INTO mutes (member_id, muted_id, created_at) VALUES (1, 1, 0)",
        "INSERT INTO mutes (member_id, muted_id, created_at) VALUES (1, 999, 0)",
        "INSERT INTO mutes (member_id, muted_id, created_at) VALUES (999, 1, 0)",
        """
        INSERT INTO moderation_settings (id, hold_policy, max_links, reports_to_hold, spam_threshold)
        VALUES (1, 'nothing', 3, 3, 0.9), (1, 'everything', 3, 3, 0.9)
        """,
        "INSERT INTO moderation_settings (id, hold_policy, max_links, reports_to_hold, spam_threshold) VALUES (2, 'nothing', 3, 3, 0.9)",
        "INSERT INTO moderation_settings (id, hold_policy, max_links, reports_to_hold, spam_threshold) VALUES (1, 'sometimes', 3, 3, 0.9)",
        "INSERT INTO moderation_settings (id, hold_policy, max_links, reports_to_hold, spam_threshold) VALUES (1, 'nothing', -1, 3, 0.9)",
        "INSERT INTO moderation_settings (id, hold_policy, max_links, reports_to_hold, spam_threshold) VALUES (1, 'nothing', 3, 0, 0.9)",
        "INSERT INTO moderation_settings (id, hold_policy, max_links, reports_to_hold, spam_threshold) VALUES (1, 'nothing', 3, 3, 0)",
        "INSERT INTO moderation_settings (id, hold_policy, max_links, reports_to_hold, spam_threshold) VALUES (1, 'nothing', 3, 3, 1.5)",
        """
        INSERT INTO moderation_settings (id, hold_policy, hold_first_count, max_links, reports_to_hold, spam_threshold)
        VALUES (1, 'first_comments', -1, 3, 3, 0.9)
        """,
        """
        INSERT INTO moderation_settings (id, hold_policy, max_links, reports_to_hold, auto_close_days, spam_threshold)
        VALUES (1, 'nothing', 3, 3, -1, 0.9)
        """,
        "INSERT INTO moderation_settings (id, hold_policy, max_links, reports_to_hold) VALUES (1, 'nothing', 3, 3)",
        "INSERT INTO audit_log (at, actor_id, action) VALUES (0, 1, 'shrug')",
        "INSERT INTO audit_log (at, actor_id, action) VALUES (0, 999, 'ban')",
        "INSERT INTO audit_log (at, actor_id, action, subject_id) VALUES (0, 1, 'ban', 999)",
        "INSERT INTO audit_log (at, actor_id, action) VALUES (NULL, 1, 'ban')",
        "INSERT INTO audit_log (at, actor_id, action, before) VALUES (0, 1, 'ban', NULL)",
    ]

    /// The refused moderation rows with the one wrong value put right: each is accepted, so
    /// the refusals above are for that value and not for something else in the row.
    static let acceptedModeration: [String] = [
        "UPDATE posts SET auto_close_days = 0, pinned_comment_id = 1",
        "INSERT INTO bans (member_id, reason, banned_by, created_at, until) VALUES (1, 'x', 1, 10, 11)",
        "INSERT INTO bans (member_id, reason, banned_by, created_at, until) VALUES (1, '', 1, 0, NULL)",
        "INSERT INTO mutes (member_id, muted_id, created_at) VALUES (1, 2, 0)",
        "INSERT INTO moderation_settings (id, hold_policy, max_links, reports_to_hold, spam_threshold) VALUES (1, 'nothing', 0, 1, 1)",
        """
        INSERT INTO moderation_settings (id, hold_policy, hold_first_count, max_links, reports_to_hold, auto_close_days,
                                         spam_threshold)
        VALUES (1, 'first_comments', 0, 3, 3, 0, 0.01)
        """,
        "INSERT INTO audit_log (at, actor_id, action, subject_id) VALUES (0, NULL, 'moderation_settings', 2)",
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
func isConstraintViolation(_ error: any Error, on store: any CoreStore) -> Bool {
    switch store {
    case is SQLiteStore: SQLiteStore.isConstraintViolation(error)
    case is PostgresStore: PostgresStore.isConstraintViolation(error)
    default: false
    }
}

/// Runs raw SQL on whichever engine `store` is, bypassing the ports.
func executeRaw(_ sql: String, on store: any CoreStore) async throws {
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

    @Test(
        "Given the schema, when raw SQL writes moderation rows that keep every rule, then the engine accepts them",
        arguments: StoreKind.allCases, SchemaInvariantCases.acceptedModeration)
    func schemaAccepts(kind: StoreKind, sql: String) async throws {
        try await withSite(kind) { site async throws in
            let ada = try await site.member("ada")
            try await site.member("bob")
            let post = try await site.post(by: ada)
            try await site.comment(on: post, by: ada)
            try await executeRaw(SchemaInvariantCases.sql(sql, for: kind), on: site.store)
        }
    }
}
