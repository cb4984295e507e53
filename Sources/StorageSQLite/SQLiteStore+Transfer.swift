import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    public func exportSite() async throws -> SiteData {
        try await read { db in
            let publication = try db.fetchFirst("SELECT name, description FROM publication WHERE id = 1") {
                Publication(name: $0[0], description: $0[1])
            } ?? .placeholder
            let members = try db.fetch("SELECT \(Self.memberColumns), members.password_hash FROM members ORDER BY id") {
                SiteData.MemberRow(member: try Self.decodeMember($0), passwordHash: $0[6])
            }
            let sessions = try db.fetch("SELECT token_hash, member_id, created_at, expires_at FROM sessions ORDER BY token_hash") {
                SiteData.SessionRow(tokenHash: $0[0], memberID: MemberID($0[1]), createdAt: $0.date(2), expiresAt: $0.date(3))
            }
            let posts = try db.fetch("SELECT \(Self.postColumns) FROM posts ORDER BY id", [], Self.decodePost)
            let comments = try db.fetch("SELECT \(Self.commentColumns) FROM comments ORDER BY path", [], Self.decodeComment)
            let likes = try db.fetch("SELECT comment_id, member_id, created_at FROM likes ORDER BY comment_id, member_id") {
                SiteData.LikeRow(commentID: CommentID($0[0]), memberID: MemberID($0[1]), createdAt: $0.date(2))
            }
            let subscribers = try db.fetch("SELECT email, status, created_at FROM subscribers ORDER BY email") {
                SiteData.SubscriberRow(email: $0[0], status: $0[1], createdAt: $0.date(2))
            }
            return SiteData(publication: publication, members: members, sessions: sessions, posts: posts, comments: comments,
                            likes: likes, subscribers: subscribers)
        }
    }

    public func importSite(_ data: SiteData, replacingExisting: Bool) async throws {
        try await write { db in
            if replacingExisting { try Self.eraseAll(db) }
            guard try Self.isEmpty(db) else { throw StoreError.duplicate(field: "site") }
            try db.run("INSERT INTO publication (id, name, description) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description",
                       [data.publication.name, data.publication.description])
            for row in data.members {
                let m = row.member
                try db.run("INSERT INTO members (id, email, display_name, bio, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           [m.id.rawValue, m.email, m.displayName, m.bio, m.role.rawValue, row.passwordHash, m.createdAt.stored])
            }
            for row in data.sessions {
                try db.run("INSERT INTO sessions (token_hash, member_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                           [row.tokenHash, row.memberID.rawValue, row.createdAt.stored, row.expiresAt.stored])
            }
            for p in data.posts {
                try db.run("""
                    INSERT INTO posts (id, slug, title, subtitle, body_markdown, body_html, author_id, state, audience, discussion,
                                       published_at, created_at, comment_count)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [p.id.rawValue, p.slug, p.title, p.subtitle, p.bodyMarkdown, p.bodyHTML, p.authorID.rawValue, p.state.rawValue,
                          p.audience.rawValue, p.discussion.rawValue, p.publishedAt?.stored, p.createdAt.stored, p.commentCount])
            }
            for c in data.comments {
                try db.run("""
                    INSERT INTO comments (id, post_id, parent_id, root_id, depth, path, author_id, body_text, body_html, created_at,
                                          edited_at, deleted_at, like_count, descendant_count)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [c.id.rawValue, c.postID.rawValue, c.parentID?.rawValue, c.rootID.rawValue, c.depth, c.path, c.authorID.rawValue,
                          c.bodyText, c.bodyHTML, c.createdAt.stored, c.editedAt?.stored, c.deletedAt?.stored, c.likeCount, c.descendantCount])
            }
            for row in data.likes {
                try db.run("INSERT INTO likes (comment_id, member_id, created_at) VALUES (?, ?, ?)",
                           [row.commentID.rawValue, row.memberID.rawValue, row.createdAt.stored])
            }
            for row in data.subscribers {
                try db.run("INSERT INTO subscribers (email, status, created_at) VALUES (?, ?, ?)", [row.email, row.status, row.createdAt.stored])
            }
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
        for table in ["likes", "comments", "sessions", "posts", "subscribers", "members", "publication"] {
            try db.execute(sql: "DELETE FROM \(table)")
        }
    }

    static func isEmpty(_ db: Database) throws -> Bool {
        try !db.exists("SELECT 1 FROM members UNION ALL SELECT 1 FROM posts UNION ALL SELECT 1 FROM subscribers LIMIT 1", [])
    }
}
