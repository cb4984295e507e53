import Domain
import Foundation
import Logging
import PostgresNIO
import Storage

// comment_moderation and comment_reports in a site copy (`parley migrate-data`), as they are stored.
extension PostgresStore {
    static func exportCommentModeration(
        _ connection: PostgresConnection, _ logger: Logger, into data: inout SiteData
    ) async throws {
        data.commentModeration = try await connection.rows(
            """
            SELECT comment_id, hold_reason, spam_score, spam_features, decision, decided_by, decided_at, decision_reason
            FROM comment_moderation ORDER BY comment_id
            """, logger
        ).map { row in
            let (id, reason, score, features, decision, by, at, why) = try row.decode(
                (Int64, String?, Double?, String, String?, Int64?, Int64?, String).self)
            return SiteData.CommentModerationRow(
                commentID: CommentID(id), holdReason: reason.flatMap(HoldReason.init(rawValue:)), spamScore: score,
                spamFeatures: SpamFeatures.split(features), decision: decision.flatMap(ModerationDecision.Kind.init(rawValue:)),
                decidedBy: by.map(MemberID.init), decidedAt: at.date, decisionReason: why)
        }
        let reported = try await connection.rows("SELECT DISTINCT comment_id FROM comment_reports", logger)
            .map { CommentID(try $0.decode(Int64.self)) }
        data.commentReports = try await reports(of: reported, connection, logger).values.flatMap { $0 }.sorted { $0.id < $1.id }
    }

    static func importCommentModeration(_ data: SiteData, _ connection: PostgresConnection, _ logger: Logger) async throws {
        try await insertRows(
            connection, logger, into: "comment_moderation",
            columns: [
                "comment_id", "hold_reason", "spam_score", "spam_features", "decision", "decided_by", "decided_at",
                "decision_reason",
            ],
            data.commentModeration.map { row in
                [
                    .int(row.commentID.rawValue), .text(row.holdReason?.rawValue), .double(row.spamScore),
                    .text(SpamFeatures.joined(row.spamFeatures)), .text(row.decision?.rawValue), .int(row.decidedBy?.rawValue),
                    .int(row.decidedAt?.stored), .text(row.decisionReason),
                ]
            })
        try await insertRows(
            connection, logger, into: "comment_reports",
            columns: ["id", "comment_id", "reporter_id", "reason", "text", "created_at", "resolved_at"],
            data.commentReports.map { report in
                [
                    .int(report.id.rawValue), .int(report.commentID.rawValue), .int(report.reporterID.rawValue),
                    .text(report.reason.rawValue), .text(report.text), .int(report.createdAt.stored),
                    .int(report.resolvedAt?.stored),
                ]
            })
    }
}
