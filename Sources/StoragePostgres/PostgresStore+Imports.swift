import Domain
import Foundation
import Logging
import PostgresNIO
import Storage

/// The import keys and bulk writes of imports (`ImportStore`).
extension PostgresStore {
    public func importedKeys(source: String, kind: ImportKeyKind, among externalIDs: [String]) async throws -> Set<String> {
        guard !externalIDs.isEmpty else { return [] }
        let ids = Array(Set(externalIDs))
        var found: Set<String> = []
        for row in try await rows(
            "SELECT external_id FROM import_keys WHERE source = \(source) AND kind = \(kind.rawValue) AND external_id = ANY(\(ids))")
        {
            found.insert(try row.decode(String.self))
        }
        return found
    }

    public func importBatch(_ batch: ImportBatch) async throws -> ImportBatchOutcome {
        try await transaction { connection in
            var writer = PostgresImportWriter(connection: connection, logger: logger, source: batch.source, at: batch.at)
            try await writer.prefetch(batch.steps)
            for step in batch.steps {
                switch step {
                case .author(let key, let email, let name, let website, let at):
                    try await writer.author(key: key, email: email, name: name, website: website, at: at)
                case .discussion(let key, let target):
                    try await writer.discussion(key: key, target: target)
                case .comment(let row):
                    try await writer.comment(row)
                }
            }
            return writer.outcome
        }
    }

    public func pruneImportedPlaceholders(source: String) async throws -> Int {
        try await transaction { connection in
            var removed = 0
            // Each round removes the placeholders at the bottom of their chains; bounded by the
            // deepest thread (`Limits.maxDepth`), with room to spare. Their likes go with them
            // (ON DELETE CASCADE).
            for _ in 0...(Limits.maxDepth + 2) {
                let gone = try await connection.rows(
                    """
                    DELETE FROM comments c USING import_keys k
                    WHERE k.source = \(source) AND k.kind = 'comment' AND c.id = k.local_id AND c.deleted_at IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM comments r WHERE r.parent_id = c.id)
                    RETURNING c.id
                    """, logger
                ).count
                if gone == 0 { break }
                removed += gone
            }
            return removed
        }
    }

    public func turnGuestIntoAccount(memberID: MemberID) async throws -> Bool {
        try await !rows(
            """
            UPDATE members SET kind = 'account', notify_replies = TRUE, notify_mentions = TRUE
            WHERE id = \(memberID.rawValue) AND kind = 'guest' RETURNING id
            """
        ).isEmpty
    }
}

/// One import batch's writes inside its transaction, with the keys it resolved kept for the
/// batch (a thread's or an author's key is looked up once, not once per comment).
struct PostgresImportWriter {
    let connection: PostgresConnection
    let logger: Logger
    let source: String
    let at: Date
    var outcome = ImportBatchOutcome()
    private var known: [String: Int64] = [:]
    /// Set once `prefetch` read every key the batch names: a key not in `known` is not there.
    private var complete = false
    /// Comments the batch may hang replies under: their discussion and place in it.
    private var placed: [Int64: (postID: Int64, path: String, depth: Int, rootID: Int64)] = [:]

    init(connection: PostgresConnection, logger: Logger, source: String, at: Date) {
        self.connection = connection
        self.logger = logger
        self.source = source
        self.at = at
    }

