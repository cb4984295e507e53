import Domain
import Foundation
import GRDB
import Storage

extension SQLiteMigrations {
    /// Search and likes from a newsletter (see `ReaderStore`).
    ///
    /// `post_search` says which revision of each post is indexed, and by which `SearchTerms.indexerVersion`; the words themselves are in
    /// the FTS5 table `post_search_words` (rowid = the post's id), one column per part of the
    /// post. The words are made by `SearchTerms` and handed over joined by spaces, so FTS5's
    /// tokenizer only splits at those spaces (case and accents are folded already): its
    /// `categories` count as word characters everything `SearchTerms` keeps in a word (spacing
    /// marks of Devanagari, Bengali, Tamil..., and symbols such as circled letters), which
    /// unicode61 alone would split at, unlike PostgreSQL. The FTS
    /// table has no foreign key: a trigger on `post_search` (whose rows go with their post)
    /// removes a post's words. Not in `SiteData`: the index is made again from the posts.
    ///
    /// `post_likes`: a like of a post from a newsletter, one per subscriber and post; it goes
    /// with the post or the subscriber.
    static let search = """
        CREATE TABLE post_search (
            post_id INTEGER PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
            revision BIGINT NOT NULL,
            indexer_version INTEGER NOT NULL
        );
        CREATE VIRTUAL TABLE post_search_words USING fts5 (
            title, subtitle, teaser, body, tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M* So'"
        );
        CREATE TRIGGER post_search_removed AFTER DELETE ON post_search BEGIN
            DELETE FROM post_search_words WHERE rowid = old.post_id;
        END;

        CREATE TABLE post_likes (
            post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
            subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (post_id, subscriber_id)
        );
        CREATE INDEX post_likes_subscriber_id ON post_likes (subscriber_id);
        """
}

extension SQLiteStore {
    public func archivePosts(now: Date, limit: Int, offset: Int) async throws -> [Post] {
        guard limit > 0 else { return [] }
        return try await read { db in
            try db.fetch(
                """
                SELECT \(Self.postColumns) FROM posts
                WHERE state IN (\(Self.visibleStatesList)) AND published_at <= ?
                ORDER BY published_at DESC, id DESC LIMIT ? OFFSET ?
                """, [now.stored, limit, max(0, offset)], Self.decodePost)
        }
    }

    public func postAddresses(now: Date, limit: Int) async throws -> [PostAddress] {
        try await read { db in
            try db.fetch(
                """
                SELECT slug, COALESCE(updated_at, published_at) FROM posts
                WHERE state IN (\(Self.visibleStatesList)) AND published_at <= ?
                ORDER BY published_at DESC, id DESC LIMIT ?
                """, [now.stored, limit]
            ) { PostAddress(slug: $0[0], lastChanged: $0.date(1)) }
        }
    }

    public func postsNeedingSearchIndex(limit: Int) async throws -> [Post] {
        try await read { db in
            try db.fetch(
                """
                SELECT \(Self.postColumns) FROM posts
                WHERE NOT EXISTS (
                    SELECT 1 FROM post_search WHERE post_search.post_id = posts.id AND post_search.revision = posts.revision
                    AND post_search.indexer_version = ?)
                ORDER BY id LIMIT ?
                """, [SearchTerms.indexerVersion, limit], Self.decodePost)
        }
    }

    public func indexPostsForSearch(_ entries: [PostSearchEntry]) async throws {
        guard !entries.isEmpty else { return }
        try await write { db in
            for entry in entries {
                guard try db.exists("SELECT 1 FROM posts WHERE id = ?", [entry.postID.rawValue]) else { continue }
                try db.run(
                    """
                    INSERT INTO post_search (post_id, revision, indexer_version) VALUES (?, ?, ?)
                    ON CONFLICT (post_id) DO UPDATE SET revision = excluded.revision, indexer_version = excluded.indexer_version
                    """, [entry.postID.rawValue, entry.revision, entry.indexerVersion])
                try db.run("DELETE FROM post_search_words WHERE rowid = ?", [entry.postID.rawValue])
                try db.run(
                    "INSERT INTO post_search_words (rowid, title, subtitle, teaser, body) VALUES (?, ?, ?, ?, ?)",
                    [
                        entry.postID.rawValue, entry.title.joined(separator: " "), entry.subtitle.joined(separator: " "),
                        entry.teaser.joined(separator: " "), entry.body.joined(separator: " "),
                    ])
            }
        }
    }

