import Domain
import Foundation
import Logging
import PostgresNIO
import Storage

extension PostgresStore {
    /// The comment columns, in the order `decodeComment` reads them.
    static let commentColumns = """
        id, post_id, parent_id, root_id, depth, path, author_id, body_text, body_html, created_at, edited_at, \
        deleted_at, like_count, descendant_count, status, featured_at
        """

    /// How many columns `commentColumns` lists: a row may carry more after them.
    static let commentColumnCount = 16

    /// Reads the first `commentColumnCount` columns of `row` as a comment.
    static func decodeComment(_ row: PostgresRow) throws -> Comment {
        let (
            id, postID, parentID, rootID, depth, path, authorID, bodyText, bodyHTML, createdAt, editedAt, deletedAt,
            likeCount, descendantCount, status, featuredAt
        ) = try row.decode(
            (Int64, Int64, Int64?, Int64, Int, String, Int64, String, String, Int64, Int64?, Int64?, Int, Int, String, Int64?)
                .self)
        return Comment(
            id: CommentID(id), postID: PostID(postID), parentID: parentID.map(CommentID.init),
            rootID: CommentID(rootID), depth: depth, path: path, authorID: MemberID(authorID),
            bodyText: bodyText, bodyHTML: bodyHTML, createdAt: Date(millisecondsSince1970: createdAt),
            editedAt: editedAt.date, deletedAt: deletedAt.date, likeCount: likeCount,
            descendantCount: descendantCount,
            // The schema's CHECK admits only the three statuses.
            status: CommentStatus(rawValue: status) ?? .removed, featuredAt: featuredAt.date)
    }

    func comments(_ query: PostgresQuery) async throws -> [Comment] {
        try await rows(query).map(Self.decodeComment)
    }

    // MARK: Writing

    /// Locks the root row of the thread `commentID` is in, for the rest of the transaction.
    ///
    /// Every write that changes a thread's shape takes this lock first, so they run one at a
    /// time per thread, as under SQLite's single writer. Without it, a delete could find no
    /// replies while another instance inserts one, and then fail on the foreign key; or two
    /// sibling deletes could each leave their placeholder parent to the other, which would stay
    /// for ever. Other threads, of the same post or not, do not wait for each other.
    static func lockThread(of commentID: CommentID, _ connection: PostgresConnection, _ logger: Logger) async throws {
        try await connection.query(
            """
            SELECT 1 FROM comments WHERE id = (SELECT root_id FROM comments WHERE id = \(commentID.rawValue)) FOR UPDATE
            """, logger: logger)
    }

    /// Checks that a writing member exists and has not deleted their account, and holds their
    /// row (KEY SHARE, which the foreign key would take anyway) until the write commits. Taken
    /// before any thread lock, so every write orders its locks as `deleteAccount` does (member,
    /// then threads) and the two never wait on each other in a circle; a write that waited
    /// for a deletion then finds the account deleted and is refused.
    static func lockLiveMember(_ id: MemberID, _ connection: PostgresConnection, _ logger: Logger) async throws {
        let live = try await connection.rows(
            """
            SELECT deleted_at IS NULL FROM members WHERE id = \(id.rawValue) FOR KEY SHARE
            """, logger
        ).first?.decode(Bool.self)
        guard live == true else { throw StoreError.missing("member") }
    }

