import Domain
import Foundation
import Logging
import PostgresNIO
import Storage

extension PostgresStore {
    /// The settings columns, in the order `decodeSettingsRow` reads them.
    static let moderationSettingsColumns = """
        hold_policy, hold_first_count, max_links, reports_to_hold, hold_words, block_words, auto_close_days, spam_threshold
        """

    static func decodeSettingsRow(_ row: PostgresRow) throws -> SiteData.ModerationSettingsRow {
        let (policy, firstCount, maxLinks, reportsToHold, holdWords, blockWords, autoCloseDays, spamThreshold) = try row.decode(
            (String, Int, Int, Int, String, String, Int?, Double).self)
        return SiteData.ModerationSettingsRow(
            holdPolicy: policy, holdFirstCount: firstCount, maxLinks: maxLinks, reportsToHold: reportsToHold,
            holdWords: holdWords, blockWords: blockWords, autoCloseDays: autoCloseDays, spamThreshold: spamThreshold)
    }

    /// A hold policy the schema's CHECK should have kept out of the table.
    struct UnknownHoldPolicyError: Error, CustomStringConvertible {
        let description: String
    }

    /// The stored settings, or the defaults; `lock` holds the row until the transaction ends.
    static func moderationSettings(
        _ connection: PostgresConnection, _ logger: Logger, lock: Bool
    ) async throws -> ModerationSettings {
        let locking = lock ? " FOR UPDATE" : ""
        guard
            let row = try await connection.rows(
                "SELECT \(unescaped: moderationSettingsColumns) FROM moderation_settings WHERE id = 1\(unescaped: locking)", logger
            ).first
        else { return .defaults }
        let stored = try decodeSettingsRow(row)
        guard let settings = stored.settings else {
            throw UnknownHoldPolicyError(description: "unknown hold policy \(stored.holdPolicy)")
        }
        return settings
    }

    public func moderationSettings() async throws -> ModerationSettings {
        try await withConnection { connection in try await Self.moderationSettings(connection, logger, lock: false) }
    }

    public func updateModerationSettings(_ settings: ModerationSettings, audit: NewAuditEntry) async throws {
        try await referringToMembers {
            try await transaction { connection in
                // Two changes at once take turns, so each entry's "before" is what it replaced.
                // (A first change finds no row to lock; two first changes both insert, and the
                // later one updates the row the first wrote.)
                let old = try await Self.moderationSettings(connection, logger, lock: true)
                let row = SiteData.ModerationSettingsRow(settings)
                try await connection.query(
                    """
                    INSERT INTO moderation_settings (id, hold_policy, hold_first_count, max_links, reports_to_hold, hold_words,
                                                     block_words, auto_close_days, spam_threshold)
                    VALUES (1, \(row.holdPolicy), \(row.holdFirstCount), \(row.maxLinks), \(row.reportsToHold), \(row.holdWords),
                            \(row.blockWords), \(row.autoCloseDays), \(row.spamThreshold))
                    ON CONFLICT (id) DO UPDATE SET hold_policy = excluded.hold_policy,
                        hold_first_count = excluded.hold_first_count, max_links = excluded.max_links,
                        reports_to_hold = excluded.reports_to_hold, hold_words = excluded.hold_words,
                        block_words = excluded.block_words, auto_close_days = excluded.auto_close_days,
                        spam_threshold = excluded.spam_threshold
                    """, logger: logger)
                var entry = audit
                entry.before = AuditText.settings(old)
                entry.after = AuditText.settings(settings)
                try await Self.insertAudit(entry, connection, logger)
            }
        }
    }

    public func setDiscussion(_ setting: DiscussionSetting, autoCloseDays: Int?, postID: PostID, audit: NewAuditEntry) async throws {
        try await transaction { connection in
            // The actor's member row before the post, as every moderation write takes its locks.
            if let actorID = audit.actorID { try await Self.lockMembers([actorID], connection, logger) }
            guard
                let row = try await connection.rows(
                    """
                    SELECT discussion, auto_close_days FROM posts WHERE id = \(postID.rawValue) FOR NO KEY UPDATE
                    """, logger
                ).first
            else { throw StoreError.missing("post") }
            let (oldDiscussion, oldAutoClose) = try row.decode((String, Int?).self)
            try await connection.query(
                """
                UPDATE posts SET discussion = \(setting.rawValue), auto_close_days = \(autoCloseDays)
                WHERE id = \(postID.rawValue)
                """, logger: logger)
            var entry = audit
            entry.postID = postID
            entry.before =
                DiscussionSetting(rawValue: oldDiscussion).map { AuditText.discussion($0, autoCloseDays: oldAutoClose) }
                ?? oldDiscussion
            entry.after = AuditText.discussion(setting, autoCloseDays: autoCloseDays)
            try await Self.insertAudit(entry, connection, logger)
        }
    }
}
