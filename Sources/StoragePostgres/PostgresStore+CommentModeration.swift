import Domain
import Foundation
import Logging
import PostgresNIO
import Storage

// Holding, approving, removing and restoring comments; reports; the moderation queue (see
// `CommentModerationStore`). Each write is one transaction, with its audit row, that takes the
// locks every thread write takes, in the same order: the members it writes about (KEY SHARE,
// as `lockLiveMember`), then the thread's root (`lockThread`), then the post. So a status
// change, a deletion and a reply on one thread take turns, and two reports of one comment
// cannot both see it below the threshold and both hold it.
extension PostgresStore {
    public func approveComment(id: CommentID, notices: CommentNotices?, audit: NewAuditEntry) async throws -> Comment {
        try await transaction { connection in
            let comment = try await Self.lockComment(id, members: [audit.actorID], connection, logger)
            guard comment.status != .removed else { throw StoreError.missing("comment") }
            if comment.status == .held {
                // Counted and told as if it were posted now.
                try await Self.setStatus(id, .visible, connection, logger)
                try await Self.adjustCounts(connection, logger, postID: comment.postID, path: comment.path, by: 1)
                if let notices {
                    try await Self.insertNotifications(
                        for: comment, repliedTo: try await Self.liveParentAuthor(of: comment, connection, logger), notices,
                        connection, logger)
                }
            }
            try await Self.resolveReports(id, at: audit.at, connection, logger)
            try await Self.recordDecision(id, .approved, audit, connection, logger)
            try await Self.appendCommentAudit(audit, about: comment, connection, logger)
            return try await Self.liveComment(id, connection, logger)
        }
    }

    public func removeComment(id: CommentID, audit: NewAuditEntry) async throws -> Comment {
        try await transaction { connection in
            let comment = try await Self.lockComment(id, members: [audit.actorID], connection, logger)
            // Removing twice changes nothing (and must not count twice).
            guard comment.status != .removed else { return comment }
            try await Self.setStatus(id, .removed, connection, logger)
            try await Self.unpin(id, connection, logger)
            if comment.status == .visible {
                try await Self.adjustCounts(connection, logger, postID: comment.postID, path: comment.path, by: -1)
            }
            try await Self.resolveReports(id, at: audit.at, connection, logger)
            try await Self.recordDecision(id, comment.status == .held ? .rejected : .removed, audit, connection, logger)
            // Nobody is told about a comment that is gone from the discussion.
            try await connection.query("DELETE FROM notifications WHERE comment_id = \(id.rawValue)", logger: logger)
            try await Self.appendCommentAudit(audit, about: comment, connection, logger)
            return try await Self.liveComment(id, connection, logger)
        }
    }

    public func restoreComment(id: CommentID, audit: NewAuditEntry) async throws -> Comment {
        try await transaction { connection in
            let comment = try await Self.lockComment(id, members: [audit.actorID], connection, logger)
            guard comment.status == .removed else { throw StoreError.missing("removed comment") }
            try await Self.setStatus(id, .visible, connection, logger)
            try await Self.adjustCounts(connection, logger, postID: comment.postID, path: comment.path, by: 1)
            try await Self.recordDecision(id, .restored, audit, connection, logger)
            try await Self.appendCommentAudit(audit, about: comment, connection, logger)
            return try await Self.liveComment(id, connection, logger)
        }
    }

    public func holdComment(id: CommentID, note: HoldNote, audit: NewAuditEntry) async throws -> Comment {
        try await transaction { connection in
            let comment = try await Self.lockComment(id, members: [audit.actorID], connection, logger)
            guard comment.status != .removed else { throw StoreError.missing("comment") }
            try await Self.hold(comment, note: note, connection, logger)
            try await Self.appendCommentAudit(audit, about: comment, connection, logger)
            return try await Self.liveComment(id, connection, logger)
        }
    }

