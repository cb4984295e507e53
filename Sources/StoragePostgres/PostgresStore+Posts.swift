import Domain
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// The post columns, in the order `decodePost` reads them.
    static let postColumns = """
        id, slug, title, subtitle, body_markdown, body_html, author_id, state, audience, discussion, \
        published_at, created_at, comment_count, pinned_comment_id, auto_close_days, cover_image, sends_email, \
        updated_at, revision, page_url
        """

    /// A post setting the schema's CHECKs should have kept out of the table.
    struct UnknownSettingError: Error, CustomStringConvertible {
        let description: String
    }

    static func decodePost(_ row: PostgresRow) throws -> Post {
        let (
            id, slug, title, subtitle, bodyMarkdown, bodyHTML, authorID, stateText, audienceText, discussionText,
            publishedAt, createdAt, commentCount, pinnedCommentID, autoCloseDays
        ) = try row.decode(
            (Int64, String, String, String, String, String, Int64, String, String, String, Int64?, Int64, Int, Int64?, Int?)
                .self)
        // A tuple decode takes at most 15 columns: the rest are read by position.
        let columns = row.makeRandomAccess()
        let coverImage = try columns[15].decode(String?.self).flatMap(UploadKey.init(rawValue:))
        let sendsEmail = try columns[16].decode(Bool.self)
        let updatedAt = try columns[17].decode(Int64?.self)
        let revision = try columns[18].decode(Int.self)
        let pageURL = try columns[19].decode(String?.self).flatMap(PageURL.init)
        guard let state = PostState(rawValue: stateText), let audience = PostAudience(rawValue: audienceText),
            let discussion = DiscussionSetting(rawValue: discussionText)
        else {
            throw UnknownSettingError(description: "unknown post setting in post \(id)")
        }
        return Post(
            id: PostID(id), slug: slug, title: title, subtitle: subtitle, bodyMarkdown: bodyMarkdown,
            bodyHTML: bodyHTML, authorID: MemberID(authorID), state: state, audience: audience,
            discussion: discussion, publishedAt: publishedAt.date,
            createdAt: Date(millisecondsSince1970: createdAt), commentCount: commentCount,
            pinnedCommentID: pinnedCommentID.map(CommentID.init), autoCloseDays: autoCloseDays, coverImage: coverImage,
            sendsEmail: sendsEmail, updatedAt: updatedAt.date, revision: revision, pageURL: pageURL)
    }

    public func insertPost(_ new: NewPost, newsletter: Bool) async throws -> Post {
        let id = try await transaction { connection in
            try await Self.insertPostRow(new, newsletter: newsletter, on: connection, logger)
        }
        return Post(inserted: new, id: id)
    }

    /// Writes `new`'s row, and its newsletter send when asked, in one statement: the one insert
    /// behind a post written here and one imported. A slug another post had before is taken
    /// (its links lead there), checked under the slug's lock that renames take too.
    static func insertPostRow(
        _ new: NewPost, newsletter: Bool, on connection: PostgresConnection, _ logger: Logger
    ) async throws -> PostID {
        try await lockSlugs([new.slug], on: connection, logger)
        if try await !connection.rows("SELECT 1 FROM post_slugs WHERE slug = \(new.slug)", logger).isEmpty {
            throw StoreError.duplicate(field: "slug")
        }
        let id = try await connection.rows(
            """
            WITH post AS (
                INSERT INTO posts (slug, title, subtitle, body_markdown, body_html, author_id, state, audience,
                                   discussion, published_at, created_at, comment_count, cover_image, sends_email)
                VALUES (\(new.slug), \(new.title), \(new.subtitle), \(new.bodyMarkdown), \(new.bodyHTML),
                        \(new.authorID.rawValue), \(new.state.rawValue), \(new.audience.rawValue),
                        \(new.discussion.rawValue), \(new.publishedAt?.stored), \(new.createdAt.stored), 0,
                        \(new.coverImage?.rawValue), \(new.sendsEmail))
                RETURNING id
            ), send AS (
                INSERT INTO newsletter_sends (post_id, after_subscriber_id, created_at)
                SELECT id, NULL, \(new.createdAt.stored) FROM post WHERE \(newsletter)
            )
            SELECT id FROM post
            """, logger)[0].decode(Int64.self)
        return PostID(id)
    }

    public func post(slug: String) async throws -> Post? {
        try await rows("SELECT \(unescaped: Self.postColumns) FROM posts WHERE slug = \(slug)").first.map(Self.decodePost)
    }

    public func post(id: PostID) async throws -> Post? {
        try await rows("SELECT \(unescaped: Self.postColumns) FROM posts WHERE id = \(id.rawValue)").first.map(Self.decodePost)
    }

    /// Every state whose posts are public once their time has come.
    static let visibleStates = PostState.listed.map(\.rawValue)

    /// Visible posts, newest first: the rule of `Post.isVisible(at:)` as a query. One state at a
    /// time (a lateral join over the visible states), so that each is a backward walk of
    /// `posts_state_published_at` that stops after `limit` rows, and the few rows found are
    /// merged; one round trip. An excluded id of 0 matches nothing, since ids start at 1.
    public func recentPosts(now: Date, limit: Int, excluding: PostID?) async throws -> [Post] {
        guard limit > 0 else { return [] }
        return try await rows(Self.recentPostsQuery(now: now, limit: limit, excluding: excluding)).map(Self.decodePost)
    }

    static func recentPostsQuery(now: Date, limit: Int, excluding: PostID?) -> PostgresQuery {
        """
        SELECT recent.* FROM unnest(\(visibleStates)) AS visible (state)
        CROSS JOIN LATERAL (
            SELECT \(unescaped: postColumns) FROM posts
            WHERE posts.state = visible.state AND published_at <= \(now.stored) AND id <> \(excluding?.rawValue ?? 0)
            ORDER BY published_at DESC, id DESC
            LIMIT \(limit)
        ) AS recent
        -- Equal times fall back to the later insert, so the order is total.
        ORDER BY recent.published_at DESC, recent.id DESC
        LIMIT \(limit)
        """
    }

    public func postCount() async throws -> Int {
        try await rows("SELECT COUNT(*) FROM posts")[0].decode(Int.self)
    }
}
