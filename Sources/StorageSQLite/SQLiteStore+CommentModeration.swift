import Domain
import Foundation
import GRDB
import Storage

// Holding, approving, removing and restoring comments; reports; the moderation queue (see
// `CommentModerationStore`). Each method is one write transaction, with its audit row, under
// SQLite's single writer: two reports of one comment, or a report and a removal, take turns.
extension SQLiteStore {
    public func approveComment(id: CommentID, notices: CommentNotices?, audit: NewAuditEntry) async throws -> Comment {
        try await write { db in
            let comment = try Self.liveComment(db, id)
            guard comment.status != .removed else { throw StoreError.missing("comment") }
            if comment.status == .held {
                // Counted and told as if it were posted now.
                try Self.setStatus(db, id, .visible)
                try Self.adjustCounts(db, postID: comment.postID, path: comment.path, by: 1)
                if let notices { try Self.insertNotifications(for: comment, notices, in: db) }
            }
            try Self.resolveReports(db, id, at: audit.at)
            try Self.recordDecision(db, id, .approved, audit)
            try Self.appendCommentAudit(db, audit, about: comment)
            return try Self.liveComment(db, id)
        }
    }

    public func removeComment(id: CommentID, audit: NewAuditEntry) async throws -> Comment {
        try await write { db in
            let comment = try Self.liveComment(db, id)
            // Removing twice changes nothing (and must not count twice).
            guard comment.status != .removed else { return comment }
            try Self.setStatus(db, id, .removed)
            try Self.unpin(db, id)
            if comment.status == .visible {
                try Self.adjustCounts(db, postID: comment.postID, path: comment.path, by: -1)
            }
            try Self.resolveReports(db, id, at: audit.at)
            try Self.recordDecision(db, id, comment.status == .held ? .rejected : .removed, audit)
            // Nobody is told about a comment that is gone from the discussion.
            try db.run("DELETE FROM notifications WHERE comment_id = ?", [id.rawValue])
            try Self.appendCommentAudit(db, audit, about: comment)
            return try Self.liveComment(db, id)
        }
    }

    public func restoreComment(id: CommentID, audit: NewAuditEntry) async throws -> Comment {
        try await write { db in
            let comment = try Self.liveComment(db, id)
            guard comment.status == .removed else { throw StoreError.missing("removed comment") }
            try Self.setStatus(db, id, .visible)
            try Self.adjustCounts(db, postID: comment.postID, path: comment.path, by: 1)
            try Self.recordDecision(db, id, .restored, audit)
            try Self.appendCommentAudit(db, audit, about: comment)
            return try Self.liveComment(db, id)
        }
    }

    public func holdComment(id: CommentID, note: HoldNote, audit: NewAuditEntry) async throws -> Comment {
        try await write { db in
            let comment = try Self.liveComment(db, id)
            guard comment.status != .removed else { throw StoreError.missing("comment") }
            try Self.hold(db, comment, note: note)
            try Self.appendCommentAudit(db, audit, about: comment)
            return try Self.liveComment(db, id)
        }
    }

    public func updateCommentBody(
        id: CommentID, text: String, html: String, editedAt: Date, hold: HoldNote?
    ) async throws -> Comment {
        try await write { db in
            // A placeholder's text is gone for good: editing it would bring a deleted comment back.
            let before = try Self.liveComment(db, id)
            try db.run(
                "UPDATE comments SET body_text = ?, body_html = ?, edited_at = ? WHERE id = ?",
                [text, html, editedAt.stored, id.rawValue])
            // A removed comment stays removed: holding it would put it back in front of a moderator.
            if let hold, before.status != .removed {
                try Self.hold(db, before, note: hold)
                try Self.appendCommentAudit(
                    db,
                    NewAuditEntry(
                        at: editedAt, actorID: nil, action: .hold, reason: hold.reason.rawValue, before: before.bodyText,
                        after: text),
                    about: before)
            }
            return try Self.liveComment(db, id)
        }
    }