    public func insertComment(_ new: NewComment, notices: CommentNotices?) async throws -> Comment {
        try await transaction { connection in
            // Checked before writing so that the error names what is missing; the foreign keys
            // would refuse the row anyway.
            guard try await connection.rows("SELECT 1 FROM posts WHERE id = \(new.postID.rawValue)", logger).first != nil
            else { throw StoreError.missing("post") }
            try await Self.lockLiveMember(new.authorID, connection, logger)

            // The path holds the row's own id, so the id is reserved before the insert, from
            // the identity's sequence, and only once every check has passed: a sequence does
            // not roll back, and a refused comment must not use up an id.
            var parent: (path: String, depth: Int, rootID: Int64, authorID: Int64, deleted: Bool)?
            if let parentID = new.parentID {
                try await Self.lockThread(of: parentID, connection, logger)
                // Read after the lock, so a parent deleted meanwhile is seen gone.
                let found = try await connection.rows(
                    """
                    SELECT post_id, path, depth, root_id, author_id, deleted_at IS NOT NULL
                    FROM comments WHERE id = \(parentID.rawValue)
                    """, logger
                ).first?.decode((Int64, String, Int, Int64, Int64, Bool).self)
                // A reply must stay in its parent's discussion: a parent of another post is as good as gone.
                guard let found, found.0 == new.postID.rawValue else { throw StoreError.missing("parent") }
                parent = (found.1, found.2, found.3, found.4, found.5)
            }
            let id = try await connection.rows("SELECT nextval(pg_get_serial_sequence('comments', 'id'))", logger)[0]
                .decode(Int64.self)

            let commentID = CommentID(id)
            let comment = Comment(
                id: commentID, postID: new.postID, parentID: new.parentID,
                rootID: parent.map { CommentID($0.rootID) } ?? commentID,
                depth: parent.map { $0.depth + 1 } ?? 0,
                path: CommentPath.path(for: commentID, under: parent?.path), authorID: new.authorID,
                bodyText: new.bodyText, bodyHTML: new.bodyHTML,
                createdAt: new.createdAt.truncatedToMilliseconds, editedAt: nil, deletedAt: nil,
                likeCount: 0, descendantCount: 0, status: new.hold == nil ? .visible : .held)
            try await connection.query(
                """
                INSERT INTO comments (id, post_id, parent_id, root_id, depth, path, author_id, body_text, body_html,
                                      created_at, like_count, descendant_count, status)
                VALUES (\(id), \(comment.postID.rawValue), \(comment.parentID?.rawValue), \(comment.rootID.rawValue),
                        \(comment.depth), \(comment.path), \(comment.authorID.rawValue), \(comment.bodyText),
                        \(comment.bodyHTML), \(comment.createdAt.stored), 0, 0, \(comment.status.rawValue))
                """, logger: logger)
            if let hold = new.hold {
                // Held: not counted and nobody told until a moderator approves it (see `approveComment`).
                try await Self.recordHoldNote(commentID, hold, connection, logger)
                try await Self.appendCommentAudit(
                    NewAuditEntry(
                        at: comment.createdAt, actorID: nil, action: .hold, reason: hold.reason.rawValue, after: comment.bodyText),
                    about: comment, connection, logger)
                return comment
            }
            try await Self.adjustCounts(connection, logger, postID: comment.postID, path: comment.path, by: 1)
            if let notices {
                // A placeholder's author wrote nothing that is still there to reply to.
                let repliedTo = parent.flatMap { $0.deleted ? nil : MemberID($0.authorID) }
                try await Self.insertNotifications(for: comment, repliedTo: repliedTo, notices, connection, logger)
            }
            return comment
        }
    }

    /// Adds `delta` to the post's comment count and to the descendant count of every ancestor,
    /// whose ids the path already lists: one statement, no recursion.
    static func adjustCounts(
        _ connection: PostgresConnection, _ logger: Logger, postID: PostID, path: String,
        by delta: Int
    ) async throws {
        let ancestors = CommentPath.ancestorIDs(ofPath: path).map(\.rawValue)
        try await connection.query(
            """
            WITH post AS (
                UPDATE posts SET comment_count = comment_count + \(delta) WHERE id = \(postID.rawValue)
            )
            UPDATE comments SET descendant_count = descendant_count + \(delta) WHERE id = ANY(\(ancestors))
            """, logger: logger)
    }