    public func updateCommentBody(
        id: CommentID, text: String, html: String, editedAt: Date, hold: HoldNote?
    ) async throws -> Comment {
        try await transaction { connection in
            // A placeholder's text is gone for good: editing it would bring a deleted comment back.
            let before = try await Self.lockComment(id, members: [], connection, logger)
            try await connection.query(
                """
                UPDATE comments SET body_text = \(text), body_html = \(html), edited_at = \(editedAt.stored)
                WHERE id = \(id.rawValue)
                """, logger: logger)
            // A removed comment stays removed: holding it would put it back in front of a moderator.
            if let hold, before.status != .removed {
                try await Self.hold(before, note: hold, connection, logger)
                try await Self.appendCommentAudit(
                    NewAuditEntry(
                        at: editedAt, actorID: nil, action: .hold, reason: hold.reason.rawValue, before: before.bodyText,
                        after: text),
                    about: before, connection, logger)
            }
            return try await Self.liveComment(id, connection, logger)
        }
    }

    public func reportComment(_ report: NewCommentReport, holdAt threshold: Int) async throws -> ReportOutcome {
        try await transaction { connection in
            // The thread lock makes reports of one comment take turns: the one that reaches the
            // threshold sees the others' rows and holds the comment; any later one finds it held.
            let comment = try await Self.lockComment(report.commentID, members: [report.reporterID], connection, logger)
            let live = try await connection.rows(
                "SELECT deleted_at IS NULL FROM members WHERE id = \(report.reporterID.rawValue)", logger
            ).first?.decode(Bool.self)
            guard live == true else { throw StoreError.missing("member") }
            let inserted = try await connection.rows(
                """
                INSERT INTO comment_reports (comment_id, reporter_id, reason, text, created_at)
                VALUES (\(report.commentID.rawValue), \(report.reporterID.rawValue), \(report.reason.rawValue), \(report.text),
                        \(report.createdAt.stored))
                ON CONFLICT (comment_id, reporter_id) DO NOTHING
                RETURNING id
                """, logger)
            guard !inserted.isEmpty else { return .alreadyReported }
            // One report per member and comment (comment_reports_once): open rows are distinct members.
            let open = try await connection.rows(
                """
                SELECT COUNT(*) FROM comment_reports WHERE comment_id = \(report.commentID.rawValue) AND resolved_at IS NULL
                """, logger)[0].decode(Int.self)
            guard threshold > 0, open >= threshold, comment.status == .visible else { return .recorded(openReports: open) }
            try await Self.hold(comment, note: HoldNote(reason: .reports), connection, logger)
            try await Self.appendCommentAudit(
                NewAuditEntry(at: report.createdAt, actorID: nil, action: .hold, reason: HoldReason.reports.rawValue),
                about: comment, connection, logger)
            return .held(openReports: open)
        }
    }

    public func reports(commentID: CommentID) async throws -> [CommentReport] {
        try await withConnection { connection in
            try await Self.reports(of: [commentID], connection, logger)[commentID] ?? []
        }
    }

    public func moderationQueue(
        _ tab: ModerationTab, after cursor: ModerationQueueCursor?, limit: Int
    ) async throws -> [QueuedComment] {
        guard limit > 0 else { return [] }
        let before = cursor?.commentID.rawValue ?? Int64.max
        let query: PostgresQuery
        switch tab {
        case .reported:
            // Open reports are one range of comment_reports_open, in comment id order.
            query = """
                SELECT \(unescaped: Self.commentColumns) FROM comments
                WHERE id IN (SELECT comment_id FROM comment_reports WHERE resolved_at IS NULL AND comment_id < \(before))
                  AND status = 'visible' AND deleted_at IS NULL
                ORDER BY id DESC LIMIT \(limit)
                """
        case .held:
            // `status <> 'visible'` names the partial index comments_not_visible's condition.
            query = """
                SELECT \(unescaped: Self.commentColumns) FROM comments
                WHERE status <> 'visible' AND status = 'held' AND id < \(before) AND deleted_at IS NULL
                ORDER BY id DESC LIMIT \(limit)
                """
        case .approved, .removed:
            query = Self.decidedPageQuery(tab: tab, after: cursor, limit: limit)
        }
        // Read in one transaction, so the page and its reports and notes agree.
        return try await transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { connection in
            let comments = try await connection.rows(query, logger).map(Self.decodeComment)
            return try await Self.queued(comments, connection, logger)
        }
    }

