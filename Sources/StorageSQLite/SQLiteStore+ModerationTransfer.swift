import Domain
import Foundation
import GRDB
import Storage

// Moderation's half of copying a site (`SiteTransfer`). Comments are read and written here
// with every column named, status and featured time included, so the copy does not depend on
// which columns the discussion's own reads decode.

extension SQLiteStore {
    /// Every column of a comment, in the order `decodeTransferComment` reads them.
    static let transferCommentColumns = """
        id, post_id, parent_id, root_id, depth, path, author_id, body_text, body_html, created_at, edited_at, \
        deleted_at, like_count, descendant_count, status, featured_at
        """

    static func decodeTransferComment(_ row: Row) throws -> Comment {
        let statusText: String = row[14]
        guard let status = CommentStatus(rawValue: statusText) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "unknown comment status \(statusText)")
        }
        return Comment(
            id: CommentID(row[0]), postID: PostID(row[1]), parentID: (row[2] as Int64?).map(CommentID.init),
            rootID: CommentID(row[3]), depth: row[4], path: row[5], authorID: MemberID(row[6]), bodyText: row[7],
            bodyHTML: row[8], createdAt: row.date(9), editedAt: row.optionalDate(10), deletedAt: row.optionalDate(11),
            likeCount: row[12], descendantCount: row[13], status: status, featuredAt: row.optionalDate(15))
    }

    static func exportModeration(_ db: Database) throws -> SiteData.ModerationRows {
        let settings = try db.fetchFirst(
            "SELECT \(moderationSettingsColumns) FROM moderation_settings WHERE id = 1", [], decodeSettingsRow)
        let holds = try db.fetch(
            """
            SELECT comment_id, hold_reason, spam_score, spam_features, decision, decided_by, decided_at, decision_reason
            FROM comment_moderation ORDER BY comment_id
            """
        ) {
            SiteData.CommentModerationRow(
                commentID: CommentID($0[0] as Int64), holdReason: $0[1], spamScore: $0[2], spamFeatures: $0[3],
                decision: $0[4], decidedBy: ($0[5] as Int64?).map(MemberID.init), decidedAt: $0.optionalDate(6),
                decisionReason: $0[7])
        }
        let reports = try db.fetch(
            "SELECT id, comment_id, reporter_id, reason, text, created_at, resolved_at FROM comment_reports ORDER BY id"
        ) { row in
            let reasonText: String = row[3]
            guard let reason = ReportReason(rawValue: reasonText) else {
                throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "unknown report reason \(reasonText)")
            }
            return CommentReport(
                id: ReportID(row[0]), commentID: CommentID(row[1]), reporterID: MemberID(row[2]), reason: reason,
                text: row[4], createdAt: row.date(5), resolvedAt: row.optionalDate(6))
        }
        let bans = try db.fetch("SELECT \(banColumns) FROM bans ORDER BY member_id", [], decodeBan)
        let mutes = try db.fetch("SELECT member_id, muted_id, created_at FROM mutes ORDER BY member_id, muted_id") {
            SiteData.MuteRow(memberID: MemberID($0[0] as Int64), mutedID: MemberID($0[1] as Int64), createdAt: $0.date(2))
        }
        let audit = try db.fetch("SELECT \(auditColumns) FROM audit_log ORDER BY id", [], decodeAudit)
        return SiteData.ModerationRows(
            settings: settings, commentModeration: holds, reports: reports, bans: bans, mutes: mutes, audit: audit)
    }

    /// Writes moderation's rows after the members, posts and comments they refer to.
    static func importModeration(_ rows: SiteData.ModerationRows, _ db: Database) throws {
        // Like the secrets, the settings are not part of what makes a site empty.
        try db.run("DELETE FROM moderation_settings")
        if let s = rows.settings {
            try db.run(
                "INSERT INTO moderation_settings (id, \(moderationSettingsColumns)) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    s.holdPolicy, s.holdFirstCount, s.maxLinks, s.reportsToHold, s.holdWords, s.blockWords, s.autoCloseDays,
                    s.spamThreshold,
                ])
        }
        for h in rows.commentModeration {
            try db.run(
                """
                INSERT INTO comment_moderation (comment_id, hold_reason, spam_score, spam_features, decision, decided_by,
                                                decided_at, decision_reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    h.commentID.rawValue, h.holdReason, h.spamScore, h.spamFeatures, h.decision, h.decidedBy?.rawValue,
                    h.decidedAt?.stored, h.decisionReason,
                ])
        }
        for r in rows.reports {
            try db.run(
                """
                INSERT INTO comment_reports (id, comment_id, reporter_id, reason, text, created_at, resolved_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    r.id.rawValue, r.commentID.rawValue, r.reporterID.rawValue, r.reason.rawValue, r.text, r.createdAt.stored,
                    r.resolvedAt?.stored,
                ])
        }
        for b in rows.bans {
            try db.run(
                "INSERT INTO bans (\(banColumns)) VALUES (?, ?, ?, ?, ?)",
                [b.memberID.rawValue, b.reason, b.bannedBy.rawValue, b.createdAt.stored, b.until?.stored])
        }
        for m in rows.mutes {
            try db.run(
                "INSERT INTO mutes (member_id, muted_id, created_at) VALUES (?, ?, ?)",
                [m.memberID.rawValue, m.mutedID.rawValue, m.createdAt.stored])
        }
        for a in rows.audit {
            try db.run(
                "INSERT INTO audit_log (\(auditColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    a.id.rawValue, a.at.stored, a.actorID?.rawValue, a.action.rawValue, a.commentID?.rawValue,
                    a.subjectID?.rawValue, a.postID?.rawValue, a.reason, a.before, a.after,
                ])
        }
    }
}