    public func updateCommentBody(id: CommentID, text: String, html: String, editedAt: Date) async throws {
        // A placeholder's text is gone for good: editing it would bring a deleted comment back.
        let changed = try await rows(
            """
            UPDATE comments SET body_text = \(text), body_html = \(html), edited_at = \(editedAt.stored)
            WHERE id = \(id.rawValue) AND deleted_at IS NULL
            RETURNING id
            """)
        guard changed.count == 1 else { throw StoreError.missing("comment") }
    }

    public func deleteComment(id: CommentID, at date: Date) async throws -> CommentDeletion {
        try await transaction { connection in
            try await Self.lockThread(of: id, connection, logger)
            return try await Self.deleteLocked(id, at: date, connection, logger)
        }
    }

    /// `deleteComment` once its thread is locked by the caller's transaction: what deleting an
    /// account repeats for each of the member's comments, under locks it took all at once.
    static func deleteLocked(
        _ id: CommentID, at date: Date, _ connection: PostgresConnection,
        _ logger: Logger
    ) async throws -> CommentDeletion {
        let found = try await connection.rows(
            """
            SELECT post_id, path, deleted_at IS NOT NULL,
                   EXISTS (SELECT 1 FROM comments AS reply WHERE reply.parent_id = comment.id), status = 'visible'
            FROM comments AS comment WHERE id = \(id.rawValue)
            """, logger
        ).first?.decode((Int64, String, Bool, Bool, Bool).self)
        guard let (postID, path, deleted, hasReplies, visible) = found else { throw StoreError.missing("comment") }
        // Deleting twice must not count twice.
        if deleted { return .placeholder }
        // Only visible comments were counted: a held or removed one takes nothing away.
        if visible { try await Self.adjustCounts(connection, logger, postID: PostID(postID), path: path, by: -1) }
        // A placeholder is not pinned (a row deleted for good is unpinned by its foreign key too).
        try await Self.unpin(id, connection, logger)
        if hasReplies {
            // The author asked for the words to go; only the thread's shape stays.
            try await connection.query(
                """
                UPDATE comments SET deleted_at = \(date.stored), body_text = '', body_html = '' WHERE id = \(id.rawValue)
                """, logger: logger)
            return .placeholder
        }
        // Its likes go with it (ON DELETE CASCADE).
        try await connection.query("DELETE FROM comments WHERE id = \(id.rawValue)", logger: logger)
        try await Self.pruneAbove(path: path, connection, logger)
        return .removed
    }

    /// Removes the placeholders above the comment just removed from `path` that it alone kept
    /// alive: walking up from its parent, each placeholder whose only reply is the one below it
    /// that goes. The ancestors' ids come from the path, so one read sees them all and one
    /// statement removes them. They were already taken out of every count when they became
    /// placeholders.
    static func pruneAbove(path: String, _ connection: PostgresConnection, _ logger: Logger) async throws {
        let ancestors = CommentPath.ancestorIDs(ofPath: path)
        guard !ancestors.isEmpty else { return }
        var state: [Int64: (deleted: Bool, replies: Int)] = [:]
        for row in try await connection.rows(
            """
            SELECT id, deleted_at IS NOT NULL,
                   (SELECT COUNT(*) FROM (SELECT 1 FROM comments AS reply WHERE reply.parent_id = ancestor.id LIMIT 2) AS r)
            FROM comments AS ancestor WHERE id = ANY(\(ancestors.map(\.rawValue)))
            """, logger)
        {
            let (id, deleted, replies) = try row.decode((Int64, Bool, Int).self)
            state[id] = (deleted, replies)
        }
        var removed: [Int64] = []
        for ancestor in ancestors.reversed() {
            // The parent has lost its reply already; each one above still counts the one below.
            let keptAliveOnlyBy = removed.isEmpty ? 0 : 1
            guard let found = state[ancestor.rawValue], found.deleted, found.replies == keptAliveOnlyBy else { break }
            removed.append(ancestor.rawValue)
        }
        guard !removed.isEmpty else { return }
        try await connection.query("DELETE FROM comments WHERE id = ANY(\(removed))", logger: logger)
    }

