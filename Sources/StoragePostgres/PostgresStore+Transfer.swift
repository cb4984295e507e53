import Domain
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    public func exportSite() async throws -> SiteData {
        // One snapshot for every table, so the copy is of one moment even while others write.
        try await transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { connection in
            let publication =
                try await connection.rows("SELECT \(unescaped: Self.publicationColumns) FROM publication WHERE id = 1", logger)
                .first.map(Self.decodePublication) ?? .placeholder
            let members = try await connection.rows(
                """
                SELECT \(unescaped: Self.memberColumns), members.password_hash FROM members ORDER BY id
                """, logger
            ).map { row in
                SiteData.MemberRow(
                    member: try Self.decodeMember(row),
                    passwordHash: try row.makeRandomAccess()[Self.memberColumnCount].decode(String?.self))
            }
            let sessions = try await connection.rows(
                """
                SELECT token_hash, member_id, created_at, expires_at FROM sessions ORDER BY token_hash COLLATE "C"
                """, logger
            ).map { row in
                let (token, member, created, expires) = try row.decode((String, Int64, Int64, Int64).self)
                return SiteData.SessionRow(
                    tokenHash: token, memberID: MemberID(member),
                    createdAt: Date(millisecondsSince1970: created),
                    expiresAt: Date(millisecondsSince1970: expires))
            }
            let posts = try await connection.rows("SELECT \(unescaped: Self.postColumns) FROM posts ORDER BY id", logger)
                .map(Self.decodePost)
            let comments = try await connection.rows(
                """
                SELECT \(unescaped: Self.transferCommentColumns) FROM comments ORDER BY path
                """, logger
            ).map(Self.decodeTransferComment)
            let likes = try await connection.rows(
                """
                SELECT comment_id, member_id, created_at FROM likes ORDER BY comment_id, member_id
                """, logger
            ).map { row in
                let (comment, member, created) = try row.decode((Int64, Int64, Int64).self)
                return SiteData.LikeRow(
                    commentID: CommentID(comment), memberID: MemberID(member),
                    createdAt: Date(millisecondsSince1970: created))
            }
            let subscribers = try await connection.rows(
                """
                SELECT id, email, status, created_at, confirm_token_hash, confirm_requested_at, confirmed_at, source, left_at
                FROM subscribers ORDER BY id
                """, logger
            ).map { row in
                let (id, email, status, created, tokenHash, requested, confirmed, source, left) = try row.decode(
                    (Int64, String, String, Int64, String?, Int64?, Int64?, String, Int64?).self)
                return SiteData.SubscriberRow(
                    id: SubscriberID(id), email: email, status: status,
                    createdAt: Date(millisecondsSince1970: created),
                    confirmTokenHash: tokenHash, confirmRequestedAt: requested.date,
                    confirmedAt: confirmed.date, source: source, leftAt: left.date)
            }
            let avatars = try await connection.rows(
                """
                SELECT member_id, content_type, bytes, version, updated_at FROM avatars ORDER BY member_id
                """, logger
            ).map { row in
                let (member, contentType, bytes, version, updated) = try row.decode((Int64, String, Data, String, Int64).self)
                return SiteData.AvatarRow(
                    memberID: MemberID(member),
                    avatar: AvatarImage(
                        contentType: contentType, bytes: bytes, version: version,
                        updatedAt: Date(millisecondsSince1970: updated)))
            }
            let follows = try await connection.rows(
                """
                SELECT member_id, post_id, created_at FROM follows ORDER BY member_id, post_id
                """, logger
            ).map { row in
                let (member, post, created) = try row.decode((Int64, Int64, Int64).self)
                return SiteData.FollowRow(
                    memberID: MemberID(member), postID: PostID(post),
                    createdAt: Date(millisecondsSince1970: created))
            }
            var secrets: [String: String] = [:]
            for row in try await connection.rows("SELECT name, value FROM site_secrets", logger) {
                let (name, value) = try row.decode((String, String).self)
                secrets[name] = value
            }
            return SiteData(
                publication: publication, members: members, sessions: sessions, posts: posts,
                comments: comments, likes: likes, subscribers: subscribers, avatars: avatars,
                follows: follows, secrets: secrets, moderation: try await Self.exportModeration(connection, logger),
                spamModel: try await Self.exportSpamModel(connection, logger),
                writer: try await Self.exportWriter(connection, logger),
                imports: try await Self.exportImports(connection, logger))
        }
    }

    public func writeSite(_ data: SiteData, replacingExisting: Bool) async throws {
        try await transaction { connection in
            if replacingExisting { try await Self.eraseAll(connection, logger) }
            guard try await Self.isEmpty(connection, logger) else { throw StoreError.duplicate(field: "site") }
            try await connection.query(Self.writePublication(data.publication), logger: logger)
            // The name key is not part of a member as copied: it is made from the name, as
            // every write of a name makes it.
            try await Self.insertRows(
                connection, logger, into: "members",
                columns: [
                    "id", "email", "display_name", "name_key", "bio", "role", "password_hash",
                    "created_at", "notify_replies", "notify_mentions", "avatar_version",
                    "deleted_at", "kind", "website",
                ],
                data.members.map { row in
                    let m = row.member
                    return [
                        .int(m.id.rawValue), .text(m.email), .text(m.displayName),
                        .text(NameKey.of(m.displayName)), .text(m.bio), .text(m.role.rawValue),
                        .text(row.passwordHash), .int(m.createdAt.stored), .bool(m.notifyReplies),
                        .bool(m.notifyMentions), .text(m.avatarVersion), .int(m.deletedAt?.stored),
                        .text(m.kind.rawValue), .text(m.website),
                    ]
                })
            try await Self.insertRows(
                connection, logger, into: "sessions",
                columns: ["token_hash", "member_id", "created_at", "expires_at"],
                data.sessions.map { row in
                    [
                        .text(row.tokenHash), .int(row.memberID.rawValue), .int(row.createdAt.stored),
                        .int(row.expiresAt.stored),
                    ]
                })
            try await Self.insertRows(
                connection, logger, into: "posts",
                columns: [
                    "id", "slug", "title", "subtitle", "body_markdown", "body_html", "author_id",
                    "state", "audience", "discussion", "published_at", "created_at",
                    "comment_count", "auto_close_days", "cover_image", "sends_email", "updated_at", "revision",
                    "page_url",
                ],
                data.posts.map { p in
                    [
                        .int(p.id.rawValue), .text(p.slug), .text(p.title), .text(p.subtitle),
                        .text(p.bodyMarkdown), .text(p.bodyHTML), .int(p.authorID.rawValue),
                        .text(p.state.rawValue), .text(p.audience.rawValue), .text(p.discussion.rawValue),
                        .int(p.publishedAt?.stored), .int(p.createdAt.stored), .int(Int64(p.commentCount)),
                        .int(p.autoCloseDays.map(Int64.init)), .text(p.coverImage?.rawValue), .bool(p.sendsEmail),
                        .int(p.updatedAt?.stored), .int(Int64(p.revision)), .text(p.pageURL?.text),
                    ]
                })
            // In path order, parents first: each statement's rows then only refer to rows
            // already there or in the same statement.
            try await Self.insertRows(
                connection, logger, into: "comments",
                columns: [
                    "id", "post_id", "parent_id", "root_id", "depth", "path", "author_id",
                    "body_text", "body_html", "created_at", "edited_at", "deleted_at",
                    "like_count", "descendant_count", "status", "featured_at",
                ],
                data.comments.map { c in
                    [
                        .int(c.id.rawValue), .int(c.postID.rawValue), .int(c.parentID?.rawValue),
                        .int(c.rootID.rawValue), .int(Int64(c.depth)), .text(c.path),
                        .int(c.authorID.rawValue), .text(c.bodyText), .text(c.bodyHTML),
                        .int(c.createdAt.stored), .int(c.editedAt?.stored), .int(c.deletedAt?.stored),
                        .int(Int64(c.likeCount)), .int(Int64(c.descendantCount)), .text(c.status.rawValue),
                        .int(c.featuredAt?.stored),
                    ]
                })
            // Pins point at comments, which come after the posts.
            let pinned = data.posts.compactMap { p in p.pinnedCommentID.map { (p.id.rawValue, $0.rawValue) } }
            if !pinned.isEmpty {
                try await connection.query(
                    """
                    UPDATE posts SET pinned_comment_id = pin.comment_id
                    FROM unnest(\(pinned.map(\.0))::bigint[], \(pinned.map(\.1))::bigint[]) AS pin (post_id, comment_id)
                    WHERE posts.id = pin.post_id
                    """, logger: logger)
            }
            try await Self.insertRows(
                connection, logger, into: "likes", columns: ["comment_id", "member_id", "created_at"],
                data.likes.map { row in
                    [.int(row.commentID.rawValue), .int(row.memberID.rawValue), .int(row.createdAt.stored)]
                })
            try await Self.insertRows(
                connection, logger, into: "subscribers",
                columns: [
                    "id", "email", "status", "created_at", "confirm_token_hash",
                    "confirm_requested_at", "confirmed_at", "source", "left_at",
                ],
                data.subscribers.map { row in
                    [
                        .int(row.id.rawValue), .text(row.email), .text(row.status),
                        .int(row.createdAt.stored), .text(row.confirmTokenHash),
                        .int(row.confirmRequestedAt?.stored), .int(row.confirmedAt?.stored), .text(row.source),
                        .int(row.leftAt?.stored),
                    ]
                })
            try await Self.insertRows(
                connection, logger, into: "avatars",
                columns: ["member_id", "content_type", "bytes", "version", "updated_at"],
                data.avatars.map { row in
                    [
                        .int(row.memberID.rawValue), .text(row.avatar.contentType), .bytes(row.avatar.bytes),
                        .text(row.avatar.version), .int(row.avatar.updatedAt.stored),
                    ]
                },
                // Images, not numbers: a few per statement keeps each message small.
                rowsPerStatement: 8)
            try await Self.insertRows(
                connection, logger, into: "follows", columns: ["member_id", "post_id", "created_at"],
                data.follows.map { row in
                    [.int(row.memberID.rawValue), .int(row.postID.rawValue), .int(row.createdAt.stored)]
                })
            try await Self.importModeration(data.moderation, connection, logger)
            // Secrets are not part of what makes a site empty: a new site may have made its own
            // before the copy arrives. The copy's secrets replace them, so links signed by the
            // old site still work.
            try await connection.query("DELETE FROM site_secrets", logger: logger)
            try await Self.insertRows(
                connection, logger, into: "site_secrets", columns: ["name", "value"],
                data.secrets.sorted { $0.key < $1.key }.map { [.text($0.key), .text($0.value)] })
            try await Self.writeSpamModel(connection, logger, data.spamModel)
            try await Self.importWriter(data.writer, connection, logger)
            try await Self.importImports(data.imports, connection, logger)
            // Rows written with their ids leave the identity sequences where they were; move
            // each past the highest id copied (never back), so new rows do not collide.
            for table in ["members", "posts", "comments", "subscribers", "comment_reports", "audit_log"] {
                try await connection.query(
                    PostgresQuery(
                        unsafeSQL: """
                            SELECT setval(sequence, GREATEST(highest, COALESCE(pg_sequence_last_value(sequence), 0)))
                            FROM (SELECT pg_get_serial_sequence('\(table)', 'id')::regclass AS sequence,
                                         (SELECT MAX(id) FROM \(table)) AS highest) AS s
                            WHERE highest IS NOT NULL
                            """), logger: logger)
            }
        }
    }

    public func isEmptySite() async throws -> Bool {
        try await withConnection { connection in try await Self.isEmpty(connection, logger) }
    }

    public func eraseSite() async throws {
        try await transaction { connection in try await Self.eraseAll(connection, logger) }
    }

    static func eraseAll(_ connection: PostgresConnection, _ logger: Logger) async throws {
        // Children first: the foreign keys hold throughout. DELETE rather than TRUNCATE,
        // which would wait for every other instance's open transaction on these tables.
        // The outbox stays: mail already queued is still owed to its recipients.
        for table in [
            "import_keys", "isso_votes", "audit_log", "comment_reports", "comment_moderation", "bans", "mutes", "moderation_settings",
            "likes", "notifications",
            "follows", "avatars", "newsletter_sends", "post_slugs", "comments", "sessions", "posts",
            "sign_in_tokens", "subscribers", "uploads", "members", "site_secrets", "publication", "spam_features", "spam_classes",
        ] {
            try await connection.query(PostgresQuery(unsafeSQL: "DELETE FROM \(table)"), logger: logger)
        }
    }

    static func isEmpty(_ connection: PostgresConnection, _ logger: Logger) async throws -> Bool {
        try await connection.rows(
            """
            SELECT 1 FROM members UNION ALL SELECT 1 FROM posts UNION ALL SELECT 1 FROM subscribers LIMIT 1
            """, logger
        ).isEmpty
    }

    /// One value of a row being copied: the column types the schema uses.
    enum Cell {
        case int(Int64?)
        case double(Double?)
        case text(String?)
        case bool(Bool)
        case bytes(Data)
    }

    /// Inserts `rows` with multi-row VALUES statements, each well under PostgreSQL's 65,535
    /// bound parameters: a large site copies in a few round trips per table instead of one per
    /// row. The SQL is made only of the names given here and `$n` placeholders; every value is
    /// bound.
    static func insertRows(
        _ connection: PostgresConnection, _ logger: Logger, into table: String, columns: [String],
        _ rows: [[Cell]], rowsPerStatement most: Int = .max
    ) async throws {
        let rowsPerStatement = max(1, min(most, 30_000 / columns.count))
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(start + rowsPerStatement, rows.count)]
            start += chunk.count
            var binds = PostgresBindings(capacity: chunk.count * columns.count)
            var tuples: [String] = []
            tuples.reserveCapacity(chunk.count)
            for row in chunk {
                var marks: [String] = []
                for cell in row {
                    switch cell {
                    case .int(let value?): binds.append(value)
                    case .text(let value?): binds.append(value)
                    case .double(let value?): binds.append(value)
                    case .bool(let value): binds.append(value)
                    case .bytes(let value): try binds.append(value)
                    case .int(nil), .text(nil), .double(nil): binds.appendNull()
                    }
                    marks.append("$\(binds.count)")
                }
                tuples.append("(\(marks.joined(separator: ", ")))")
            }
            let sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES \(tuples.joined(separator: ", "))"
            try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
        }
    }
}