    public func reportComment(_ report: NewCommentReport, holdAt threshold: Int) async throws -> ReportOutcome {
        try await write { db in
            let comment = try Self.liveComment(db, report.commentID)
            guard try db.exists("SELECT 1 FROM members WHERE id = ? AND deleted_at IS NULL", [report.reporterID.rawValue])
            else { throw StoreError.missing("member") }
            let inserted = try db.run(
                """
                INSERT INTO comment_reports (comment_id, reporter_id, reason, text, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (comment_id, reporter_id) DO NOTHING
                """,
                [
                    report.commentID.rawValue, report.reporterID.rawValue, report.reason.rawValue, report.text,
                    report.createdAt.stored,
                ])
            guard inserted == 1 else { return .alreadyReported }
            // One report per member and comment (comment_reports_once): open rows are distinct members.
            let open =
                try db.fetchFirst(
                    "SELECT COUNT(*) FROM comment_reports WHERE comment_id = ? AND resolved_at IS NULL",
                    [report.commentID.rawValue]
                ) { $0[0] as Int } ?? 0
            guard threshold > 0, open >= threshold, comment.status == .visible else { return .recorded(openReports: open) }
            try Self.hold(db, comment, note: HoldNote(reason: .reports))
            try Self.appendCommentAudit(
                db, NewAuditEntry(at: report.createdAt, actorID: nil, action: .hold, reason: HoldReason.reports.rawValue),
                about: comment)
            return .held(openReports: open)
        }
    }

    public func reports(commentID: CommentID) async throws -> [CommentReport] {
        try await read { db in try Self.reports(db, of: [commentID])[commentID] ?? [] }
    }

    public func moderationQueue(
        _ tab: ModerationTab, after cursor: ModerationQueueCursor?, limit: Int
    ) async throws -> [QueuedComment] {
        guard limit > 0 else { return [] }
        return try await read { db in
            let before = cursor?.commentID.rawValue ?? Int64.max
            let comments: [Comment]
            switch tab {
            case .reported:
                // Open reports are one range of comment_reports_open, in comment id order.
                comments = try db.fetch(
                    """
                    SELECT \(Self.commentColumns) FROM comments
                    WHERE id IN (SELECT comment_id FROM comment_reports WHERE resolved_at IS NULL AND comment_id < ?)
                      AND status = 'visible' AND deleted_at IS NULL
                    ORDER BY id DESC LIMIT ?
                    """, [before, limit], Self.decodeComment)
            case .held:
                // `status <> 'visible'` lets SQLite use the partial index comments_not_visible.
                comments = try db.fetch(
                    """
                    SELECT \(Self.commentColumns) FROM comments
                    WHERE status <> 'visible' AND status = 'held' AND id < ? AND deleted_at IS NULL
                    ORDER BY id DESC LIMIT ?
                    """, [before, limit], Self.decodeComment)
            case .approved, .removed:
                comments = try Self.decidedPage(db, tab: tab, after: cursor, limit: limit)
            }
            return try Self.queued(db, comments)
        }
    }

    /// The approved and removed tabs, latest decision first, after the cursor's (decision
    /// time, comment id). A cursor without a time takes the comment's current one.
    static func decidedPage(_ db: Database, tab: ModerationTab, after cursor: ModerationQueueCursor?, limit: Int) throws -> [Comment] {
        var key = (Int64.max, Int64.max)
        if let cursor {
            var decidedAt = cursor.decidedAt?.stored
            if decidedAt == nil {
                decidedAt =
                    try db.fetchFirst(
                        "SELECT decided_at FROM comment_moderation WHERE comment_id = ?", [cursor.commentID.rawValue]
                    ) { $0[0] as Int64? } ?? nil
            }
            key = (decidedAt ?? Int64.max, cursor.commentID.rawValue)
        }
        return try db.fetch(decidedPageSQL(tab), [key.0, key.1, limit], decodeComment)
    }

    /// A walk of the tab's partial index (comment_moderation_approved or _removed) backwards
    /// from the cursor, in the order shown; each row's comment by its key. Arguments: the
    /// cursor's decision time and comment id, the limit.
    static func decidedPageSQL(_ tab: ModerationTab) -> String {
        let (decisions, status) =
            tab == .approved ? ("comment_moderation.decision = 'approved'", "visible") : (Self.removedDecisions, "removed")
        return """
            SELECT \(qualifiedCommentColumns)
            FROM comment_moderation JOIN comments ON comments.id = comment_moderation.comment_id
            WHERE \(decisions) AND (comment_moderation.decided_at, comment_moderation.comment_id) < (?, ?)
              AND comments.status = '\(status)' AND comments.deleted_at IS NULL
            ORDER BY comment_moderation.decided_at DESC, comment_moderation.comment_id DESC LIMIT ?
            """
    }

