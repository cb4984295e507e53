import Domain
import Foundation
import GRDB
import Storage

/// The import keys and bulk writes of imports (`ImportStore`).
extension SQLiteStore {
    public func importedKeys(source: String, kind: ImportKeyKind, among externalIDs: [String]) async throws -> Set<String> {
        guard !externalIDs.isEmpty else { return [] }
        return try await read { db in
            var found: Set<String> = []
            // In slices, to stay far below SQLite's limit on bound parameters.
            for chunk in Array(Set(externalIDs)).chunked(500) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                let keys = try db.fetch(
                    "SELECT external_id FROM import_keys WHERE source = ? AND kind = ? AND external_id IN (\(marks))",
                    StatementArguments([source, kind.rawValue] + Array(chunk))
                ) { $0[0] as String }
                found.formUnion(keys)
            }
            return found
        }
    }

    public func importBatch(_ batch: ImportBatch) async throws -> ImportBatchOutcome {
        try await write { db in
            var writer = SQLiteImportWriter(db: db, source: batch.source, at: batch.at)
            for step in batch.steps {
                switch step {
                case .author(let key, let email, let name, let website, let at):
                    try writer.author(key: key, email: email, name: name, website: website, at: at)
                case .discussion(let key, let target):
                    try writer.discussion(key: key, target: target)
                case .comment(let row):
                    try writer.comment(row)
                }
            }
            return writer.outcome
        }
    }

    public func pruneImportedPlaceholders(source: String) async throws -> Int {
        try await write { db in
            var removed = 0
            // Each round removes the placeholders at the bottom of their chains; bounded by the
            // deepest thread (`Limits.maxDepth`), with room to spare.
            for _ in 0...(Limits.maxDepth + 2) {
                let ids = try db.fetch(
                    """
                    SELECT c.id FROM import_keys k JOIN comments c ON c.id = k.local_id
                    WHERE k.source = ? AND k.kind = 'comment' AND c.deleted_at IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM comments r WHERE r.parent_id = c.id)
                    """, [source]
                ) { CommentID($0[0] as Int64) }
                if ids.isEmpty { break }
                for id in ids { try Self.remove(db, id) }
                removed += ids.count
            }
            return removed
        }
    }

    public func turnGuestIntoAccount(memberID: MemberID) async throws -> Bool {
        try await write { db in
            try db.run(
                "UPDATE members SET kind = 'account', notify_replies = 1, notify_mentions = 1 WHERE id = ? AND kind = 'guest'",
                [memberID.rawValue]) == 1
        }
    }
}

/// One import batch's writes inside its transaction, with the keys it resolved kept for the
/// batch (a thread's or an author's key is looked up once, not once per comment).
struct SQLiteImportWriter {
    let db: Database
    let source: String
    let at: Date
    var outcome = ImportBatchOutcome()
    private var known: [String: Int64] = [:]

    init(db: Database, source: String, at: Date) {
        self.db = db
        self.source = source
        self.at = at
    }

    mutating func localID(_ kind: ImportKeyKind, _ key: String) throws -> Int64? {
        let cacheKey = kind.rawValue + "\u{0}" + key
        if let id = known[cacheKey] { return id }
        let id = try SQLiteStore.importedID(source: source, kind: kind.rawValue, externalID: key, db)
        if let id { known[cacheKey] = id }
        return id
    }

    mutating func record(_ kind: ImportKeyKind, _ key: String, _ id: Int64) throws {
        try SQLiteStore.insertImportKey(source: source, kind: kind.rawValue, externalID: key, localID: id, at: at, db)
        known[kind.rawValue + "\u{0}" + key] = id
    }

    mutating func author(key: String, email: String?, name: String, website: String?, at joined: Date) throws {
        guard try localID(.author, key) == nil else { return }
        var address = email
        if let email,
            let (id, role) = try db.fetchFirst(
                "SELECT id, role FROM members WHERE email = ? AND deleted_at IS NULL", [email], { ($0[0] as Int64, $0[1] as String) })
        {
            // An export's addresses were typed by commenters, never proven: one that names
            // staff would put their name and badge on someone else's words.
            guard role == Role.member.rawValue else {
                address = nil
                outcome.staffAddresses.append(key)
                return try insertGuest(key: key, address: nil, name: name, website: website, at: joined)
            }
            try record(.author, key, id)
            outcome.authorsMatched += 1
            return
        }
        try insertGuest(key: key, address: address, name: name, website: website, at: joined)
    }

    /// A guest for an author, under `address` or a placeholder.
    mutating func insertGuest(key: String, address: String?, name: String, website: String?, at joined: Date) throws {
        // A deleted account's scrubbed address never matches, so the address is free here.
        try db.run(
            """
            INSERT INTO members (email, display_name, name_key, bio, role, password_hash, created_at, kind, website,
                                 notify_replies, notify_mentions)
            VALUES (?, ?, ?, '', 'member', NULL, ?, 'guest', ?, 0, 0)
            """, [address ?? GuestAddress.make(), name, NameKey.of(name), joined.stored, website])
        try record(.author, key, db.lastInsertedRowID)
        outcome.guestsMade += 1
    }