    // MARK: Reading

    public func comment(id: CommentID) async throws -> Comment? {
        try await comments("SELECT \(unescaped: Self.commentColumns) FROM comments WHERE id = \(id.rawValue)").first
    }

    public func comment(id: CommentID, visibleTo visibility: CommentVisibility) async throws -> Comment? {
        try await comments(
            """
            SELECT \(unescaped: Self.commentColumns) FROM comments
            WHERE id = \(id.rawValue) AND \(unescaped: Self.shownFilter(visibility))
            """
        ).first.map(visibility.redacted)
    }

    public func rootComments(
        postID: PostID, sort: CommentSort, after cursor: CommentCursor?, limit: Int, visibleTo visibility: CommentVisibility
    ) async throws -> [Comment] {
        guard limit > 0 else { return [] }
        return visibility.redacted(
            try await comments(
                Self.rootsQuery(postID: postID, sort: sort, after: cursor, limit: limit, visibility: visibility)))
    }

    /// A page of roots: each a seek of the sort's partial index and a walk of `limit` entries
    /// (the visibility condition only filters the rows the walk meets).
    static func rootsQuery(
        postID: PostID, sort: CommentSort, after cursor: CommentCursor?, limit: Int, visibility: CommentVisibility = .everyone
    ) -> PostgresQuery {
        let post = postID.rawValue
        let shown = shownFilter(visibility)
        switch (sort, cursor) {
        case (.top, nil):
            return """
                SELECT \(unescaped: commentColumns) FROM comments
                WHERE post_id = \(post) AND parent_id IS NULL AND \(unescaped: shown)
                ORDER BY like_count DESC, created_at, id LIMIT \(limit)
                """
        case (.top, let cursor?):
            // Two seeks of comments_roots_top (the cursor's like count after it in time, then
            // fewer likes) instead of one OR, which no index answers as a range; one round trip.
            // The merge sorts the first part's rows again (at most `limit` of them): PostgreSQL
            // drops a fixed column from an order, so it cannot tell that they are in order already.
            let likes = cursor.likeCount
            return """
                SELECT \(unescaped: commentColumns) FROM (
                    (SELECT \(unescaped: commentColumns) FROM comments
                     WHERE post_id = \(post) AND parent_id IS NULL AND like_count = \(likes)
                       AND (created_at, id) > (\(cursor.createdAtMilliseconds), \(cursor.id.rawValue)) AND \(unescaped: shown)
                     ORDER BY created_at, id LIMIT \(limit))
                    UNION ALL
                    (SELECT \(unescaped: commentColumns) FROM comments
                     WHERE post_id = \(post) AND parent_id IS NULL AND like_count < \(likes) AND \(unescaped: shown)
                     ORDER BY like_count DESC, created_at, id LIMIT \(limit))
                ) AS page
                ORDER BY like_count DESC, created_at, id LIMIT \(limit)
                """
        case (.old, _):
            // Before every real key: ids start at 1.
            let after = cursor.map { ($0.createdAtMilliseconds, $0.id.rawValue) } ?? (Int64.min, 0)
            return """
                SELECT \(unescaped: commentColumns) FROM comments
                WHERE post_id = \(post) AND parent_id IS NULL AND (created_at, id) > (\(after.0), \(after.1)) AND \(unescaped: shown)
                ORDER BY created_at, id LIMIT \(limit)
                """
        case (.new, _):
            let before = cursor.map { ($0.createdAtMilliseconds, $0.id.rawValue) } ?? (Int64.max, Int64.max)
            return """
                SELECT \(unescaped: commentColumns) FROM comments
                WHERE post_id = \(post) AND parent_id IS NULL AND (created_at, id) < (\(before.0), \(before.1)) AND \(unescaped: shown)
                ORDER BY created_at DESC, id DESC LIMIT \(limit)
                """
        }
    }

