import Domain
import Foundation
import Logging
import PostgresNIO
import Storage

// Moderation's half of copying a site (`SiteTransfer`). Comments are read and written here
// with every column named, status and featured time included, so the copy does not depend on
// which columns the discussion's own reads decode.

extension PostgresStore {
    /// Every column of a comment, in the order `decodeTransferComment` reads them.
    static let transferCommentColumns = """
        id, post_id, parent_id, root_id, depth, path, author_id, body_text, body_html, created_at, edited_at, \
        deleted_at, like_count, descendant_count, status, featured_at
        """

    /// A value the schema's CHECKs should have kept out of a moderation table.
    struct UnknownModerationValueError: Error, CustomStringConvertible {
        let description: String
    }

    static func decodeTransferComment(_ row: PostgresRow) throws -> Comment {
        let (
            id, postID, parentID, rootID, depth, path, authorID, bodyText, bodyHTML, createdAt, editedAt, deletedAt,
            likeCount, descendantCount, statusText, featuredAt
        ) = try row.decode(
            (Int64, Int64, Int64?, Int64, Int, String, Int64, String, String, Int64, Int64?, Int64?, Int, Int, String, Int64?)
                .self)
        guard let status = CommentStatus(rawValue: statusText) else {
            throw UnknownModerationValueError(description: "unknown comment status \(statusText)")
        }
        return Comment(
            id: CommentID(id), postID: PostID(postID), parentID: parentID.map(CommentID.init), rootID: CommentID(rootID),
            depth: depth, path: path, authorID: MemberID(authorID), bodyText: bodyText, bodyHTML: bodyHTML,
            createdAt: Date(millisecondsSince1970: createdAt), editedAt: editedAt.date, deletedAt: deletedAt.date,
            likeCount: likeCount, descendantCount: descendantCount, status: status, featuredAt: featuredAt.date)
    }

    /// Moderation's rows, on the export's connection (inside its snapshot).
    static func exportModeration(_ connection: PostgresConnection, _ logger: Logger) async throws -> SiteData.ModerationRows {
        let settings = try await connection.rows(
            "SELECT \(unescaped: moderationSettingsColumns) FROM moderation_settings WHERE id = 1", logger
        ).first.map(decodeSettingsRow)
        let holds = try await connection.rows(
            """
            SELECT comment_id, hold_reason, spam_score, spam_features, decision, decided_by, decided_at, decision_reason
            FROM comment_moderation ORDER BY comment_id
            """, logger
        ).map { row in
            let (commentID, holdReason, spamScore, spamFeatures, decision, decidedBy, decidedAt, decisionReason) =
                try row.decode((Int64, String?, Double?, String, String?, Int64?, Int64?, String).self)
            return SiteData.CommentModerationRow(
                commentID: CommentID(commentID), holdReason: holdReason, spamScore: spamScore, spamFeatures: spamFeatures,
                decision: decision, decidedBy: decidedBy.map(MemberID.init), decidedAt: decidedAt.date,
                decisionReason: decisionReason)
        }
        let reports = try await connection.rows(
            """
            SELECT id, comment_id, reporter_id, reason, text, created_at, resolved_at FROM comment_reports ORDER BY id
            """, logger
        ).map { row in
            let (id, commentID, reporterID, reasonText, text, createdAt, resolvedAt) = try row.decode(
                (Int64, Int64, Int64, String, String, Int64, Int64?).self)
            guard let reason = ReportReason(rawValue: reasonText) else {
                throw UnknownModerationValueError(description: "unknown report reason \(reasonText)")
            }
            return CommentReport(
                id: ReportID(id), commentID: CommentID(commentID), reporterID: MemberID(reporterID), reason: reason,
                text: text, createdAt: Date(millisecondsSince1970: createdAt), resolvedAt: resolvedAt.date)
        }
        let bans = try await connection.rows("SELECT \(unescaped: banColumns) FROM bans ORDER BY member_id", logger)
            .map(decodeBan)
        let mutes = try await connection.rows(
            "SELECT member_id, muted_id, created_at FROM mutes ORDER BY member_id, muted_id", logger
        ).map { row in
            let (memberID, mutedID, createdAt) = try row.decode((Int64, Int64, Int64).self)
            return SiteData.MuteRow(
                memberID: MemberID(memberID), mutedID: MemberID(mutedID), createdAt: Date(millisecondsSince1970: createdAt))
        }
        let audit = try await connection.rows("SELECT \(unescaped: auditColumns) FROM audit_log ORDER BY id", logger)
            .map(decodeAudit)
        return SiteData.ModerationRows(
            settings: settings, commentModeration: holds, reports: reports, bans: bans, mutes: mutes, audit: audit)
    }