    private func first<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type) async throws -> T? {
        try await connection.rows(query, logger).first?.decode(T.self)
    }

    /// Reads, in two round trips, every key the batch names and the comments its replies hang
    /// under, so that each step then costs one statement: over a network, round trips are what
    /// an import of a million comments spends its time on.
    mutating func prefetch(_ steps: [ImportStep]) async throws {
        var authors: [String] = []
        var threads: [String] = []
        var comments: [String] = []
        for step in steps {
            switch step {
            case .author(let key, _, _, _, _): authors.append(key)
            case .discussion(let key, _): threads.append(key)
            case .comment(let row):
                comments.append(row.key)
                if let parent = row.parentKey { comments.append(parent) }
                threads.append(row.threadKey)
                authors.append(row.authorKey)
            }
        }
        let found = try await connection.rows(
            """
            SELECT kind, external_id, local_id FROM import_keys
            WHERE source = \(source) AND ((kind = 'author' AND external_id = ANY(\(Array(Set(authors)))))
                OR (kind = 'thread' AND external_id = ANY(\(Array(Set(threads)))))
                OR (kind = 'comment' AND external_id = ANY(\(Array(Set(comments))))))
            """, logger)
        var commentIDs: [Int64] = []
        for row in found {
            let (kind, key, id) = try row.decode((String, String, Int64).self)
            known[kind + "\u{0}" + key] = id
            if kind == ImportKeyKind.comment.rawValue { commentIDs.append(id) }
        }
        complete = true
        guard !commentIDs.isEmpty else { return }
        for row in try await connection.rows(
            "SELECT id, post_id, path, depth, root_id FROM comments WHERE id = ANY(\(commentIDs))", logger)
        {
            let (id, postID, path, depth, rootID) = try row.decode((Int64, Int64, String, Int, Int64).self)
            placed[id] = (postID, path, depth, rootID)
        }
    }

    mutating func localID(_ kind: ImportKeyKind, _ key: String) async throws -> Int64? {
        let cacheKey = kind.rawValue + "\u{0}" + key
        if let id = known[cacheKey] { return id }
        if complete { return nil }
        let id = try await first(
            "SELECT local_id FROM import_keys WHERE source = \(source) AND kind = \(kind.rawValue) AND external_id = \(key)",
            as: Int64.self)
        if let id { known[cacheKey] = id }
        return id
    }

    mutating func record(_ kind: ImportKeyKind, _ key: String, _ id: Int64) async throws {
        // Only after `localID` found none, in this batch's transaction: a key already there is
        // another run's, and this batch must not go on beside it.
        guard
            try await PostgresStore.insertImportKey(
                source: source, kind: kind.rawValue, externalID: key, localID: id, at: at, connection, logger)
        else { throw StoreError.duplicate(field: "import key") }
        known[kind.rawValue + "\u{0}" + key] = id
    }

    mutating func author(key: String, email: String?, name: String, website: String?, at joined: Date) async throws {
        guard try await localID(.author, key) == nil else { return }
        var address = email
        if let email,
            let (id, role) = try await connection.rows(
                "SELECT id, role FROM members WHERE email = \(email) AND deleted_at IS NULL", logger
            ).first?.decode((Int64, String).self)
        {
            // An export's addresses were typed by commenters, never proven: one that names
            // staff would put their name and badge on someone else's words.
            if role == Role.member.rawValue {
                try await record(.author, key, id)
                outcome.authorsMatched += 1
                return
            }
            address = nil
            outcome.staffAddresses.append(key)
        }
        // A deleted account's scrubbed address never matches, so the address is free here.
        let stored = address ?? GuestAddress.make()
        let id = try await connection.rows(
            """
            INSERT INTO members (email, display_name, name_key, bio, role, password_hash, created_at, kind, website,
                                 notify_replies, notify_mentions)
            VALUES (\(stored), \(name), \(NameKey.of(name)), '', 'member', NULL, \(joined.millisecondsSince1970), 'guest',
                    \(website), FALSE, FALSE)
            RETURNING id
            """, logger)[0].decode(Int64.self)
        try await record(.author, key, id)
        outcome.guestsMade += 1
    }

    mutating func discussion(key: String, target: ImportDiscussionTarget) async throws {
        guard try await localID(.thread, key) == nil else { return }
        switch target {
        case .post(let postID):
            guard try await first("SELECT id FROM posts WHERE id = \(postID.rawValue)", as: Int64.self) != nil else {
                throw StoreError.missing("post")
            }
            try await record(.thread, key, postID.rawValue)
            outcome.discussionsJoined += 1
        case .page(let url, let title, let slugs, let authorID, let published):
            try await PostgresStore.lockSlugs(slugs, on: connection, logger)
            var chosen: String?
            for slug in slugs {
                let taken = try await !connection.rows(
                    "SELECT 1 FROM posts WHERE slug = \(slug) UNION ALL SELECT 1 FROM post_slugs WHERE slug = \(slug)", logger
                ).isEmpty
                if !taken {
                    chosen = slug
                    break
                }
            }
            // A page discussion the server made meanwhile (a first comment from the embed) wins.
            if let chosen,
                let id = try await first(
                    """
                    INSERT INTO posts (slug, title, subtitle, body_markdown, body_html, author_id, state, audience,
                                       discussion, published_at, created_at, comment_count, page_url)
                    VALUES (\(chosen), \(title), '', '', '', \(authorID.rawValue), 'page', 'everyone', 'open',
                            \(published.millisecondsSince1970), \(published.millisecondsSince1970), 0, \(url.text))
                    ON CONFLICT (page_url) WHERE page_url IS NOT NULL DO NOTHING
                    RETURNING id
                    """, as: Int64.self)
            {
                try await record(.thread, key, id)
                outcome.discussionsMade += 1
                return
            }
            guard let id = try await first("SELECT id FROM posts WHERE page_url = \(url.text)", as: Int64.self) else {
                throw StoreError.duplicate(field: "slug")
            }
            try await record(.thread, key, id)
            outcome.discussionsJoined += 1
        }
    }

    mutating func comment(_ row: ImportCommentRow) async throws {
        if try await localID(.comment, row.key) != nil {
            outcome.alreadyImported.append(row.key)
            return
        }
        guard let postID = try await localID(.thread, row.threadKey) else { throw StoreError.missing("thread \(row.threadKey)") }
        guard let authorID = try await localID(.author, row.authorKey) else { throw StoreError.missing("author \(row.authorKey)") }
        var parent: (id: Int64, path: String, depth: Int, rootID: Int64)?
        if let parentKey = row.parentKey {
            if let parentID = try await localID(.comment, parentKey) { parent = try await commentRow(of: parentID, postID: postID) }
            if parent == nil { outcome.orphans.append(row.key) }
        }
        if let found = parent, found.depth >= Limits.maxDepth {
            // As a reply to a comment at the deepest level is attached to that comment's parent.
            if let above = CommentPath.ancestorIDs(ofPath: found.path).last {
                parent = try await commentRow(of: above.rawValue, postID: postID)
            }
            outcome.flattened.append(row.key)
        }
        let placeholder = row.fate == .placeholder
        let deletedAt: Int64? = placeholder ? at.millisecondsSince1970 : nil
        let status = row.fate == .held ? CommentStatus.held : .visible
        let depth = parent.map { $0.depth + 1 } ?? 0
        let counted = row.fate == .visible ? 1 : 0
        let ancestors = parent.map { CommentPath.ancestorIDs(ofPath: $0.path).map(\.rawValue) + [$0.id] } ?? []
        // The id is drawn, the row, its key and the thread's counters written, in one statement
        // (one round trip); the path is the parent's and the id's 12-digit segment (`CommentPath`).
        let (next, path) = try await connection.rows(
            """
            WITH n AS (SELECT nextval(pg_get_serial_sequence('comments', 'id')) AS id),
            c AS (
                INSERT INTO comments (id, post_id, parent_id, root_id, depth, path, author_id, body_text, body_html,
                                      created_at, deleted_at, like_count, dislike_count, descendant_count, status)
                SELECT n.id, \(postID), \(parent?.id), COALESCE(\(parent?.rootID), n.id), \(depth),
                       \(parent.map { $0.path + "/" } ?? "") || lpad(n.id::text, \(unescaped: String(CommentPath.segmentWidth)), '0'), \(authorID),
                       \(placeholder ? "" : row.text), \(placeholder ? "" : row.html), \(row.createdAt.millisecondsSince1970),
                       \(deletedAt), \(max(0, row.likes)), \(max(0, row.dislikes)), 0, \(status.rawValue)
                FROM n
                RETURNING id, path
            ),
            k AS (
                INSERT INTO import_keys (source, kind, external_id, local_id, imported_at)
                SELECT \(source), 'comment', \(row.key), c.id, \(at.millisecondsSince1970) FROM c
            ),
            p AS (UPDATE posts SET comment_count = comment_count + \(counted) WHERE id = \(postID) AND \(counted) <> 0),
            a AS (UPDATE comments SET descendant_count = descendant_count + \(counted) WHERE id = ANY(\(ancestors)) AND \(counted) <> 0)
            SELECT id, path FROM c
            """, logger)[0].decode((Int64, String).self)
        let id = CommentID(next)
        known[ImportKeyKind.comment.rawValue + "\u{0}" + row.key] = next
        placed[next] = (postID, path, depth, parent?.rootID ?? next)
        outcome.insertedComments.append(row.key)
        switch row.fate {
        case .visible:
            break
        case .held:
            let note = HoldNote(reason: .policy)
            try await PostgresStore.recordHoldNote(id, note, connection, logger)
            let comment = Comment(
                id: id, postID: PostID(postID), parentID: parent.map { CommentID($0.id) },
                rootID: CommentID(parent?.rootID ?? next), depth: depth, path: path, authorID: MemberID(authorID),
                bodyText: row.text, bodyHTML: row.html, createdAt: row.createdAt, editedAt: nil, deletedAt: nil,
                likeCount: row.likes, descendantCount: 0, status: .held)
            try await PostgresStore.appendCommentAudit(
                NewAuditEntry(at: at, actorID: nil, action: .hold, reason: note.reason.rawValue, after: row.text),
                about: comment, connection, logger)
        case .placeholder:
            break
        }
    }

    /// The comment `id`, if it is still there and in the discussion `postID`.
    private mutating func commentRow(of id: Int64, postID: Int64) async throws -> (id: Int64, path: String, depth: Int, rootID: Int64)? {
        if placed[id] == nil,
            let found = try await connection.rows("SELECT post_id, path, depth, root_id FROM comments WHERE id = \(id)", logger).first
        {
            placed[id] = try found.decode((Int64, String, Int, Int64).self)
        }
        guard let found = placed[id], found.postID == postID else { return nil }
        return (id, found.path, found.depth, found.rootID)
    }
}