    /// The condition of comment_moderation_removed, as the index names it.
    static let removedDecisions = "comment_moderation.decision IN ('rejected', 'removed')"

    /// `commentColumns`, each named with its table, for reads that join another table.
    static let qualifiedCommentColumns = commentColumns.split(separator: ",")
        .map { "comments." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")

    public func moderationCounts(upTo cap: Int) async throws -> [ModerationTab: Int] {
        let stop = max(cap, 0) + 1
        return try await read { db in
            // Each count stops at `stop` rows, so a long-moderated site costs no more than a new one.
            func count(_ rows: String) throws -> Int {
                try db.fetchFirst("SELECT COUNT(*) FROM (\(rows) LIMIT ?)", [stop]) { $0[0] as Int } ?? 0
            }
            return [
                .reported: try count(
                    """
                    SELECT 1 FROM comments
                    WHERE id IN (SELECT comment_id FROM comment_reports WHERE resolved_at IS NULL)
                      AND status = 'visible' AND deleted_at IS NULL
                    """),
                .held: try count("SELECT 1 FROM comments WHERE status <> 'visible' AND status = 'held' AND deleted_at IS NULL"),
                .approved: try count(
                    """
                    SELECT 1 FROM comment_moderation JOIN comments ON comments.id = comment_moderation.comment_id
                    WHERE comment_moderation.decision = 'approved' AND comments.status = 'visible' AND comments.deleted_at IS NULL
                    """),
                .removed: try count(
                    "SELECT 1 FROM comments WHERE status <> 'visible' AND status = 'removed' AND deleted_at IS NULL"),
            ]
        }
    }

    public func moderation(commentID: CommentID) async throws -> QueuedComment? {
        try await read { db in
            guard
                let comment = try db.fetchFirst(
                    "SELECT \(Self.commentColumns) FROM comments WHERE id = ?", [commentID.rawValue], Self.decodeComment),
                let queued = try Self.queued(db, [comment]).first
            else { return nil }
            let hasRow = try db.exists("SELECT 1 FROM comment_moderation WHERE comment_id = ?", [commentID.rawValue])
            return hasRow || !queued.reports.isEmpty ? queued : nil
        }
    }

    public func authorHistories(memberIDs: Set<MemberID>) async throws -> [MemberID: AuthorHistory] {
        guard !memberIDs.isEmpty else { return [:] }
        return try await read { db in
            var histories: [MemberID: AuthorHistory] = [:]
            for id in memberIDs { histories[id] = AuthorHistory(visible: 0, held: 0, removed: 0, reportsAgainst: 0) }
            for chunk in Array(memberIDs.map(\.rawValue)).chunked(500) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                // One walk of comments_author_status per author.
                for row in try db.fetch(
                    """
                    SELECT author_id, status, COUNT(*) FROM comments
                    WHERE author_id IN (\(marks)) AND deleted_at IS NULL GROUP BY author_id, status
                    """, StatementArguments(chunk), { $0.copy() })
                {
                    let id = MemberID(row[0] as Int64)
                    let n: Int = row[2]
                    switch CommentStatus(rawValue: row[1]) {
                    case .visible: histories[id]?.visible = n
                    case .held: histories[id]?.held = n
                    case .removed: histories[id]?.removed = n
                    case nil: break
                    }
                }
                for row in try db.fetch(
                    """
                    SELECT comments.author_id, COUNT(*) FROM comment_reports JOIN comments ON comments.id = comment_reports.comment_id
                    WHERE comments.author_id IN (\(marks)) GROUP BY comments.author_id
                    """, StatementArguments(chunk), { $0.copy() })
                {
                    histories[MemberID(row[0] as Int64)]?.reportsAgainst = row[1]
                }
            }
            return histories
        }
    }

