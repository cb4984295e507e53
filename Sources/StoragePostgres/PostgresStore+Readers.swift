import Domain
import Foundation
import PostgresNIO
import Storage

extension PostgresMigrations {
    /// Search and likes from a newsletter: see SQLite's migration of the same id. PostgreSQL
    /// keeps each part's words as a `tsvector` made with `array_to_tsvector` from the words
    /// `SearchTerms` made (never by PostgreSQL's own parser, which splits text differently
    /// from FTS5), and two GIN-indexed sums of them: what anyone may find a post by (title,
    /// subtitle, teaser) and everything.
    static let search = [
        """
        CREATE TABLE post_search (
            post_id BIGINT PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
            revision BIGINT NOT NULL,
            indexer_version INTEGER NOT NULL,
            title_words tsvector NOT NULL,
            subtitle_words tsvector NOT NULL,
            teaser_words tsvector NOT NULL,
            body_words tsvector NOT NULL,
            public_words tsvector GENERATED ALWAYS AS (title_words || subtitle_words || teaser_words) STORED,
            all_words tsvector GENERATED ALWAYS AS (title_words || subtitle_words || teaser_words || body_words) STORED
        )
        """,
        "CREATE INDEX post_search_all_words ON post_search USING GIN (all_words)",
        """
        CREATE TABLE post_likes (
            post_id BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
            subscriber_id BIGINT NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (post_id, subscriber_id)
        )
        """,
        "CREATE INDEX post_likes_subscriber_id ON post_likes (subscriber_id)",
    ]
}

extension PostgresStore {
    public func archivePosts(now: Date, limit: Int, offset: Int) async throws -> [Post] {
        guard limit > 0 else { return [] }
        return try await rows(
            """
            SELECT \(unescaped: Self.postColumns) FROM posts
            WHERE state = ANY(\(Self.visibleStates)) AND published_at <= \(now.stored)
            ORDER BY published_at DESC, id DESC LIMIT \(limit) OFFSET \(max(0, offset))
            """
        ).map(Self.decodePost)
    }

    public func postAddresses(now: Date, limit: Int) async throws -> [PostAddress] {
        try await rows(
            """
            SELECT slug, COALESCE(updated_at, published_at) FROM posts
            WHERE state = ANY(\(Self.visibleStates)) AND published_at <= \(now.stored)
            ORDER BY published_at DESC, id DESC LIMIT \(limit)
            """
        ).map { row in
            let (slug, changed) = try row.decode((String, Int64).self)
            return PostAddress(slug: slug, lastChanged: Date(millisecondsSince1970: changed))
        }
    }

    public func postsNeedingSearchIndex(limit: Int) async throws -> [Post] {
        try await rows(
            """
            SELECT \(unescaped: Self.postColumns) FROM posts
            WHERE NOT EXISTS (
                SELECT 1 FROM post_search WHERE post_search.post_id = posts.id AND post_search.revision = posts.revision
                AND post_search.indexer_version = \(SearchTerms.indexerVersion))
            ORDER BY id LIMIT \(limit)
            """
        ).map(Self.decodePost)
    }

    public func indexPostsForSearch(_ entries: [PostSearchEntry]) async throws {
        guard !entries.isEmpty else { return }
        try await transaction { connection in
            for entry in entries {
                // Inserted from a SELECT of the post, so an entry for a post deleted meanwhile is no row, not an error.
                _ = try await connection.rows(
                    """
                    INSERT INTO post_search (post_id, revision, indexer_version, title_words, subtitle_words, teaser_words, body_words)
                    SELECT id, \(entry.revision), \(entry.indexerVersion), array_to_tsvector(\(entry.title)::text[]), array_to_tsvector(\(entry.subtitle)::text[]),
                           array_to_tsvector(\(entry.teaser)::text[]), array_to_tsvector(\(entry.body)::text[])
                    FROM posts WHERE id = \(entry.postID.rawValue)
                    ON CONFLICT (post_id) DO UPDATE SET revision = excluded.revision, indexer_version = excluded.indexer_version,
                        title_words = excluded.title_words,
                        subtitle_words = excluded.subtitle_words, teaser_words = excluded.teaser_words, body_words = excluded.body_words
                    """, logger)
            }
        }
    }