    /// `commentColumns`, each named with its table, for reads that join another table.
    static let qualifiedCommentColumns = commentColumns.split(separator: ",")
        .map { "comments." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")

    /// The approved and removed tabs, latest decision first, after the cursor's (decision time,
    /// comment id): a walk of the tab's partial index (comment_moderation_approved or _removed)
    /// backwards from the cursor, in the order shown. A cursor without a time takes the
    /// comment's current one, read in the same statement.
    static func decidedPageQuery(tab: ModerationTab, after cursor: ModerationQueueCursor?, limit: Int) -> PostgresQuery {
        let (decisions, status) =
            tab == .approved
            ? ("comment_moderation.decision = 'approved'", "visible")
            : ("comment_moderation.decision IN ('rejected', 'removed')", "removed")
        let before = cursor?.commentID.rawValue ?? Int64.max
        // Numbers only, so written out.
        let decidedAt =
            if let stored = cursor?.decidedAt?.stored {
                String(stored)
            } else if cursor != nil {
                "COALESCE((SELECT decided_at FROM comment_moderation WHERE comment_id = \(before)), \(Int64.max))"
            } else {
                String(Int64.max)
            }
        return """
            SELECT \(unescaped: qualifiedCommentColumns)
            FROM comment_moderation JOIN comments ON comments.id = comment_moderation.comment_id
            WHERE \(unescaped: decisions)
              AND (comment_moderation.decided_at, comment_moderation.comment_id) < (\(unescaped: decidedAt), \(before))
              AND comments.status = \(status) AND comments.deleted_at IS NULL
            ORDER BY comment_moderation.decided_at DESC, comment_moderation.comment_id DESC LIMIT \(limit)
            """
    }

    public func moderationCounts(upTo cap: Int) async throws -> [ModerationTab: Int] {
        // Each count stops at `stop` rows, so a long-moderated site costs no more than a new one.
        let stop = max(cap, 0) + 1
        let row = try await rows(
            """
            SELECT
              (SELECT COUNT(*) FROM (SELECT 1 FROM comments
               WHERE id IN (SELECT comment_id FROM comment_reports WHERE resolved_at IS NULL)
                 AND status = 'visible' AND deleted_at IS NULL LIMIT \(stop)) AS reported),
              (SELECT COUNT(*) FROM (SELECT 1 FROM comments
               WHERE status <> 'visible' AND status = 'held' AND deleted_at IS NULL LIMIT \(stop)) AS held),
              (SELECT COUNT(*) FROM (SELECT 1 FROM comment_moderation JOIN comments ON comments.id = comment_moderation.comment_id
               WHERE comment_moderation.decision = 'approved' AND comments.status = 'visible' AND comments.deleted_at IS NULL
               LIMIT \(stop)) AS approved),
              (SELECT COUNT(*) FROM (SELECT 1 FROM comments
               WHERE status <> 'visible' AND status = 'removed' AND deleted_at IS NULL LIMIT \(stop)) AS removed)
            """)[0]
        let (reported, held, approved, removed) = try row.decode((Int, Int, Int, Int).self)
        return [.reported: reported, .held: held, .approved: approved, .removed: removed]
    }

    public func moderation(commentID: CommentID) async throws -> QueuedComment? {
        try await transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { connection in
            guard
                let comment = try await connection.rows(
                    "SELECT \(unescaped: Self.commentColumns) FROM comments WHERE id = \(commentID.rawValue)", logger
                ).first.map(Self.decodeComment),
                let queued = try await Self.queued([comment], connection, logger).first
            else { return nil }
            let hasRow = try await !connection.rows(
                "SELECT 1 FROM comment_moderation WHERE comment_id = \(commentID.rawValue)", logger
            ).isEmpty
            return hasRow || !queued.reports.isEmpty ? queued : nil
        }
    }

    public func authorHistories(memberIDs: Set<MemberID>) async throws -> [MemberID: AuthorHistory] {
        guard !memberIDs.isEmpty else { return [:] }
        let ids = memberIDs.map(\.rawValue)
        var histories: [MemberID: AuthorHistory] = [:]
        for id in memberIDs { histories[id] = AuthorHistory(visible: 0, held: 0, removed: 0, reportsAgainst: 0) }
        // One statement: per author and status from comments_author_status, then reports against them.
        for row in try await rows(
            """
            SELECT author_id, status, COUNT(*) FROM comments
            WHERE author_id = ANY(\(ids)) AND deleted_at IS NULL GROUP BY author_id, status
            UNION ALL
            SELECT comments.author_id, 'reports', COUNT(*) FROM comment_reports
            JOIN comments ON comments.id = comment_reports.comment_id
            WHERE comments.author_id = ANY(\(ids)) GROUP BY comments.author_id
            """)
        {
            let (authorID, kind, count) = try row.decode((Int64, String, Int).self)
            let id = MemberID(authorID)
            switch kind {
            case CommentStatus.visible.rawValue: histories[id]?.visible = count
            case CommentStatus.held.rawValue: histories[id]?.held = count
            case CommentStatus.removed.rawValue: histories[id]?.removed = count
            default: histories[id]?.reportsAgainst = count
            }
        }
        return histories
    }

    public func visibleCommentCount(authorID: MemberID, upTo cap: Int) async throws -> Int {
        guard cap > 0 else { return 0 }
        // At most `cap` entries of comments_author_status, however many the member wrote.
        return try await rows(
            """
            SELECT COUNT(*) FROM (
                SELECT 1 FROM comments
                WHERE author_id = \(authorID.rawValue) AND status = 'visible' AND deleted_at IS NULL LIMIT \(cap)) AS first
            """)[0].decode(Int.self)
    }

    public func setPinnedComment(_ commentID: CommentID?, postID: PostID, audit: NewAuditEntry) async throws {
        try await transaction { connection in
            if let actorID = audit.actorID { try await Self.lockMembers([actorID], connection, logger) }
            if let commentID {
                // The thread first, then the post, as every thread write: a removal of this
                // comment cannot slip in between the check and the pin.
                try await Self.lockThread(of: commentID, connection, logger)
            }
            guard
                try await !connection.rows(
                    "SELECT 1 FROM posts WHERE id = \(postID.rawValue) FOR NO KEY UPDATE", logger
                ).isEmpty
            else { throw StoreError.missing("post") }
            if let commentID {
                // Only what everyone sees at the top of this discussion can be pinned there.
                let pinnable = try await connection.rows(
                    """
                    SELECT 1 FROM comments
                    WHERE id = \(commentID.rawValue) AND post_id = \(postID.rawValue) AND parent_id IS NULL
                      AND status = 'visible' AND deleted_at IS NULL
                    """, logger)
                guard !pinnable.isEmpty else { throw StoreError.missing("comment") }
            }
            try await connection.query(
                "UPDATE posts SET pinned_comment_id = \(commentID?.rawValue) WHERE id = \(postID.rawValue)", logger: logger)
            var entry = audit
            entry.postID = entry.postID ?? postID
            entry.commentID = entry.commentID ?? commentID
            try await Self.appendCommentAudit(entry, connection, logger)
        }
    }

    public func setFeatured(_ featured: Bool, commentID: CommentID, audit: NewAuditEntry) async throws {
        try await transaction { connection in
            let comment = try await Self.lockComment(commentID, members: [audit.actorID], connection, logger)
            let featuredAt = featured ? (comment.featuredAt ?? audit.at).stored : nil
            try await connection.query(
                "UPDATE comments SET featured_at = \(featuredAt) WHERE id = \(commentID.rawValue)", logger: logger)
            try await Self.appendCommentAudit(audit, about: comment, connection, logger)
        }
    }

    // MARK: Steps shared by the methods

    /// Takes a comment write's locks and returns the comment as it is under them: KEY SHARE on
    /// `members` and the comment's author (in id order; rows the audit and report rows refer
    /// to), then the thread's root. Throws `StoreError.missing` for an unknown or deleted comment.
    static func lockComment(
        _ id: CommentID, members: [MemberID?], _ connection: PostgresConnection, _ logger: Logger
    ) async throws -> Comment {
        // An author never changes, so it can be read before any lock.
        let author = try await connection.rows("SELECT author_id FROM comments WHERE id = \(id.rawValue)", logger)
            .first?.decode(Int64.self)
        guard let author else { throw StoreError.missing("comment") }
        try await lockMembers(members.compactMap { $0 } + [MemberID(author)], connection, logger)
        try await lockThread(of: id, connection, logger)
        return try await liveComment(id, connection, logger)
    }

    /// KEY SHARE on these members' rows, in id order, before any thread lock: what a foreign
    /// key to them takes anyway, taken first so that `deleteAccount` (member, then threads) and
    /// this write never wait on each other in a circle.
    static func lockMembers(_ ids: [MemberID], _ connection: PostgresConnection, _ logger: Logger) async throws {
        let sorted = Set(ids.map(\.rawValue)).sorted()
        guard !sorted.isEmpty else { return }
        try await connection.query(
            "SELECT 1 FROM members WHERE id = ANY(\(sorted)) ORDER BY id FOR KEY SHARE", logger: logger)
    }

    /// The comment, if it exists and is not deleted; else `StoreError.missing`.
    static func liveComment(_ id: CommentID, _ connection: PostgresConnection, _ logger: Logger) async throws -> Comment {
        guard
            let comment = try await connection.rows(
                "SELECT \(unescaped: commentColumns) FROM comments WHERE id = \(id.rawValue)", logger
            ).first.map(decodeComment),
            !comment.isDeleted
        else { throw StoreError.missing("comment") }
        return comment
    }

    /// The author of the comment's parent, if that parent is not a placeholder (as `insertComment` tells them).
    static func liveParentAuthor(
        of comment: Comment, _ connection: PostgresConnection, _ logger: Logger
    ) async throws -> MemberID? {
        guard let parentID = comment.parentID else { return nil }
        return try await connection.rows(
            "SELECT author_id FROM comments WHERE id = \(parentID.rawValue) AND deleted_at IS NULL", logger
        ).first.map { MemberID(try $0.decode(Int64.self)) }
    }

    static func setStatus(
        _ id: CommentID, _ status: CommentStatus, _ connection: PostgresConnection, _ logger: Logger
    ) async throws {
        try await connection.query(
            "UPDATE comments SET status = \(status.rawValue) WHERE id = \(id.rawValue)", logger: logger)
    }

    /// Visible → held (its counts drop, its unsent notifications go: approval writes them
    /// again), or held → held; the note replaces any earlier one.
    static func hold(_ comment: Comment, note: HoldNote, _ connection: PostgresConnection, _ logger: Logger) async throws {
        if comment.status == .visible {
            try await setStatus(comment.id, .held, connection, logger)
            try await unpin(comment.id, connection, logger)
            try await adjustCounts(connection, logger, postID: comment.postID, path: comment.path, by: -1)
            try await connection.query("DELETE FROM notifications WHERE comment_id = \(comment.id.rawValue)", logger: logger)
        }
        try await recordHoldNote(comment.id, note, connection, logger)
    }

    /// Takes the comment off the top of its post, if it was pinned there: only what everyone
    /// sees can stay pinned. A seek of posts_pinned_comment; a pinned comment is visible, so
    /// its post's row is one the caller's count update locks anyway.
    static func unpin(_ id: CommentID, _ connection: PostgresConnection, _ logger: Logger) async throws {
        try await connection.query(
            "UPDATE posts SET pinned_comment_id = NULL WHERE pinned_comment_id = \(id.rawValue)", logger: logger)
    }

    /// Keeps why a comment was held, next to its last decision (if any).
    static func recordHoldNote(_ id: CommentID, _ note: HoldNote, _ connection: PostgresConnection, _ logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO comment_moderation (comment_id, hold_reason, spam_score, spam_features)
            VALUES (\(id.rawValue), \(note.reason.rawValue), \(note.spamScore), \(SpamFeatures.joined(note.spamFeatures)))
            ON CONFLICT (comment_id) DO UPDATE SET
                hold_reason = excluded.hold_reason, spam_score = excluded.spam_score, spam_features = excluded.spam_features
            """, logger: logger)
    }

    static func recordDecision(
        _ id: CommentID, _ kind: ModerationDecision.Kind, _ audit: NewAuditEntry, _ connection: PostgresConnection,
        _ logger: Logger
    ) async throws {
        try await connection.query(
            """
            INSERT INTO comment_moderation (comment_id, decision, decided_by, decided_at, decision_reason)
            VALUES (\(id.rawValue), \(kind.rawValue), \(audit.actorID?.rawValue), \(audit.at.stored), \(audit.reason))
            ON CONFLICT (comment_id) DO UPDATE SET
                decision = excluded.decision, decided_by = excluded.decided_by, decided_at = excluded.decided_at,
                decision_reason = excluded.decision_reason
            """, logger: logger)
    }

    static func resolveReports(_ id: CommentID, at date: Date, _ connection: PostgresConnection, _ logger: Logger) async throws {
        try await connection.query(
            """
            UPDATE comment_reports SET resolved_at = \(date.stored) WHERE comment_id = \(id.rawValue) AND resolved_at IS NULL
            """, logger: logger)
    }

    /// Appends an audit row about `comment`, naming the comment, its author and its post where
    /// the entry left them out.
    static func appendCommentAudit(
        _ entry: NewAuditEntry, about comment: Comment, _ connection: PostgresConnection, _ logger: Logger
    ) async throws {
        var entry = entry
        entry.commentID = entry.commentID ?? comment.id
        entry.subjectID = entry.subjectID ?? comment.authorID
        entry.postID = entry.postID ?? comment.postID
        try await appendCommentAudit(entry, connection, logger)
    }

    /// One row of audit_log, in the caller's transaction.
    static func appendCommentAudit(_ entry: NewAuditEntry, _ connection: PostgresConnection, _ logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO audit_log (at, actor_id, action, comment_id, subject_id, post_id, reason, "before", "after")
            VALUES (\(entry.at.stored), \(entry.actorID?.rawValue), \(entry.action.rawValue), \(entry.commentID?.rawValue),
                    \(entry.subjectID?.rawValue), \(entry.postID?.rawValue), \(entry.reason), \(entry.before), \(entry.after))
            """, logger: logger)
    }