    public func searchPosts(_ search: PostSearch, now: Date, limit: Int, offset: Int) async throws -> [Post] {
        guard limit > 0, !search.terms.isEmpty else { return [] }
        return try await read { db in
            let query = Self.searchQuery(search, now: now, limit: limit, offset: offset)
            return try db.fetch(query.sql, StatementArguments(query.arguments), Self.decodePost)
        }
    }

    /// The search as one statement: each FTS5 MATCH is a subquery SQLite runs once into a
    /// set of ids. Every word is quoted (it holds only letters and digits, see `SearchTerms`)
    /// and is a prefix (`"word"*`).
    static func searchQuery(
        _ search: PostSearch, now: Date, limit: Int, offset: Int
    )
        -> (sql: String, arguments: [DatabaseValueConvertible])
    {
        let phrases = search.terms.map { "\"\($0.replacingOccurrences(of: "\"", with: ""))\"*" }
        let all = "(" + phrases.joined(separator: " AND ") + ")"
        let matching = "id IN (SELECT rowid FROM post_search_words WHERE post_search_words MATCH ?)"
        let readable = "(audience = 'everyone' OR ?)"
        var arguments: [DatabaseValueConvertible] = []
        var score: [String] = []
        for phrase in phrases {
            score.append(
                "\(PostSearch.titleWeight) * (\(matching)) + \(PostSearch.subtitleWeight) * (\(matching)) + "
                    + "\(PostSearch.bodyWeight) * (CASE WHEN \(readable) THEN \(matching) ELSE \(matching) END)")
            arguments += [
                "title : \(phrase)", "subtitle : \(phrase)", search.readsSubscriberPosts, "body : \(phrase)", "teaser : \(phrase)",
            ]
        }
        arguments += [now.stored, "{title subtitle teaser} : \(all)", all, search.readsSubscriberPosts, limit, max(0, offset)]
        let sql = """
            SELECT \(postColumns), \(score.joined(separator: " + ")) AS score FROM posts
            WHERE state IN (\(visibleStatesList)) AND published_at <= ?
            AND (\(matching) OR (\(matching) AND \(readable)))
            ORDER BY score DESC, published_at DESC, id DESC LIMIT ? OFFSET ?
            """
        return (sql, arguments)
    }

    /// `visibleStates` as SQL literals (they are the enum's own names).
    static let visibleStatesList = visibleStates.map { "'\($0.rawValue)'" }.joined(separator: ", ")

    public func recentComments(postID: PostID, limit: Int) async throws -> [Comment] {
        try await read { db in
            try db.fetch(
                """
                SELECT \(Self.commentColumns) FROM comments
                WHERE post_id = ? AND status = 'visible' AND deleted_at IS NULL
                ORDER BY created_at DESC, id DESC LIMIT ?
                """, [postID.rawValue, limit], Self.decodeComment)
        }
    }

    public func likePost(postID: PostID, subscriberID: SubscriberID, at: Date) async throws -> Bool {
        try await write { db in
            do {
                return try db.run(
                    "INSERT INTO post_likes (post_id, subscriber_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    [postID.rawValue, subscriberID.rawValue, at.stored]) > 0
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
                throw StoreError.missing(try db.exists("SELECT 1 FROM posts WHERE id = ?", [postID.rawValue]) ? "subscriber" : "post")
            }
        }
    }

    public func postLikeCount(postID: PostID) async throws -> Int {
        try await read { db in
            try db.fetchFirst("SELECT COUNT(*) FROM post_likes WHERE post_id = ?", [postID.rawValue]) { $0[0] as Int } ?? 0
        }
    }
}

extension SQLiteStore {
    /// The likes from newsletters, for `SiteData` (the search index is not copied: it is made again from the posts).
    static func exportPostLikes(_ db: Database) throws -> [PostLike] {
        try db.fetch("SELECT post_id, subscriber_id, created_at FROM post_likes ORDER BY post_id, subscriber_id") {
            PostLike(postID: PostID($0[0] as Int64), subscriberID: SubscriberID($0[1] as Int64), createdAt: $0.date(2))
        }
    }

    static func importPostLikes(_ likes: [PostLike], _ db: Database) throws {
        for like in likes {
            try db.run(
                "INSERT INTO post_likes (post_id, subscriber_id, created_at) VALUES (?, ?, ?)",
                [like.postID.rawValue, like.subscriberID.rawValue, like.createdAt.stored])
        }
    }
}
