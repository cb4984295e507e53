import Domain
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    public func subscriberList(filter: SubscriberFilter, before: SubscriberID?, limit: Int) async throws -> [Subscriber] {
        guard limit > 0 else { return [] }
        // Newest first by id: with a status, a backward walk of subscribers_status_id.
        var binds = PostgresBindings()
        binds.append(before?.rawValue ?? Int64.max)
        var conditions = ["id < $1"]
        if let status = filter.status {
            binds.append(status.rawValue)
            conditions.append("status = $\(binds.count)")
        }
        if let source = filter.source {
            binds.append(source.rawValue)
            conditions.append("source = $\(binds.count)")
        }
        if let pattern = filter.searchPattern {
            binds.append(pattern)
            conditions.append("email LIKE $\(binds.count) ESCAPE '\\'")
        }
        binds.append(limit)
        let sql = """
            SELECT \(Self.subscriberColumns) FROM subscribers WHERE \(conditions.joined(separator: " AND "))
            ORDER BY id DESC LIMIT $\(binds.count)
            """
        return try await rows(PostgresQuery(unsafeSQL: sql, binds: binds)).map(Self.decodeSubscriber)
    }

    public func subscriberCounts() async throws -> [SubscriberStatus: Int] {
        Self.subscriberCounts(try await rows("SELECT status, COUNT(*) FROM subscribers GROUP BY status"))
    }

    static func subscriberCounts(_ rows: [PostgresRow]) -> [SubscriberStatus: Int] {
        var counts: [SubscriberStatus: Int] = [:]
        for row in rows {
            guard let (status, count) = try? row.decode((String, Int).self), let known = SubscriberStatus(rawValue: status) else {
                continue
            }
            counts[known] = count
        }
        return counts
    }

    public func importSubscribers(_ batch: SubscriberImport, audit: NewAuditEntry) async throws -> SubscriberImportResult {
        let emails = batch.addresses.map(\.email)
        let now = batch.now.stored
        return try await referringToMembers {
            try await transaction { connection in
                // One statement for the whole list: an address already there (or inserted by a
                // concurrent import) is left as it is.
                let inserted: [PostgresRow]
                switch batch.mode {
                case .optIn:
                    let hashes = batch.addresses.map { $0.confirmTokenHash ?? "" }
                    inserted = try await connection.rows(
                        """
                        INSERT INTO subscribers (email, status, created_at, confirm_token_hash, confirm_requested_at, source)
                        SELECT address.email, 'pending', \(now), address.token_hash, \(now), 'import'
                        FROM UNNEST(\(emails)::text[], \(hashes)::text[]) WITH ORDINALITY AS address (email, token_hash, n)
                        ORDER BY address.n
                        ON CONFLICT (email) DO NOTHING
                        RETURNING email
                        """, logger)
                case .confirmedElsewhere:
                    inserted = try await connection.rows(
                        """
                        INSERT INTO subscribers (email, status, created_at, confirmed_at, source)
                        SELECT address.email, 'active', \(now), \(now), 'import-confirmed'
                        FROM UNNEST(\(emails)::text[]) WITH ORDINALITY AS address (email, n)
                        ORDER BY address.n
                        ON CONFLICT (email) DO NOTHING
                        RETURNING email
                        """, logger)
                }
                let addedSet = Set(try inserted.map { try $0.decode(String.self) })
                let added = batch.addresses.filter { addedSet.contains($0.email) }
                if batch.mode == .optIn {
                    _ = try await Self.insertOutboxJobs(added.compactMap(\.mail), now: batch.now, on: connection, logger: logger)
                }
                var entry = audit
                entry.after = SubscriberImport.auditList(added.map(\.email))
                try await Self.insertAuditRow(entry, connection, logger)
                return SubscriberImportResult(added: added.map(\.email), alreadyListed: batch.addresses.count - added.count)
            }
        }
    }

    public func removeSubscriber(id: SubscriberID, audit: NewAuditEntry) async throws -> Subscriber? {
        try await referringToMembers {
            try await transaction { connection in
                // The row stays, as one that left: the figures keep its history, and an import
                // leaves a known address alone instead of bringing it back.
                let removed = try await connection.rows(
                    """
                    UPDATE subscribers SET status = 'unsubscribed', confirm_token_hash = NULL,
                        left_at = COALESCE(left_at, \(audit.at.stored))
                    WHERE id = \(id.rawValue) AND status IN ('pending', 'active')
                    RETURNING \(unescaped: Self.subscriberColumns)
                    """, logger)
                guard let subscriber = try removed.first.map(Self.decodeSubscriber) else { return nil }
                var entry = audit
                entry.before = subscriber.email
                try await Self.insertAuditRow(entry, connection, logger)
                return subscriber
            }
        }
    }
}