    mutating func discussion(key: String, target: ImportDiscussionTarget) throws {
        guard try localID(.thread, key) == nil else { return }
        switch target {
        case .post(let postID):
            guard try db.exists("SELECT 1 FROM posts WHERE id = ?", [postID.rawValue]) else { throw StoreError.missing("post") }
            try record(.thread, key, postID.rawValue)
            outcome.discussionsJoined += 1
        case .page(let url, let title, let slugs, let authorID, let published):
            if let id = try db.fetchFirst("SELECT id FROM posts WHERE page_url = ?", [url.text], { $0[0] as Int64 }) {
                try record(.thread, key, id)
                outcome.discussionsJoined += 1
                return
            }
            guard
                let slug = try slugs.first(where: {
                    try !db.exists("SELECT 1 FROM posts WHERE slug = ? UNION ALL SELECT 1 FROM post_slugs WHERE slug = ?", [$0, $0])
                })
            else { throw StoreError.duplicate(field: "slug") }
            try db.run(
                """
                INSERT INTO posts (slug, title, subtitle, body_markdown, body_html, author_id, state, audience,
                                   discussion, published_at, created_at, comment_count, page_url)
                VALUES (?, ?, '', '', '', ?, 'page', 'everyone', 'open', ?, ?, 0, ?)
                """, [slug, title, authorID.rawValue, published.stored, published.stored, url.text])
            try record(.thread, key, db.lastInsertedRowID)
            outcome.discussionsMade += 1
        }
    }

    mutating func comment(_ row: ImportCommentRow) throws {
        if try localID(.comment, row.key) != nil {
            outcome.alreadyImported.append(row.key)
            return
        }
        guard let postID = try localID(.thread, row.threadKey) else { throw StoreError.missing("thread \(row.threadKey)") }
        guard let authorID = try localID(.author, row.authorKey) else { throw StoreError.missing("author \(row.authorKey)") }
        var parent: (id: Int64, path: String, depth: Int, rootID: Int64)?
        if let parentKey = row.parentKey {
            if let parentID = try localID(.comment, parentKey) { parent = try commentRow(of: parentID, postID: postID) }
            if parent == nil { outcome.orphans.append(row.key) }
        }
        if let found = parent, found.depth >= Limits.maxDepth {
            // As a reply to a comment at the deepest level is attached to that comment's parent.
            if let above = CommentPath.ancestorIDs(ofPath: found.path).last {
                parent = try commentRow(of: above.rawValue, postID: postID)
            }
            outcome.flattened.append(row.key)
        }
        let id = try SQLiteStore.nextCommentID(db)
        let next = id.rawValue
        let path = CommentPath.path(for: id, under: parent?.path)
        let deletedAt: Int64? = row.fate == .placeholder ? at.stored : nil
        let status = row.fate == .held ? CommentStatus.held : .visible
        try db.run(
            """
            INSERT INTO comments (id, post_id, parent_id, root_id, depth, path, author_id, body_text, body_html,
                                  created_at, deleted_at, like_count, dislike_count, descendant_count, status)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
            """,
            [
                next, postID, parent?.id, parent?.rootID ?? next, parent.map { $0.depth + 1 } ?? 0, path, authorID,
                row.fate == .placeholder ? "" : row.text, row.fate == .placeholder ? "" : row.html,
                row.createdAt.truncatedToMilliseconds.stored, deletedAt, max(0, row.likes), max(0, row.dislikes),
                status.rawValue,
            ])
        try record(.comment, row.key, next)
        outcome.insertedComments.append(row.key)
        switch row.fate {
        case .visible:
            try SQLiteStore.adjustCounts(db, postID: PostID(postID), path: path, by: 1)
        case .held:
            let note = HoldNote(reason: .policy)
            try SQLiteStore.recordHoldNote(db, id, note)
            let comment = Comment(
                id: id, postID: PostID(postID), parentID: parent.map { CommentID($0.id) },
                rootID: CommentID(parent?.rootID ?? next), depth: parent.map { $0.depth + 1 } ?? 0, path: path,
                authorID: MemberID(authorID), bodyText: row.text, bodyHTML: row.html, createdAt: row.createdAt, editedAt: nil,
                deletedAt: nil, likeCount: row.likes, descendantCount: 0, status: .held)
            try SQLiteStore.appendCommentAudit(
                db,
                NewAuditEntry(at: at, actorID: nil, action: .hold, reason: note.reason.rawValue, after: row.text),
                about: comment)
        case .placeholder:
            break
        }
    }

    /// The comment `id`, if it is still there and in the discussion `postID`.
    private func commentRow(of id: Int64, postID: Int64) throws -> (id: Int64, path: String, depth: Int, rootID: Int64)? {
        try db.fetchFirst("SELECT id, path, depth, root_id FROM comments WHERE id = ? AND post_id = ?", [id, postID]) {
            (id: $0[0] as Int64, path: $0[1] as String, depth: $0[2] as Int, rootID: $0[3] as Int64)
        }
    }
}