    /// A subtree is the range of paths `lower < path < upper` of the path index (C collation, so
    /// byte order). To continue after a reply, the lower bound moves up to its resume path:
    /// `path > resume` is `path >= resume`, since a resume path is never a real one.
    static func descendantsQuery(
        lower: String, upper: String, maxDepth: Int, limit: Int, visibility: CommentVisibility = .everyone
    ) -> PostgresQuery {
        """
        SELECT \(unescaped: commentColumns) FROM comments
        WHERE path > \(lower) AND path < \(upper) AND depth <= \(maxDepth) AND \(unescaped: shownFilter(visibility))
        ORDER BY path LIMIT \(limit)
        """
    }

    public func descendants(
        of top: Comment, maxDepth: Int, afterReply: CommentID?, limit: Int, visibleTo visibility: CommentVisibility
    ) async throws -> [Comment] {
        guard limit > 0 else { return [] }
        let (lower, upper) = CommentPath.descendantRange(of: top.path)
        guard afterReply != nil || top.descendantCount > Limits.windowScanLimit else {
            return visibility.redacted(
                try await comments(
                    Self.descendantsQuery(lower: lower, upper: upper, maxDepth: maxDepth, limit: limit, visibility: visibility)))
        }
        return visibility.redacted(
            try await withConnection { connection in
                var start = lower
                if let afterReply { start = try await Self.resumePath(connection, logger, top: top, after: afterReply) }
                return try await Self.window(
                    connection, logger, top: top, from: start, upper: upper, maxDepth: maxDepth, limit: limit,
                    visibility: visibility)
            })
    }

    /// The window below `top` starting after path `start`: one range scan for a small subtree;
    /// for a big one, a walk that seeks each shown comment's replies (index comments_parent_path),
    /// so the rows read are the rows shown, however big the subtree.
    static func window(
        _ connection: PostgresConnection, _ logger: Logger, top: Comment, from start: String, upper: String,
        maxDepth: Int, limit: Int, visibility: CommentVisibility
    ) async throws -> [Comment] {
        guard top.descendantCount > Limits.windowScanLimit else {
            return try await connection.rows(
                descendantsQuery(lower: start, upper: upper, maxDepth: maxDepth, limit: limit, visibility: visibility), logger
            ).map(decodeComment)
        }
        // Depth-first, as SQLite's walk: one read per visited comment fetches as many of its
        // replies as the window still has room for; each is shown, then its own replies.
        var shown: [Comment] = []
        func visit(_ node: Comment, after: String) async throws {
            // For everyone, a comment without visible descendants has nothing below it to show;
            // held and removed replies are not counted, so other eyes look below every comment.
            guard node.depth < maxDepth, node.descendantCount > 0 || visibility != .everyone, shown.count < limit
            else { return }
            let replies = try await connection.rows(
                """
                SELECT \(unescaped: commentColumns) FROM comments
                WHERE parent_id = \(node.id.rawValue) AND path > \(after) AND \(unescaped: shownFilter(visibility))
                ORDER BY path LIMIT \(limit - shown.count)
                """, logger
            ).map(decodeComment)
            for reply in replies where shown.count < limit {
                shown.append(reply)
                try await visit(reply, after: CommentPath.descendantRange(of: reply.path).lower)
            }
        }
        try await visit(top, after: start)
        return shown
    }

