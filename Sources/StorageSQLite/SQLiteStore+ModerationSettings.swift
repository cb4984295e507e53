import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    /// The settings columns, in the order `decodeSettingsRow` reads them.
    static let moderationSettingsColumns = """
        hold_policy, hold_first_count, max_links, reports_to_hold, hold_words, block_words, auto_close_days, spam_threshold
        """

    static func decodeSettingsRow(_ row: Row) -> SiteData.ModerationSettingsRow {
        SiteData.ModerationSettingsRow(
            holdPolicy: row[0], holdFirstCount: row[1], maxLinks: row[2], reportsToHold: row[3], holdWords: row[4],
            blockWords: row[5], autoCloseDays: row[6], spamThreshold: row[7])
    }

    /// The stored settings, or the defaults, in the caller's transaction.
    static func moderationSettings(_ db: Database) throws -> ModerationSettings {
        guard
            let row = try db.fetchFirst(
                "SELECT \(moderationSettingsColumns) FROM moderation_settings WHERE id = 1", [], decodeSettingsRow)
        else { return .defaults }
        guard let settings = row.settings else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "unknown hold policy \(row.holdPolicy)")
        }
        return settings
    }

    public func moderationSettings() async throws -> ModerationSettings {
        try await read { db in try Self.moderationSettings(db) }
    }

    public func updateModerationSettings(_ settings: ModerationSettings, audit: NewAuditEntry) async throws {
        try await write { db in
            let old = try Self.moderationSettings(db)
            let row = SiteData.ModerationSettingsRow(settings)
            try db.run(
                """
                INSERT INTO moderation_settings (id, \(Self.moderationSettingsColumns)) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET hold_policy = excluded.hold_policy, hold_first_count = excluded.hold_first_count,
                    max_links = excluded.max_links, reports_to_hold = excluded.reports_to_hold, hold_words = excluded.hold_words,
                    block_words = excluded.block_words, auto_close_days = excluded.auto_close_days,
                    spam_threshold = excluded.spam_threshold
                """,
                [
                    row.holdPolicy, row.holdFirstCount, row.maxLinks, row.reportsToHold, row.holdWords, row.blockWords,
                    row.autoCloseDays, row.spamThreshold,
                ])
            var entry = audit
            entry.before = AuditText.settings(old)
            entry.after = AuditText.settings(settings)
            try Self.insertAudit(entry, in: db)
        }
    }

    public func setDiscussion(_ setting: DiscussionSetting, autoCloseDays: Int?, postID: PostID, audit: NewAuditEntry) async throws {
        try await write { db in
            let old = try db.fetchFirst("SELECT discussion, auto_close_days FROM posts WHERE id = ?", [postID.rawValue]) {
                (discussion: $0[0] as String, autoCloseDays: $0[1] as Int?)
            }
            guard let old else { throw StoreError.missing("post") }
            try db.run(
                "UPDATE posts SET discussion = ?, auto_close_days = ? WHERE id = ?",
                [setting.rawValue, autoCloseDays, postID.rawValue])
            var entry = audit
            entry.postID = postID
            entry.before =
                DiscussionSetting(rawValue: old.discussion).map { AuditText.discussion($0, autoCloseDays: old.autoCloseDays) }
                ?? old.discussion
            entry.after = AuditText.discussion(setting, autoCloseDays: autoCloseDays)
            try Self.insertAudit(entry, in: db)
        }
    }
}