    public func searchPosts(_ search: PostSearch, now: Date, limit: Int, offset: Int) async throws -> [Post] {
        guard limit > 0, !search.terms.isEmpty else { return [] }
        return try await rows(Self.searchQuery(search, now: now, limit: limit, offset: offset)).map(Self.decodePost)
    }

    /// The search as one statement. Each word is a prefix lexeme (`'word':*`) cast straight to
    /// `tsquery`, so no parser or dictionary changes it: it holds only letters and digits
    /// (`SearchTerms`), and quotes are doubled anyway. The candidates come from the GIN index
    /// of every word; the rank adds up, per word, where it was found, as SQLite's query does.
    static func searchQuery(_ search: PostSearch, now: Date, limit: Int, offset: Int) -> PostgresQuery {
        var binds = PostgresBindings()
        func bind(_ value: some PostgresNonThrowingEncodable) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }
        let lexemes = search.terms.map { "'\($0.replacingOccurrences(of: "'", with: "''"))':*" }
        let all = bind(lexemes.joined(separator: " & ")) + "::tsquery"
        let readable = "(posts.audience = 'everyone' OR \(bind(search.readsSubscriberPosts)))"
        let score = lexemes.map { lexeme in
            let term = bind(lexeme) + "::tsquery"
            return
                "\(PostSearch.titleWeight) * (s.title_words @@ \(term))::int + \(PostSearch.subtitleWeight) * (s.subtitle_words @@ \(term))::int + "
                + "\(PostSearch.bodyWeight) * (CASE WHEN \(readable) THEN s.body_words @@ \(term) ELSE s.teaser_words @@ \(term) END)::int"
        }.joined(separator: " + ")
        let sql = """
            SELECT \(postColumns.split(separator: ",").map { "posts." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")),
                   \(score) AS score
            FROM post_search AS s JOIN posts ON posts.id = s.post_id
            WHERE s.all_words @@ \(all) AND (s.public_words @@ \(all) OR \(readable))
            AND posts.state = ANY(\(bind(visibleStates))) AND posts.published_at <= \(bind(now.stored))
            ORDER BY score DESC, posts.published_at DESC, posts.id DESC LIMIT \(bind(limit)) OFFSET \(bind(max(0, offset)))
            """
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }

    public func recentComments(postID: PostID, limit: Int) async throws -> [Comment] {
        try await comments(
            """
            SELECT \(unescaped: Self.commentColumns) FROM comments
            WHERE post_id = \(postID.rawValue) AND status = 'visible' AND deleted_at IS NULL
            ORDER BY created_at DESC, id DESC LIMIT \(limit)
            """)
    }

    public func likePost(postID: PostID, subscriberID: SubscriberID, at: Date) async throws -> Bool {
        do {
            return try await rows(
                """
                INSERT INTO post_likes (post_id, subscriber_id, created_at) VALUES (\(postID.rawValue), \(subscriberID.rawValue), \(at.stored))
                ON CONFLICT DO NOTHING RETURNING 1
                """
            ).count > 0
        } catch StoreError.missing {
            throw StoreError.missing(try await post(id: postID) == nil ? "post" : "subscriber")
        }
    }

    public func postLikeCount(postID: PostID) async throws -> Int {
        try await rows("SELECT COUNT(*) FROM post_likes WHERE post_id = \(postID.rawValue)")[0].decode(Int.self)
    }
}

extension PostgresStore {
    /// The likes from newsletters, for `SiteData` (the search index is not copied: it is made again from the posts).
    static func exportPostLikes(_ connection: PostgresConnection, _ logger: Logger) async throws -> [PostLike] {
        try await connection.rows("SELECT post_id, subscriber_id, created_at FROM post_likes ORDER BY post_id, subscriber_id", logger)
            .map { row in
                let (post, subscriber, created) = try row.decode((Int64, Int64, Int64).self)
                return PostLike(
                    postID: PostID(post), subscriberID: SubscriberID(subscriber), createdAt: Date(millisecondsSince1970: created))
            }
    }

    static func importPostLikes(_ likes: [PostLike], _ connection: PostgresConnection, _ logger: Logger) async throws {
        try await insertRows(
            connection, logger, into: "post_likes", columns: ["post_id", "subscriber_id", "created_at"],
            likes.map { [.int($0.postID.rawValue), .int($0.subscriberID.rawValue), .int($0.createdAt.stored)] })
    }
}
