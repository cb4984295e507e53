import Domain
import Foundation
import GRDB
import Storage

// comment_moderation and comment_reports in a site copy (`parley migrate-data`), as they are stored.
extension SQLiteStore {
    static func exportCommentModeration(_ db: Database, into data: inout SiteData) throws {
        data.commentModeration = try db.fetch(
            """
            SELECT comment_id, hold_reason, spam_score, spam_features, decision, decided_by, decided_at, decision_reason
            FROM comment_moderation ORDER BY comment_id
            """
        ) { row in
            SiteData.CommentModerationRow(
                commentID: CommentID(row[0] as Int64), holdReason: (row[1] as String?).flatMap(HoldReason.init(rawValue:)),
                spamScore: row[2], spamFeatures: SpamFeatures.split(row[3]),
                decision: (row[4] as String?).flatMap(ModerationDecision.Kind.init(rawValue:)),
                decidedBy: (row[5] as Int64?).map(MemberID.init), decidedAt: row.optionalDate(6), decisionReason: row[7])
        }
        data.commentReports = try reports(
            db, of: try db.fetch("SELECT DISTINCT comment_id FROM comment_reports") { CommentID($0[0] as Int64) }
        ).values.flatMap { $0 }.sorted { $0.id < $1.id }
    }

    static func importCommentModeration(_ data: SiteData, _ db: Database) throws {
        for row in data.commentModeration {
            try db.run(
                """
                INSERT INTO comment_moderation (comment_id, hold_reason, spam_score, spam_features, decision, decided_by,
                                                decided_at, decision_reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    row.commentID.rawValue, row.holdReason?.rawValue, row.spamScore, SpamFeatures.joined(row.spamFeatures),
                    row.decision?.rawValue, row.decidedBy?.rawValue, row.decidedAt?.stored, row.decisionReason,
                ])
        }
        for report in data.commentReports {
            try db.run(
                """
                INSERT INTO comment_reports (id, comment_id, reporter_id, reason, text, created_at, resolved_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    report.id.rawValue, report.commentID.rawValue, report.reporterID.rawValue, report.reason.rawValue,
                    report.text, report.createdAt.stored, report.resolvedAt?.stored,
                ])
        }
    }
}