    public func visibleCommentCount(authorID: MemberID, upTo cap: Int) async throws -> Int {
        guard cap > 0 else { return 0 }
        return try await read { db in
            // At most `cap` entries of comments_author_status, however many the member wrote.
            try db.fetchFirst(
                """
                SELECT COUNT(*) FROM (
                    SELECT 1 FROM comments WHERE author_id = ? AND status = 'visible' AND deleted_at IS NULL LIMIT ?)
                """,
                [authorID.rawValue, cap]
            ) { $0[0] as Int } ?? 0
        }
    }

    public func setPinnedComment(_ commentID: CommentID?, postID: PostID, audit: NewAuditEntry) async throws {
        try await write { db in
            guard try db.exists("SELECT 1 FROM posts WHERE id = ?", [postID.rawValue]) else { throw StoreError.missing("post") }
            if let commentID {
                // Only what everyone sees at the top of this discussion can be pinned there.
                guard
                    try db.exists(
                        """
                        SELECT 1 FROM comments
                        WHERE id = ? AND post_id = ? AND parent_id IS NULL AND status = 'visible' AND deleted_at IS NULL
                        """, [commentID.rawValue, postID.rawValue])
                else { throw StoreError.missing("comment") }
            }
            try db.run("UPDATE posts SET pinned_comment_id = ? WHERE id = ?", [commentID?.rawValue, postID.rawValue])
            var entry = audit
            entry.postID = entry.postID ?? postID
            entry.commentID = entry.commentID ?? commentID
            try Self.appendCommentAudit(db, entry)
        }
    }

    public func setFeatured(_ featured: Bool, commentID: CommentID, audit: NewAuditEntry) async throws {
        try await write { db in
            let comment = try Self.liveComment(db, commentID)
            try db.run(
                "UPDATE comments SET featured_at = ? WHERE id = ?",
                [featured ? (comment.featuredAt ?? audit.at).stored : nil, commentID.rawValue])
            try Self.appendCommentAudit(db, audit, about: comment)
        }
    }

    // MARK: Steps shared by the methods

    /// The comment, if it exists and is not deleted; else `StoreError.missing`.
    static func liveComment(_ db: Database, _ id: CommentID) throws -> Comment {
        guard
            let comment = try db.fetchFirst(
                "SELECT \(commentColumns) FROM comments WHERE id = ?", [id.rawValue], decodeComment),
            !comment.isDeleted
        else { throw StoreError.missing("comment") }
        return comment
    }

    static func setStatus(_ db: Database, _ id: CommentID, _ status: CommentStatus) throws {
        try db.run("UPDATE comments SET status = ? WHERE id = ?", [status.rawValue, id.rawValue])
    }

    /// Visible → held (its counts drop, its unsent notifications go: approval writes them
    /// again), or held → held; the note replaces any earlier one.
    static func hold(_ db: Database, _ comment: Comment, note: HoldNote) throws {
        if comment.status == .visible {
            try setStatus(db, comment.id, .held)
            try unpin(db, comment.id)
            try adjustCounts(db, postID: comment.postID, path: comment.path, by: -1)
            try db.run("DELETE FROM notifications WHERE comment_id = ?", [comment.id.rawValue])
        }
        try recordHoldNote(db, comment.id, note)
    }

    /// Takes the comment off the top of its post, if it was pinned there: only what everyone
    /// sees can stay pinned. A seek of posts_pinned_comment.
    static func unpin(_ db: Database, _ id: CommentID) throws {
        try db.run("UPDATE posts SET pinned_comment_id = NULL WHERE pinned_comment_id = ?", [id.rawValue])
    }

    /// Keeps why a comment was held, next to its last decision (if any).
    static func recordHoldNote(_ db: Database, _ id: CommentID, _ note: HoldNote) throws {
        try db.run(
            """
            INSERT INTO comment_moderation (comment_id, hold_reason, spam_score, spam_features) VALUES (?, ?, ?, ?)
            ON CONFLICT (comment_id) DO UPDATE SET
                hold_reason = excluded.hold_reason, spam_score = excluded.spam_score, spam_features = excluded.spam_features
            """,
            [id.rawValue, note.reason.rawValue, note.spamScore, SpamFeatures.joined(note.spamFeatures)])
    }

