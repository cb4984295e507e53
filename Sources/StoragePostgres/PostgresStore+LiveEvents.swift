import Domain
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    public func appendLiveEvents(_ events: [NewLiveEvent], at date: Date) async throws -> [LiveEvent] {
        guard !events.isEmpty else { return [] }
        // The counter row's lock is held until COMMIT, so appends take turns and commit in id
        // order: no reader can see id N + 1 before N is there.
        return try await transaction { connection in
            var kept: [LiveEvent] = []
            for event in events {
                let rows = try await connection.rows(
                    "UPDATE live_event_counter SET last_id = last_id + 1 WHERE id = 1 RETURNING last_id", logger)
                guard let id = try rows.first?.decode(Int64.self) else { throw StoreError.missing("live event counter") }
                _ = try await connection.rows(
                    """
                    INSERT INTO live_events (id, post_id, name, data, audience, author_id, created_at)
                    VALUES (\(id), \(event.postID.rawValue), \(event.name), \(event.data), \(Int32(event.audience.rawValue)),
                        \(event.authorID?.rawValue), \(date.stored))
                    """, logger)
                kept.append(LiveEvent(id: id, event: event, createdAt: date))
            }
            return kept
        }
    }

    public func liveEvents(after id: Int64, postID: PostID?, limit: Int) async throws -> [LiveEvent] {
        guard limit > 0 else { return [] }
        let rows: [PostgresRow]
        if let postID {
            rows = try await self.rows(
                """
                SELECT id, post_id, name, data, audience, author_id, created_at FROM live_events
                WHERE post_id = \(postID.rawValue) AND id > \(id) ORDER BY id LIMIT \(Int64(limit))
                """)
        } else {
            rows = try await self.rows(
                """
                SELECT id, post_id, name, data, audience, author_id, created_at FROM live_events
                WHERE id > \(id) ORDER BY id LIMIT \(Int64(limit))
                """)
        }
        return try rows.map { row in
            let (id, post, name, data, audience, author, created) = try row.decode(
                (Int64, Int64, String, String, Int32, Int64?, Int64).self)
            return LiveEvent(
                id: id,
                event: NewLiveEvent(
                    postID: PostID(post), name: name, data: data, audience: LiveAudience(rawValue: Int(audience)),
                    authorID: author.map(MemberID.init)),
                createdAt: Date(millisecondsSince1970: created))
        }
    }

    public func liveEventBounds() async throws -> LiveEventBounds {
        let rows = try await rows("SELECT last_id, pruned_through FROM live_event_counter WHERE id = 1")
        guard let row = rows.first else { return LiveEventBounds(last: 0, prunedThrough: 0) }
        let (last, pruned) = try row.decode((Int64, Int64).self)
        return LiveEventBounds(last: last, prunedThrough: pruned)
    }

    public func pruneLiveEvents(before cutoff: Date, keep: Int) async throws -> Int {
        // One statement, so the mark and the deletion agree. It holds the counter row's lock
        // only for the DELETE's few milliseconds; appends wait that long.
        let keepCount = Int64(max(keep, 1))
        let rows = try await rows(
            """
            WITH bounds AS (
                SELECT LEAST(
                    GREATEST(
                        COALESCE((SELECT max(id) FROM live_events WHERE created_at < \(cutoff.stored)), 0),
                        last_id - \(keepCount)),
                    last_id - 1) AS through
                FROM live_event_counter WHERE id = 1
            ), gone AS (
                DELETE FROM live_events WHERE id <= (SELECT through FROM bounds) RETURNING 1
            ), marked AS (
                UPDATE live_event_counter SET pruned_through = GREATEST(pruned_through, (SELECT through FROM bounds))
                WHERE id = 1 AND (SELECT through FROM bounds) > 0
                RETURNING 1
            )
            SELECT count(*) FROM gone
            """)
        return Int(try rows.first?.decode(Int64.self) ?? 0)
    }
}