    /// The windows of a page's threads in one statement, so one round trip: a lateral join runs
    /// the descendants read once per top, each a range of the path index.
    public func descendantWindows(
        of tops: [Comment], relativeDepth: Int, limit: Int, visibleTo visibility: CommentVisibility
    ) async throws -> [CommentID: [Comment]] {
        // Held and removed replies are not counted: only everyone's reads can skip a top without visible ones.
        let wanted = tops.filter {
            ($0.descendantCount > 0 || visibility != .everyone) && $0.descendantCount <= Limits.windowScanLimit
        }
        let big = tops.filter { $0.descendantCount > Limits.windowScanLimit }
        guard limit > 0, !(wanted.isEmpty && big.isEmpty) else { return [:] }
        var windows: [CommentID: [Comment]] = [:]
        // Big subtrees are walked (see `window`), on one connection; the rest in one statement.
        if !big.isEmpty {
            windows = try await withConnection { connection in
                var walked: [CommentID: [Comment]] = [:]
                for top in big {
                    let (lower, upper) = CommentPath.descendantRange(of: top.path)
                    walked[top.id] = try await Self.window(
                        connection, logger, top: top, from: lower, upper: upper,
                        maxDepth: top.depth + relativeDepth, limit: limit, visibility: visibility
                    ).map(visibility.redacted)
                }
                return walked
            }
        }
        guard !wanted.isEmpty else { return windows }
        for top in wanted where top.descendantCount > 0 { windows[top.id] = [] }
        for row in try await rows(
            Self.windowsQuery(of: wanted, relativeDepth: relativeDepth, limit: limit, visibility: visibility))
        {
            // The top's id follows the comment's columns.
            let topID = try row.makeRandomAccess()[Self.commentColumnCount].decode(Int64.self)
            windows[CommentID(topID), default: []].append(visibility.redacted(try Self.decodeComment(row)))
        }
        return windows
    }

    static func windowsQuery(
        of tops: [Comment], relativeDepth: Int, limit: Int, visibility: CommentVisibility = .everyone
    ) -> PostgresQuery {
        let ranges = tops.map { CommentPath.descendantRange(of: $0.path) }
        let topIDs = tops.map(\.id.rawValue)
        let lowers = ranges.map(\.lower)
        let uppers = ranges.map(\.upper)
        let maxDepths = tops.map { $0.depth + relativeDepth }
        return """
            SELECT below.*, tops.top_id
            FROM unnest(\(topIDs), \(lowers), \(uppers), \(maxDepths)) AS tops (top_id, lower_path, upper_path, max_depth)
            CROSS JOIN LATERAL (
                SELECT \(unescaped: commentColumns) FROM comments
                WHERE path > tops.lower_path AND path < tops.upper_path AND depth <= tops.max_depth
                  AND \(unescaped: shownFilter(visibility))
                ORDER BY path LIMIT \(limit)
            ) AS below
            ORDER BY tops.top_id, below.path
            """
    }

    /// Where a page continuing after `reply` (a direct reply of `top`) starts (see `CommentPath.resumePath`).
    static func resumePath(
        _ connection: PostgresConnection, _ logger: Logger, top: Comment,
        after reply: CommentID
    ) async throws -> String {
        let stored = try await connection.rows("SELECT path FROM comments WHERE id = \(reply.rawValue)", logger)
            .first?.decode(String.self)
        return CommentPath.resumePath(after: reply, storedPath: stored, below: top)
    }

    public func countDescendants(of top: Comment, throughReply reply: CommentID) async throws -> Int {
        try await withConnection { connection in
            // Each earlier reply with its subtree, from its counter: the work follows the number
            // of replies already shown, not the size of their subtrees.
            let end = try await Self.resumePath(connection, logger, top: top, after: reply)
            return try await connection.rows(
                """
                SELECT COALESCE(SUM(descendant_count + CASE WHEN deleted_at IS NULL AND status = 'visible' THEN 1 ELSE 0 END), 0)::BIGINT
                FROM comments WHERE parent_id = \(top.id.rawValue) AND path < \(end)
                """, logger)[0].decode(Int.self)
        }
    }

    public func ancestors(of comment: Comment, visibleTo visibility: CommentVisibility) async throws -> [Comment] {
        let ids = CommentPath.ancestorIDs(ofPath: comment.path).map(\.rawValue)
        guard !ids.isEmpty else { return [] }
        return visibility.redacted(
            try await comments(
                """
                SELECT \(unescaped: Self.commentColumns) FROM comments WHERE id = ANY(\(ids)) ORDER BY depth
                """))
    }
}
