import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    public func subscriberList(filter: SubscriberFilter, before: SubscriberID?, limit: Int) async throws -> [Subscriber] {
        guard limit > 0 else { return [] }
        // Newest first by id: with a status, a backward walk of subscribers_status_id.
        var conditions = ["id < ?"]
        var arguments: [DatabaseValue] = [(before?.rawValue ?? Int64.max).databaseValue]
        if let status = filter.status {
            conditions.append("status = ?")
            arguments.append(status.rawValue.databaseValue)
        }
        if let source = filter.source {
            conditions.append("source = ?")
            arguments.append(source.rawValue.databaseValue)
        }
        if let pattern = filter.searchPattern {
            conditions.append("email LIKE ? ESCAPE '\\'")
            arguments.append(pattern.databaseValue)
        }
        arguments.append(limit.databaseValue)
        let sql = """
            SELECT \(Self.subscriberColumns) FROM subscribers WHERE \(conditions.joined(separator: " AND ")) ORDER BY id DESC LIMIT ?
            """
        let bound = arguments
        return try await read { db in try db.fetch(sql, StatementArguments(bound), Self.decodeSubscriber) }
    }

    public func subscriberCounts() async throws -> [SubscriberStatus: Int] {
        try await read { db in try Self.subscriberCounts(db) }
    }

    static func subscriberCounts(_ db: Database) throws -> [SubscriberStatus: Int] {
        var counts: [SubscriberStatus: Int] = [:]
        for (status, count) in try db.fetch(
            "SELECT status, COUNT(*) FROM subscribers GROUP BY status", [], { ($0[0] as String, $0[1] as Int) })
        {
            if let status = SubscriberStatus(rawValue: status) { counts[status] = count }
        }
        return counts
    }

    public func importSubscribers(_ batch: SubscriberImport, audit: NewAuditEntry) async throws -> SubscriberImportResult {
        try await write { db in
            let now = batch.now.stored
            var added: [String] = []
            var mail: [NewOutboxJob] = []
            for address in batch.addresses {
                let inserted: Int
                switch batch.mode {
                case .optIn:
                    inserted = try db.run(
                        """
                        INSERT INTO subscribers (email, status, created_at, confirm_token_hash, confirm_requested_at, source)
                        VALUES (?, 'pending', ?, ?, ?, 'import')
                        ON CONFLICT (email) DO NOTHING
                        """, [address.email, now, address.confirmTokenHash, now])
                case .confirmedElsewhere:
                    inserted = try db.run(
                        """
                        INSERT INTO subscribers (email, status, created_at, confirmed_at, source)
                        VALUES (?, 'active', ?, ?, 'import-confirmed')
                        ON CONFLICT (email) DO NOTHING
                        """, [address.email, now, now])
                }
                guard inserted == 1 else { continue }
                added.append(address.email)
                if batch.mode == .optIn, let job = address.mail { mail.append(job) }
            }
            _ = try Self.insertOutboxJobs(mail, now: batch.now, in: db)
            var entry = audit
            entry.after = SubscriberImport.auditList(added)
            try Self.insertAudit(entry, in: db)
            return SubscriberImportResult(added: added, alreadyListed: batch.addresses.count - added.count)
        }
    }

    public func removeSubscriber(id: SubscriberID, audit: NewAuditEntry) async throws -> Subscriber? {
        try await write { db in
            guard let subscriber = try Self.subscriber(db, "id = ?", [id.rawValue]) else { return nil }
            // The row stays, as one that left: the figures keep its history, and an import
            // leaves a known address alone instead of bringing it back.
            let changed = try db.run(
                """
                UPDATE subscribers SET status = 'unsubscribed', confirm_token_hash = NULL, left_at = COALESCE(left_at, ?)
                WHERE id = ? AND status IN ('pending', 'active')
                """, [audit.at.stored, id.rawValue])
            guard changed == 1 else { return nil }
            var entry = audit
            entry.before = subscriber.email
            try Self.insertAudit(entry, in: db)
            return try Self.subscriber(db, "id = ?", [id.rawValue])
        }
    }
}
