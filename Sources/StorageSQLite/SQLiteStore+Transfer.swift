import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    public func exportSite() async throws -> SiteData {
        try await read { db in
            let publication =
                try db.fetchFirst("SELECT \(Self.publicationColumns) FROM publication WHERE id = 1", [], Self.decodePublication)
                ?? .placeholder
            let members = try db.fetch("SELECT \(Self.memberColumns), members.password_hash FROM members ORDER BY id") {
                SiteData.MemberRow(member: try Self.decodeMember($0), passwordHash: $0[Self.memberColumnCount])
            }
            let sessions = try db.fetch("SELECT token_hash, member_id, created_at, expires_at FROM sessions ORDER BY token_hash") {
                SiteData.SessionRow(tokenHash: $0[0], memberID: MemberID($0[1]), createdAt: $0.date(2), expiresAt: $0.date(3))
            }
            let posts = try db.fetch("SELECT \(Self.postColumns) FROM posts ORDER BY id", [], Self.decodePost)
            let comments = try db.fetch(
                "SELECT \(Self.transferCommentColumns) FROM comments ORDER BY path", [], Self.decodeTransferComment)
            let likes = try db.fetch("SELECT comment_id, member_id, created_at FROM likes ORDER BY comment_id, member_id") {
                SiteData.LikeRow(commentID: CommentID($0[0]), memberID: MemberID($0[1]), createdAt: $0.date(2))
            }
            let subscribers = try db.fetch(
                """
                SELECT id, email, status, created_at, confirm_token_hash, confirm_requested_at, confirmed_at, source, left_at
                FROM subscribers ORDER BY id
                """
            ) {
                SiteData.SubscriberRow(
                    id: SubscriberID($0[0] as Int64), email: $0[1], status: $0[2], createdAt: $0.date(3),
                    confirmTokenHash: $0[4], confirmRequestedAt: $0.optionalDate(5),
                    confirmedAt: $0.optionalDate(6), source: $0[7], leftAt: $0.optionalDate(8))
            }
            let avatars = try db.fetch("SELECT member_id, content_type, bytes, version, updated_at FROM avatars ORDER BY member_id") {
                SiteData.AvatarRow(
                    memberID: MemberID($0[0] as Int64),
                    avatar: AvatarImage(contentType: $0[1], bytes: $0[2], version: $0[3], updatedAt: $0.date(4)))
            }
            let follows = try db.fetch("SELECT member_id, post_id, created_at FROM follows ORDER BY member_id, post_id") {
                SiteData.FollowRow(memberID: MemberID($0[0] as Int64), postID: PostID($0[1] as Int64), createdAt: $0.date(2))
            }
            var secrets: [String: String] = [:]
            for (name, value) in try db.fetch("SELECT name, value FROM site_secrets", [], { ($0[0] as String, $0[1] as String) }) {
                secrets[name] = value
            }
            return SiteData(
                publication: publication, members: members, sessions: sessions, posts: posts, comments: comments,
                likes: likes, subscribers: subscribers, avatars: avatars, follows: follows, secrets: secrets,
                moderation: try Self.exportModeration(db), spamModel: try Self.exportSpamModel(db),
                writer: try Self.exportWriter(db), imports: try Self.exportImports(db))
        }
    }

    public func writeSite(_ data: SiteData, replacingExisting: Bool) async throws {
        try await write { db in
            if replacingExisting { try Self.eraseAll(db) }
            guard try Self.isEmpty(db) else { throw StoreError.duplicate(field: "site") }
            try Self.writePublication(data.publication, db)
            for row in data.members {
                let m = row.member
                // The name key is not a row of its own: it is made again from the name, as every write makes it.
                try db.run(
                    """
                    INSERT INTO members (id, email, display_name, name_key, bio, role, password_hash, created_at, notify_replies,
                                         notify_mentions, avatar_version, deleted_at, kind, website)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        m.id.rawValue, m.email, m.displayName, NameKey.of(m.displayName), m.bio, m.role.rawValue,
                        row.passwordHash, m.createdAt.stored, m.notifyReplies, m.notifyMentions, m.avatarVersion,
                        m.deletedAt?.stored, m.kind.rawValue, m.website,
                    ])
            }
            for row in data.sessions {
                try db.run(
                    "INSERT INTO sessions (token_hash, member_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                    [row.tokenHash, row.memberID.rawValue, row.createdAt.stored, row.expiresAt.stored])
            }
            for p in data.posts {
                try db.run(
                    """
                    INSERT INTO posts (id, slug, title, subtitle, body_markdown, body_html, author_id, state, audience, discussion,
                                       published_at, created_at, comment_count, auto_close_days, cover_image, sends_email,
                                       updated_at, revision, page_url)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        p.id.rawValue, p.slug, p.title, p.subtitle, p.bodyMarkdown, p.bodyHTML, p.authorID.rawValue, p.state.rawValue,
                        p.audience.rawValue, p.discussion.rawValue, p.publishedAt?.stored, p.createdAt.stored, p.commentCount,
                        p.autoCloseDays, p.coverImage?.rawValue, p.sendsEmail, p.updatedAt?.stored, p.revision,
                        p.pageURL?.text,
                    ])
            }
            for c in data.comments {
                try db.run(
                    """
                    INSERT INTO comments (\(Self.transferCommentColumns))
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        c.id.rawValue, c.postID.rawValue, c.parentID?.rawValue, c.rootID.rawValue, c.depth, c.path, c.authorID.rawValue,
                        c.bodyText, c.bodyHTML, c.createdAt.stored, c.editedAt?.stored, c.deletedAt?.stored, c.likeCount, c.descendantCount,
                        c.status.rawValue, c.featuredAt?.stored,
                    ])
            }
            // Pins point at comments, which come after the posts.
            for p in data.posts where p.pinnedCommentID != nil {
                try db.run("UPDATE posts SET pinned_comment_id = ? WHERE id = ?", [p.pinnedCommentID?.rawValue, p.id.rawValue])
            }
            for row in data.likes {
                try db.run(
                    "INSERT INTO likes (comment_id, member_id, created_at) VALUES (?, ?, ?)",
                    [row.commentID.rawValue, row.memberID.rawValue, row.createdAt.stored])
            }
            for row in data.subscribers {
                try db.run(
                    """
                    INSERT INTO subscribers (id, email, status, created_at, confirm_token_hash, confirm_requested_at, confirmed_at,
                                             source, left_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        row.id.rawValue, row.email, row.status, row.createdAt.stored, row.confirmTokenHash,
                        row.confirmRequestedAt?.stored, row.confirmedAt?.stored, row.source, row.leftAt?.stored,
                    ])
            }
            for row in data.avatars {
                let a = row.avatar
                try db.run(
                    "INSERT INTO avatars (member_id, content_type, bytes, version, updated_at) VALUES (?, ?, ?, ?, ?)",
                    [row.memberID.rawValue, a.contentType, a.bytes, a.version, a.updatedAt.stored])
            }
            for row in data.follows {
                try db.run(
                    "INSERT INTO follows (member_id, post_id, created_at) VALUES (?, ?, ?)",
                    [row.memberID.rawValue, row.postID.rawValue, row.createdAt.stored])
            }
            try Self.importModeration(data.moderation, db)
            // A site with no rows can still hold a secret (made when a link was first checked):
            // the copied site's secrets replace it, as on the other engines.
            try db.run("DELETE FROM site_secrets")
            for (name, value) in data.secrets.sorted(by: { $0.key < $1.key }) {
                try db.run("INSERT INTO site_secrets (name, value) VALUES (?, ?)", [name, value])
            }
            try Self.writeSpamModel(db, data.spamModel)
            try Self.importWriter(data.writer, db)
            try Self.importImports(data.imports, db)
        }
    }

    public func isEmptySite() async throws -> Bool {
        try await read { try Self.isEmpty($0) }
    }

    public func eraseSite() async throws {
        try await write { try Self.eraseAll($0) }
    }

    static func eraseAll(_ db: Database) throws {
        // Children first: the foreign keys hold throughout.
        // The outbox is kept: mail already queued still goes (see `SiteData`).
        for table in [
            "import_keys", "isso_votes", "audit_log", "comment_reports", "comment_moderation", "bans", "mutes", "moderation_settings",
            "likes", "notifications",
            "follows", "newsletter_sends", "post_slugs", "comments", "sessions", "avatars", "posts",
            "subscribers", "sign_in_tokens", "site_secrets", "uploads", "members", "publication", "spam_features", "spam_classes",
        ] {
            try db.execute(sql: "DELETE FROM \(table)")
        }
    }

    static func isEmpty(_ db: Database) throws -> Bool {
        try !db.exists("SELECT 1 FROM members UNION ALL SELECT 1 FROM posts UNION ALL SELECT 1 FROM subscribers LIMIT 1", [])
    }
}
