import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    public func appendLiveEvents(_ events: [NewLiveEvent], at date: Date) async throws -> [LiveEvent] {
        guard !events.isEmpty else { return [] }
        // SQLite's single writer already commits in order; the counter row is kept for the
        // same dense ids and pruning mark as PostgreSQL's.
        return try await write { db in
            try events.map { event in
                guard let id = try db.fetchFirst(Self.nextLiveEventID, [], { $0[0] as Int64 }) else {
                    throw StoreError.missing("live event counter")
                }
                try db.run(
                    """
                    INSERT INTO live_events (id, post_id, name, data, audience, author_id, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        id, event.postID.rawValue, event.name, event.data, event.audience.rawValue, event.authorID?.rawValue,
                        date.stored,
                    ])
                return LiveEvent(id: id, event: event, createdAt: date)
            }
        }
    }

    public func liveEvents(after id: Int64, postID: PostID?, limit: Int) async throws -> [LiveEvent] {
        guard limit > 0 else { return [] }
        return try await read { db in
            if let postID {
                return try db.fetch(
                    "\(Self.liveEventColumns) WHERE post_id = ? AND id > ? ORDER BY id LIMIT ?", [postID.rawValue, id, limit],
                    Self.liveEvent)
            }
            return try db.fetch("\(Self.liveEventColumns) WHERE id > ? ORDER BY id LIMIT ?", [id, limit], Self.liveEvent)
        }
    }

    public func liveEventBounds() async throws -> LiveEventBounds {
        try await read { db in
            try db.fetchFirst("SELECT last_id, pruned_through FROM live_event_counter WHERE id = 1") {
                LiveEventBounds(last: $0[0], prunedThrough: $0[1])
            } ?? LiveEventBounds(last: 0, prunedThrough: 0)
        }
    }

    public func pruneLiveEvents(before cutoff: Date, keep: Int) async throws -> Int {
        try await write { db in
            let last: Int64 = try db.fetchFirst("SELECT last_id FROM live_event_counter WHERE id = 1") { $0[0] } ?? 0
            // Everything up to the newest old-enough event, and everything beyond the newest
            // `keep`; never the newest event itself.
            let byAge: Int64 =
                try db.fetchFirst("SELECT max(id) FROM live_events WHERE created_at < ?", [cutoff.stored]) {
                    $0[0] as Int64?
                }.flatMap { $0 } ?? 0
            let through = min(max(byAge, last - Int64(max(keep, 1))), last - 1)
            guard through > 0 else { return 0 }
            let deleted = try db.run("DELETE FROM live_events WHERE id <= ?", [through])
            try db.run(
                "UPDATE live_event_counter SET pruned_through = max(pruned_through, ?) WHERE id = 1", [through])
            return deleted
        }
    }

    /// Takes the next id: one more than the last one handed out.
    static let nextLiveEventID = "UPDATE live_event_counter SET last_id = last_id + 1 WHERE id = 1 RETURNING last_id"

    static let liveEventColumns = "SELECT id, post_id, name, data, audience, author_id, created_at FROM live_events"

    static func liveEvent(_ row: Row) -> LiveEvent {
        LiveEvent(
            id: row[0],
            event: NewLiveEvent(
                postID: PostID(row[1]), name: row[2], data: row[3], audience: LiveAudience(rawValue: row[4]),
                authorID: (row[5] as Int64?).map(MemberID.init)),
            createdAt: row.date(6))
    }
}