    /// Writes moderation's rows after the members, posts and comments they refer to.
    static func importModeration(
        _ rows: SiteData.ModerationRows, _ connection: PostgresConnection, _ logger: Logger
    ) async throws {
        // Like the secrets, the settings are not part of what makes a site empty.
        try await connection.query("DELETE FROM moderation_settings", logger: logger)
        if let s = rows.settings {
            try await insertRows(
                connection, logger, into: "moderation_settings",
                columns: [
                    "id", "hold_policy", "hold_first_count", "max_links", "reports_to_hold", "hold_words", "block_words",
                    "auto_close_days", "spam_threshold",
                ],
                [
                    [
                        .int(1), .text(s.holdPolicy), .int(Int64(s.holdFirstCount)), .int(Int64(s.maxLinks)),
                        .int(Int64(s.reportsToHold)), .text(s.holdWords), .text(s.blockWords),
                        .int(s.autoCloseDays.map(Int64.init)), .double(s.spamThreshold),
                    ]
                ])
        }
        try await insertRows(
            connection, logger, into: "comment_moderation",
            columns: [
                "comment_id", "hold_reason", "spam_score", "spam_features", "decision", "decided_by", "decided_at",
                "decision_reason",
            ],
            rows.commentModeration.map { h in
                [
                    .int(h.commentID.rawValue), .text(h.holdReason), .double(h.spamScore), .text(h.spamFeatures),
                    .text(h.decision), .int(h.decidedBy?.rawValue), .int(h.decidedAt?.stored), .text(h.decisionReason),
                ]
            })
        try await insertRows(
            connection, logger, into: "comment_reports",
            columns: ["id", "comment_id", "reporter_id", "reason", "text", "created_at", "resolved_at"],
            rows.reports.map { r in
                [
                    .int(r.id.rawValue), .int(r.commentID.rawValue), .int(r.reporterID.rawValue), .text(r.reason.rawValue),
                    .text(r.text), .int(r.createdAt.stored), .int(r.resolvedAt?.stored),
                ]
            })
        try await insertRows(
            connection, logger, into: "bans", columns: ["member_id", "reason", "banned_by", "created_at", "until"],
            rows.bans.map { b in
                [
                    .int(b.memberID.rawValue), .text(b.reason), .int(b.bannedBy.rawValue), .int(b.createdAt.stored),
                    .int(b.until?.stored),
                ]
            })
        try await insertRows(
            connection, logger, into: "mutes", columns: ["member_id", "muted_id", "created_at"],
            rows.mutes.map { m in [.int(m.memberID.rawValue), .int(m.mutedID.rawValue), .int(m.createdAt.stored)] })
        try await insertRows(
            connection, logger, into: "audit_log",
            columns: ["id", "at", "actor_id", "action", "comment_id", "subject_id", "post_id", "reason", "before", "after"],
            rows.audit.map { a in
                [
                    .int(a.id.rawValue), .int(a.at.stored), .int(a.actorID?.rawValue), .text(a.action.rawValue),
                    .int(a.commentID?.rawValue), .int(a.subjectID?.rawValue), .int(a.postID?.rawValue), .text(a.reason),
                    .text(a.before), .text(a.after),
                ]
            })
    }
}
