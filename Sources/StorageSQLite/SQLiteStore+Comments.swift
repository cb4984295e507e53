import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    /// The comment columns, in the order `decodeComment` reads them.
    static let commentColumns = """
        id, post_id, parent_id, root_id, depth, path, author_id, body_text, body_html, created_at, edited_at, \
        deleted_at, like_count, descendant_count, status, featured_at
        """

    static func decodeComment(_ row: Row) -> Comment {
        Comment(
            id: CommentID(row[0]), postID: PostID(row[1]), parentID: (row[2] as Int64?).map(CommentID.init),
            rootID: CommentID(row[3]), depth: row[4], path: row[5], authorID: MemberID(row[6]), bodyText: row[7],
            bodyHTML: row[8], createdAt: row.date(9), editedAt: row.optionalDate(10), deletedAt: row.optionalDate(11),
            likeCount: row[12], descendantCount: row[13],
            // The schema's CHECK admits only the three statuses.
            status: CommentStatus(rawValue: row[14]) ?? .removed, featuredAt: row.optionalDate(15))
    }

    // MARK: Writing

    public func insertComment(_ new: NewComment, notices: CommentNotices?) async throws -> Comment {
        try await write { db in
            // Checked before writing so that the error names what is missing; the foreign keys
            // would refuse the row anyway.
            guard try db.exists("SELECT 1 FROM posts WHERE id = ?", [new.postID.rawValue]) else {
                throw StoreError.missing("post")
            }
            guard try db.exists("SELECT 1 FROM members WHERE id = ? AND deleted_at IS NULL", [new.authorID.rawValue]) else {
                throw StoreError.missing("member")
            }
            var parent: (path: String, depth: Int, rootID: Int64)?
            if let parentID = new.parentID {
                let found = try db.fetchFirst(
                    "SELECT post_id, path, depth, root_id FROM comments WHERE id = ?",
                    [parentID.rawValue]
                ) { row in
                    (postID: row[0] as Int64, path: row[1] as String, depth: row[2] as Int, rootID: row[3] as Int64)
                }
                // A reply must stay in its parent's discussion: a parent of another post is as good as gone.
                guard let found, found.postID == new.postID.rawValue else { throw StoreError.missing("parent") }
                parent = (found.path, found.depth, found.rootID)
            }
            let id = try Self.nextCommentID(db)
            let comment = Comment(
                id: id, postID: new.postID, parentID: new.parentID,
                rootID: parent.map { CommentID($0.rootID) } ?? id, depth: parent.map { $0.depth + 1 } ?? 0,
                path: CommentPath.path(for: id, under: parent?.path), authorID: new.authorID,
                bodyText: new.bodyText, bodyHTML: new.bodyHTML,
                createdAt: new.createdAt.truncatedToMilliseconds, editedAt: nil, deletedAt: nil,
                likeCount: 0, descendantCount: 0, status: new.hold == nil ? .visible : .held)
            try db.run(
                """
                INSERT INTO comments (id, post_id, parent_id, root_id, depth, path, author_id, body_text, body_html,
                                      created_at, like_count, descendant_count, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?)
                """,
                [
                    id.rawValue, comment.postID.rawValue, comment.parentID?.rawValue, comment.rootID.rawValue,
                    comment.depth, comment.path, comment.authorID.rawValue, comment.bodyText, comment.bodyHTML,
                    comment.createdAt.stored, comment.status.rawValue,
                ])
            if let hold = new.hold {
                // Held: not counted and nobody told until a moderator approves it (see `approveComment`).
                try Self.recordHoldNote(db, id, hold)
                try Self.appendCommentAudit(
                    db,
                    NewAuditEntry(
                        at: comment.createdAt, actorID: nil, action: .hold, reason: hold.reason.rawValue, after: comment.bodyText),
                    about: comment)
                return comment
            }
            try Self.adjustCounts(db, postID: comment.postID, path: comment.path, by: 1)
            if let notices { try Self.insertNotifications(for: comment, notices, in: db) }
            return comment
        }
    }

    /// Adds `delta` to the post's comment count and to the descendant count of every ancestor,
    /// whose ids the path already lists: at most `Limits.maxDepth` key updates, no recursion.
    static func adjustCounts(_ db: Database, postID: PostID, path: String, by delta: Int) throws {
        try db.run("UPDATE posts SET comment_count = comment_count + ? WHERE id = ?", [delta, postID.rawValue])
        for ancestorID in CommentPath.ancestorIDs(ofPath: path) {
            try db.run(
                "UPDATE comments SET descendant_count = descendant_count + ? WHERE id = ?",
                [delta, ancestorID.rawValue])
        }
    }

    public func updateCommentBody(id: CommentID, text: String, html: String, editedAt: Date) async throws {
        try await write { db in
            // A placeholder's text is gone for good: editing it would bring a deleted comment back.
            let changed = try db.run(
                """
                UPDATE comments SET body_text = ?, body_html = ?, edited_at = ? WHERE id = ? AND deleted_at IS NULL
                """, [text, html, editedAt.stored, id.rawValue])
            guard changed == 1 else { throw StoreError.missing("comment") }
        }
    }

    public func deleteComment(id: CommentID, at date: Date) async throws -> CommentDeletion {
        try await write { db in try Self.deleteComment(id: id, at: date, in: db) }
    }

    /// `deleteComment` inside the caller's write transaction (account deletion runs it for
    /// every comment of the account, in one transaction).
    static func deleteComment(id: CommentID, at date: Date, in db: Database) throws -> CommentDeletion {
        let found = try db.fetchFirst(
            "SELECT post_id, path, parent_id, deleted_at, status FROM comments WHERE id = ?",
            [id.rawValue]
        ) { row in
            (
                postID: PostID(row[0]), path: row[1] as String, parentID: (row[2] as Int64?).map(CommentID.init),
                deleted: row[3] as Int64? != nil, visible: row[4] as String == CommentStatus.visible.rawValue
            )
        }
        guard let comment = found else { throw StoreError.missing("comment") }
        // Deleting twice must not count twice.
        if comment.deleted { return .placeholder }
        // Only visible comments were counted: a held or removed one takes nothing away.
        if comment.visible { try adjustCounts(db, postID: comment.postID, path: comment.path, by: -1) }
        // A placeholder is not pinned (a row deleted for good is unpinned by its foreign key too).
        try unpin(db, id)
        if try hasReplies(db, id) {
            // The author asked for the words to go; only the thread's shape stays.
            try db.run(
                "UPDATE comments SET deleted_at = ?, body_text = '', body_html = '' WHERE id = ?",
                [date.stored, id.rawValue])
            return .placeholder
        }
        try remove(db, id)
        // Placeholders exist only to hold replies up; one left with none goes too. They were
        // already taken out of every count when they became placeholders.
        var next = comment.parentID
        while let parentID = next {
            let parent = try db.fetchFirst(
                "SELECT parent_id, deleted_at FROM comments WHERE id = ?",
                [parentID.rawValue]
            ) { row in
                (parentID: (row[0] as Int64?).map(CommentID.init), deleted: row[1] as Int64? != nil)
            }
            guard let parent, parent.deleted, try !hasReplies(db, parentID) else { break }
            try remove(db, parentID)
            next = parent.parentID
        }
        return .removed
    }

    static func hasReplies(_ db: Database, _ id: CommentID) throws -> Bool {
        try db.exists("SELECT 1 FROM comments WHERE parent_id = ? LIMIT 1", [id.rawValue])
    }

    static func remove(_ db: Database, _ id: CommentID) throws {
        try db.run("DELETE FROM likes WHERE comment_id = ?", [id.rawValue])
        try db.run("DELETE FROM comments WHERE id = ?", [id.rawValue])
    }

    // MARK: Reading

    public func comment(id: CommentID) async throws -> Comment? {
        try await read { db in
            try db.fetchFirst("SELECT \(Self.commentColumns) FROM comments WHERE id = ?", [id.rawValue], Self.decodeComment)
        }
    }

    public func comment(id: CommentID, visibleTo visibility: CommentVisibility) async throws -> Comment? {
        try await read { db in
            let shown = Self.shownFilter(visibility)
            return try db.fetchFirst(
                "SELECT \(Self.commentColumns) FROM comments WHERE id = ? AND \(shown.sql)",
                StatementArguments([id.rawValue] + shown.arguments), Self.decodeComment)
        }.map(visibility.redacted)
    }

    /// Top order, first part: the roots with exactly the cursor's like count, after it in time.
    static func rootsTopSameLikesSQL(_ shown: String) -> String {
        """
        SELECT \(commentColumns) FROM comments
        WHERE post_id = ? AND parent_id IS NULL AND like_count = ? AND (created_at, id) > (?, ?) AND \(shown)
        ORDER BY created_at, id LIMIT ?
        """
    }
    /// Top order, second part: every root with fewer likes than the cursor.
    /// Two seeks instead of one OR, which SQLite could only answer by walking the index from the start.
    static func rootsTopFewerLikesSQL(_ shown: String) -> String {
        """
        SELECT \(commentColumns) FROM comments
        WHERE post_id = ? AND parent_id IS NULL AND like_count < ? AND \(shown)
        ORDER BY like_count DESC, created_at, id LIMIT ?
        """
    }
    static func rootsTopFirstSQL(_ shown: String) -> String {
        """
        SELECT \(commentColumns) FROM comments
        WHERE post_id = ? AND parent_id IS NULL AND \(shown)
        ORDER BY like_count DESC, created_at, id LIMIT ?
        """
    }
    static func rootsOldSQL(_ shown: String) -> String {
        """
        SELECT \(commentColumns) FROM comments
        WHERE post_id = ? AND parent_id IS NULL AND (created_at, id) > (?, ?) AND \(shown)
        ORDER BY created_at, id LIMIT ?
        """
    }
    static func rootsNewSQL(_ shown: String) -> String {
        """
        SELECT \(commentColumns) FROM comments
        WHERE post_id = ? AND parent_id IS NULL AND (created_at, id) < (?, ?) AND \(shown)
        ORDER BY created_at DESC, id DESC LIMIT ?
        """
    }

    public func rootComments(
        postID: PostID, sort: CommentSort, after cursor: CommentCursor?, limit: Int, visibleTo visibility: CommentVisibility
    ) async throws -> [Comment] {
        guard limit > 0 else { return [] }
        return visibility.redacted(
            try await read { db in
                let post = postID.rawValue
                let shown = Self.shownFilter(visibility)
                // The filter's arguments come after the seek's, before the limit.
                func arguments(_ seek: [DatabaseValueConvertible], _ limit: Int) -> StatementArguments {
                    StatementArguments(seek + shown.arguments + [limit])
                }
                switch (sort, cursor) {
                case (.top, nil):
                    return try db.fetch(Self.rootsTopFirstSQL(shown.sql), arguments([post], limit), Self.decodeComment)
                case (.top, let cursor?):
                    var page = try db.fetch(
                        Self.rootsTopSameLikesSQL(shown.sql),
                        arguments([post, cursor.likeCount, cursor.createdAtMilliseconds, cursor.id.rawValue], limit),
                        Self.decodeComment)
                    if page.count < limit {
                        page += try db.fetch(
                            Self.rootsTopFewerLikesSQL(shown.sql), arguments([post, cursor.likeCount], limit - page.count),
                            Self.decodeComment)
                    }
                    return page
                case (.old, _):
                    // Before every real key: ids start at 1.
                    let after = cursor.map { ($0.createdAtMilliseconds, $0.id.rawValue) } ?? (Int64.min, 0)
                    return try db.fetch(Self.rootsOldSQL(shown.sql), arguments([post, after.0, after.1], limit), Self.decodeComment)
                case (.new, _):
                    let before = cursor.map { ($0.createdAtMilliseconds, $0.id.rawValue) } ?? (Int64.max, Int64.max)
                    return try db.fetch(Self.rootsNewSQL(shown.sql), arguments([post, before.0, before.1], limit), Self.decodeComment)
                }
            })
    }

    /// A subtree is the range of paths `lower < path < upper` of the path index. To continue after
    /// a reply, the lower bound moves up to its resume path: `path > resume` is `path >= resume`,
    /// since a resume path (a 13-digit last segment) is never a real one. One bound per side,
    /// so that SQLite seeks to it instead of filtering the rows before it.
    static func descendantsSQL(_ shown: String) -> String {
        """
        SELECT \(commentColumns) FROM comments
        WHERE path > ? AND path < ? AND depth <= ? AND \(shown)
        ORDER BY path LIMIT ?
        """
    }

    public func descendants(
        of top: Comment, maxDepth: Int, afterReply: CommentID?, limit: Int, visibleTo visibility: CommentVisibility
    ) async throws -> [Comment] {
        guard limit > 0 else { return [] }
        return visibility.redacted(
            try await read { db in
                let (lower, upper) = CommentPath.descendantRange(of: top.path)
                var resume = lower
                if let afterReply {
                    resume = try Self.resumePath(db, top: top, after: afterReply)
                }
                return try Self.window(
                    db, top: top, from: resume, upper: upper, maxDepth: maxDepth, limit: limit, visibility: visibility)
            })
    }

    /// The window below `top` starting after path `start`: one range scan for a small subtree;
    /// for a big one, a walk that seeks each shown comment's replies, so the rows read are the
    /// rows shown (plus one query per shown comment), however big the subtree.
    static func window(
        _ db: Database, top: Comment, from start: String, upper: String, maxDepth: Int, limit: Int,
        visibility: CommentVisibility
    ) throws -> [Comment] {
        let shown = shownFilter(visibility)
        guard top.descendantCount > Limits.windowScanLimit else {
            return try db.fetch(
                descendantsSQL(shown.sql), StatementArguments([start, upper, maxDepth] + shown.arguments + [limit]),
                decodeComment)
        }
        var walked: [Comment] = []
        func visit(_ node: Comment, after: String) throws {
            // For everyone, a comment without visible descendants has nothing below it to show;
            // held and removed replies are not counted, so other eyes look below every comment.
            guard node.depth < maxDepth, node.descendantCount > 0 || visibility != .everyone, walked.count < limit
            else { return }
            let replies = try db.fetch(
                repliesSQL(shown.sql),
                StatementArguments([node.id.rawValue, after] + shown.arguments + [limit - walked.count]), decodeComment)
            for reply in replies where walked.count < limit {
                walked.append(reply)
                try visit(reply, after: CommentPath.descendantRange(of: reply.path).lower)
            }
        }
        try visit(top, after: start)
        return walked
    }

    /// The direct replies of a comment after a path, in thread order: a seek of comments_parent_path.
    static func repliesSQL(_ shown: String) -> String {
        """
        SELECT \(commentColumns) FROM comments WHERE parent_id = ? AND path > ? AND \(shown) ORDER BY path LIMIT ?
        """
    }

    public func descendantWindows(
        of tops: [Comment], relativeDepth: Int, limit: Int, visibleTo visibility: CommentVisibility
    ) async throws -> [CommentID: [Comment]] {
        // Held and removed replies are not counted: only everyone's reads can skip a top without visible ones.
        let wanted = tops.filter { $0.descendantCount > 0 || visibility != .everyone }
        guard limit > 0, !wanted.isEmpty else { return [:] }
        return try await read { db in
            var windows: [CommentID: [Comment]] = [:]
            for top in wanted {
                let (lower, upper) = CommentPath.descendantRange(of: top.path)
                let window = try Self.window(
                    db, top: top, from: lower, upper: upper, maxDepth: top.depth + relativeDepth, limit: limit,
                    visibility: visibility)
                if top.descendantCount > 0 || !window.isEmpty { windows[top.id] = visibility.redacted(window) }
            }
            return windows
        }
    }

    /// Where a page continuing after `reply` (a direct reply of `top`) starts (see `CommentPath.resumePath`).
    static func resumePath(_ db: Database, top: Comment, after reply: CommentID) throws -> String {
        let stored = try db.fetchFirst("SELECT path FROM comments WHERE id = ?", [reply.rawValue]) { $0[0] as String }
        return CommentPath.resumePath(after: reply, storedPath: stored, below: top)
    }

    public func countDescendants(of top: Comment, throughReply reply: CommentID) async throws -> Int {
        try await read { db in
            // Each earlier reply with its subtree, from its counter: the work follows the number
            // of replies already shown, not the size of their subtrees.
            let end = try Self.resumePath(db, top: top, after: reply)
            return try db.fetchFirst(
                """
                SELECT COALESCE(SUM(descendant_count + CASE WHEN deleted_at IS NULL AND status = 'visible' THEN 1 ELSE 0 END), 0)
                FROM comments WHERE parent_id = ? AND path < ?
                """, [top.id.rawValue, end]
            ) { $0[0] as Int } ?? 0
        }
    }

    public func ancestors(of comment: Comment, visibleTo visibility: CommentVisibility) async throws -> [Comment] {
        let ids = CommentPath.ancestorIDs(ofPath: comment.path)
        guard !ids.isEmpty else { return [] }
        return visibility.redacted(
            try await read { db in
                let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
                return try db.fetch(
                    "SELECT \(Self.commentColumns) FROM comments WHERE id IN (\(marks)) ORDER BY depth",
                    StatementArguments(ids.map(\.rawValue)), Self.decodeComment)
            })
    }
}

extension SQLiteStore {
    /// The id the next comment row will get. A comment's path holds its own id, so the id is
    /// reserved before the insert: the next value of the AUTOINCREMENT sequence. Safe because
    /// the caller's transaction holds the write lock.
    static func nextCommentID(_ db: Database) throws -> CommentID {
        let next =
            try db.fetchFirst(
                """
                SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'comments'), 0),
                           COALESCE((SELECT MAX(id) FROM comments), 0)) + 1
                """
            ) { $0[0] as Int64 } ?? 1
        return CommentID(next)
    }
}