    /// The comments with why they are in the queue: two reads for the whole page.
    static func queued(_ comments: [Comment], _ connection: PostgresConnection, _ logger: Logger) async throws -> [QueuedComment] {
        guard !comments.isEmpty else { return [] }
        let ids = comments.map(\.id.rawValue)
        var notes: [CommentID: (hold: HoldNote?, decision: ModerationDecision?)] = [:]
        for row in try await connection.rows(
            """
            SELECT comment_id, hold_reason, spam_score, spam_features, decision, decided_by, decided_at, decision_reason
            FROM comment_moderation WHERE comment_id = ANY(\(ids))
            """, logger)
        {
            let (id, reason, score, features, kind, by, at, why) = try row.decode(
                (Int64, String?, Double?, String, String?, Int64?, Int64?, String).self)
            let hold = reason.flatMap(HoldReason.init(rawValue:)).map {
                HoldNote(reason: $0, spamScore: score, spamFeatures: SpamFeatures.split(features))
            }
            var decision: ModerationDecision?
            if let kind = kind.flatMap(ModerationDecision.Kind.init(rawValue:)), let by, let at {
                decision = ModerationDecision(kind: kind, by: MemberID(by), at: Date(millisecondsSince1970: at), reason: why)
            }
            notes[CommentID(id)] = (hold, decision)
        }
        let reports = try await Self.reports(of: comments.map(\.id), connection, logger)
        return comments.map { comment in
            QueuedComment(
                comment: comment, hold: notes[comment.id]?.hold, reports: reports[comment.id] ?? [],
                decision: notes[comment.id]?.decision)
        }
    }

    /// The reports of these comments, open ones first, then oldest first.
    static func reports(
        of commentIDs: [CommentID], _ connection: PostgresConnection, _ logger: Logger
    ) async throws -> [CommentID: [CommentReport]] {
        var found: [CommentID: [CommentReport]] = [:]
        for row in try await connection.rows(
            """
            SELECT id, comment_id, reporter_id, reason, text, created_at, resolved_at FROM comment_reports
            WHERE comment_id = ANY(\(commentIDs.map(\.rawValue))) ORDER BY resolved_at IS NOT NULL, created_at, id
            """, logger)
        {
            let (id, commentID, reporterID, reason, text, createdAt, resolvedAt) = try row.decode(
                (Int64, Int64, Int64, String, String, Int64, Int64?).self)
            let report = CommentReport(
                id: ReportID(id), commentID: CommentID(commentID), reporterID: MemberID(reporterID),
                reason: ReportReason(rawValue: reason) ?? .other, text: text,
                createdAt: Date(millisecondsSince1970: createdAt), resolvedAt: resolvedAt.date)
            found[report.commentID, default: []].append(report)
        }
        return found
    }
}