    static func recordDecision(
        _ db: Database, _ id: CommentID, _ kind: ModerationDecision.Kind, _ audit: NewAuditEntry
    ) throws {
        try db.run(
            """
            INSERT INTO comment_moderation (comment_id, decision, decided_by, decided_at, decision_reason) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (comment_id) DO UPDATE SET
                decision = excluded.decision, decided_by = excluded.decided_by, decided_at = excluded.decided_at,
                decision_reason = excluded.decision_reason
            """, [id.rawValue, kind.rawValue, audit.actorID?.rawValue, audit.at.stored, audit.reason])
    }

    static func resolveReports(_ db: Database, _ id: CommentID, at date: Date) throws {
        try db.run(
            "UPDATE comment_reports SET resolved_at = ? WHERE comment_id = ? AND resolved_at IS NULL",
            [date.stored, id.rawValue])
    }

    /// Appends an audit row about `comment`, naming the comment, its author and its post where
    /// the entry left them out.
    static func appendCommentAudit(_ db: Database, _ entry: NewAuditEntry, about comment: Comment) throws {
        var entry = entry
        entry.commentID = entry.commentID ?? comment.id
        entry.subjectID = entry.subjectID ?? comment.authorID
        entry.postID = entry.postID ?? comment.postID
        try appendCommentAudit(db, entry)
    }

    /// One row of audit_log, in the caller's transaction.
    static func appendCommentAudit(_ db: Database, _ entry: NewAuditEntry) throws {
        try db.run(
            """
            INSERT INTO audit_log (at, actor_id, action, comment_id, subject_id, post_id, reason, "before", "after")
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                entry.at.stored, entry.actorID?.rawValue, entry.action.rawValue, entry.commentID?.rawValue,
                entry.subjectID?.rawValue, entry.postID?.rawValue, entry.reason, entry.before, entry.after,
            ])
    }

    /// The comments with why they are in the queue: two reads for the whole page.
    static func queued(_ db: Database, _ comments: [Comment]) throws -> [QueuedComment] {
        guard !comments.isEmpty else { return [] }
        let ids = comments.map(\.id.rawValue)
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        var notes: [CommentID: (hold: HoldNote?, decision: ModerationDecision?)] = [:]
        for row in try db.fetch(
            """
            SELECT comment_id, hold_reason, spam_score, spam_features, decision, decided_by, decided_at, decision_reason
            FROM comment_moderation WHERE comment_id IN (\(marks))
            """, StatementArguments(ids), { $0.copy() })
        {
            let hold = (row[1] as String?).flatMap(HoldReason.init(rawValue:)).map {
                HoldNote(reason: $0, spamScore: row[2], spamFeatures: SpamFeatures.split(row[3]))
            }
            var decision: ModerationDecision?
            if let kind = (row[4] as String?).flatMap(ModerationDecision.Kind.init(rawValue:)), let by = row[5] as Int64?,
                let at = row.optionalDate(6)
            {
                decision = ModerationDecision(kind: kind, by: MemberID(by), at: at, reason: row[7])
            }
            notes[CommentID(row[0] as Int64)] = (hold, decision)
        }
        let reports = try Self.reports(db, of: comments.map(\.id))
        return comments.map { comment in
            QueuedComment(
                comment: comment, hold: notes[comment.id]?.hold, reports: reports[comment.id] ?? [],
                decision: notes[comment.id]?.decision)
        }
    }

    /// The reports of these comments, open ones first, then oldest first.
    static func reports(_ db: Database, of commentIDs: [CommentID]) throws -> [CommentID: [CommentReport]] {
        var found: [CommentID: [CommentReport]] = [:]
        for chunk in commentIDs.map(\.rawValue).chunked(500) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            for report in try db.fetch(
                """
                SELECT id, comment_id, reporter_id, reason, text, created_at, resolved_at FROM comment_reports
                WHERE comment_id IN (\(marks)) ORDER BY resolved_at IS NOT NULL, created_at, id
                """, StatementArguments(Array(chunk)),
                { row in
                    CommentReport(
                        id: ReportID(row[0] as Int64), commentID: CommentID(row[1] as Int64),
                        reporterID: MemberID(row[2] as Int64), reason: ReportReason(rawValue: row[3]) ?? .other,
                        text: row[4], createdAt: row.date(5), resolvedAt: row.optionalDate(6))
                })
            {
                found[report.commentID, default: []].append(report)
            }
        }
        return found
    }
}
