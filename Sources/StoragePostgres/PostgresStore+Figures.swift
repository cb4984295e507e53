import Domain
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    static let millisecondsPerDay: Int64 = 86_400_000

    public func subscriberGrowth(since: Date) async throws -> SubscriberGrowth {
        let day = Self.millisecondsPerDay
        let start = Int64((Double(since.stored) / Double(day)).rounded(.down)) * day
        // The day's length is written into the statement: as a parameter, each use would be a
        // parameter of its own, and GROUP BY would not see that the SELECT groups the same way.
        let perDay = String(day)
        // One statement, so the count before and the days are read from one snapshot. Joined:
        // confirmed (by link, by attestation or when added); left: a confirmed subscriber's
        // departure. See SQLite's version.
        let rows = try await rows(
            """
            SELECT -1::bigint, COUNT(*)::bigint, 0::bigint FROM subscribers
            WHERE confirmed_at IS NOT NULL AND confirmed_at < \(start) AND (left_at IS NULL OR left_at >= \(start))
            UNION ALL
            SELECT confirmed_at / \(unescaped: perDay), COUNT(*), 0 FROM subscribers WHERE confirmed_at >= \(start)
            GROUP BY confirmed_at / \(unescaped: perDay)
            UNION ALL
            SELECT left_at / \(unescaped: perDay), 0, COUNT(*) FROM subscribers
            WHERE left_at >= \(start) AND confirmed_at IS NOT NULL GROUP BY left_at / \(unescaped: perDay)
            """)
        var before = 0
        var days: [Int: (joined: Int, left: Int)] = [:]
        for row in rows {
            let (key, joined, left) = try row.decode((Int64, Int64, Int64).self)
            if key < 0 {
                before = Int(joined)
            } else {
                days[Int(key), default: (0, 0)].joined += Int(joined)
                days[Int(key), default: (0, 0)].left += Int(left)
            }
        }
        return SubscriberGrowth(
            before: before, days: days.keys.sorted().map { SubscriberDay(day: $0, joined: days[$0]!.joined, left: days[$0]!.left) })
    }

    public func postFigures(limit: Int) async throws -> [PostFigures] {
        guard limit > 0 else { return [] }
        // Two statements on one snapshot, as SQLite's version: the posts, then one GROUP BY over
        // their comments, a range of comments_post_status per post. (A subquery per post took
        // 790 ms on 200,000 comments before that index; with the ids given as an array the
        // GROUP BY takes 18 ms, where `IN (SELECT ...)` of the posts scanned the whole table.)
        return try await transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { connection in
            let posts = try await connection.rows(
                """
                SELECT id, title, slug, published_at, comment_count FROM posts
                WHERE state = 'published' ORDER BY published_at DESC, id DESC LIMIT \(limit)
                """, logger
            ).map { try $0.decode((Int64, String, String, Int64?, Int).self) }
            guard !posts.isEmpty else { return [] }
            let ids = posts.map(\.0)
            var likes: [Int64: Int] = [:]
            var postLikes: [Int64: Int] = [:]
            // Likes from letters: a range of post_likes' primary key per post.
            for row in try await connection.rows(
                """
                SELECT 'comments', post_id, SUM(like_count)::bigint FROM comments
                WHERE post_id = ANY(\(ids)) AND status = 'visible' AND deleted_at IS NULL GROUP BY post_id
                UNION ALL
                SELECT 'post', post_id, COUNT(*) FROM post_likes WHERE post_id = ANY(\(ids)) GROUP BY post_id
                """, logger)
            {
                let (kind, post, count) = try row.decode((String, Int64, Int64).self)
                if kind == "post" { postLikes[post] = Int(count) } else { likes[post] = Int(count) }
            }
            return posts.map { id, title, slug, publishedAt, comments in
                PostFigures(
                    postID: PostID(id), title: title, slug: slug, publishedAt: publishedAt.date, comments: comments,
                    likes: likes[id] ?? 0, postLikes: postLikes[id] ?? 0)
            }
        }
    }

    public func topCommenters(since: Date, limit: Int) async throws -> [CommenterFigures] {
        guard limit > 0 else { return [] }
        let rows = try await rows(
            """
            SELECT c.author_id, COUNT(*) AS comments, SUM(c.like_count)::bigint FROM comments c JOIN members m ON m.id = c.author_id
            WHERE c.created_at >= \(since.stored) AND c.status = 'visible' AND c.deleted_at IS NULL AND m.deleted_at IS NULL
            GROUP BY c.author_id ORDER BY comments DESC, c.author_id LIMIT \(limit)
            """)
        return try rows.map { row in
            let (id, comments, likes) = try row.decode((Int64, Int64, Int64).self)
            return CommenterFigures(memberID: MemberID(id), comments: Int(comments), likes: Int(likes))
        }
    }

    public func postsByDiscussionSize(bounds: [Int]) async throws -> [Int] {
        guard !bounds.isEmpty else { return [] }
        let rows = try await rows("SELECT comment_count, COUNT(*) FROM posts WHERE state = 'published' GROUP BY comment_count")
        let sizes = try rows.map { row in
            let (count, posts) = try row.decode((Int, Int64).self)
            return (count: count, posts: Int(posts))
        }
        return DiscussionSizes.bucket(sizes, bounds: bounds)
    }

    public func dashboardGlance(commentsSince: Date, subscribersSince: Date) async throws -> DashboardGlance {
        // One statement: the four figures from one snapshot.
        let rows = try await rows(
            """
            SELECT 'post', state, COUNT(*)::bigint FROM posts GROUP BY state
            UNION ALL
            SELECT 'subscriber', status, COUNT(*) FROM subscribers GROUP BY status
            UNION ALL
            SELECT 'comments', '', COUNT(*) FROM comments
            WHERE created_at >= \(commentsSince.stored) AND status = 'visible' AND deleted_at IS NULL
            UNION ALL
            SELECT 'new', '', COUNT(*) FROM subscribers WHERE confirmed_at >= \(subscribersSince.stored) AND left_at IS NULL
            """)
        var posts: [PostState: Int] = [:]
        var subscribers: [SubscriberStatus: Int] = [:]
        var comments = 0
        var newSubscribers = 0
        for row in rows {
            let (kind, name, count) = try row.decode((String, String, Int64).self)
            switch kind {
            case "post": if let state = PostState(rawValue: name) { posts[state] = Int(count) }
            case "subscriber": if let status = SubscriberStatus(rawValue: name) { subscribers[status] = Int(count) }
            case "comments": comments = Int(count)
            default: newSubscribers = Int(count)
            }
        }
        return DashboardGlance(posts: posts, recentComments: comments, subscribers: subscribers, newSubscribers: newSubscribers)
    }
}
