import Domain
import Foundation
import PostgresNIO
import Storage

/// Posts and subscribers brought in from another platform, each with its import key.
extension PostgresStore {
    public func insertImportedPost(_ new: NewPost, source: String, externalID: String, at: Date) async throws -> Post? {
        try await transaction { connection in
            // The key first: of two runs at once, the second waits on it here and then finds it.
            let claimed = try await Self.insertImportKey(
                source: source, kind: "post", externalID: externalID, localID: 0, at: at, connection, logger)
            guard claimed else { return nil }
            let id = try await Self.insertPostRow(new, newsletter: false, on: connection, logger)
            _ = try await connection.rows(
                """
                UPDATE import_keys SET local_id = \(id.rawValue)
                WHERE source = \(source) AND kind = 'post' AND external_id = \(externalID)
                """, logger)
            return Post(inserted: new, id: id)
        }
    }

    public func insertImportedSubscribers(
        _ subscribers: [ImportedSubscriber], source: String, at: Date, audit: NewAuditEntry
    ) async throws
        -> ImportedSubscribersResult
    {
        try await transaction { connection in
            var result = ImportedSubscribersResult()
            var added: [String] = []
            for subscriber in subscribers {
                let active = subscriber.status == .active
                let confirmed: Int64? = active ? subscriber.createdAt.stored : nil
                let inserted = try await connection.rows(
                    """
                    INSERT INTO subscribers (email, status, created_at, source, confirmed_at)
                    VALUES (\(subscriber.email), \(active ? "active" : "unsubscribed"), \(subscriber.createdAt.stored),
                            'import-confirmed', \(confirmed))
                    ON CONFLICT (email) DO NOTHING RETURNING id
                    """, logger)
                guard let id = try inserted.first?.decode(Int64.self) else {
                    result.alreadyListed += 1
                    continue
                }
                _ = try await Self.insertImportKey(
                    source: source, kind: "subscriber", externalID: subscriber.email, localID: id, at: at, connection, logger)
                added.append(subscriber.email)
                if active { result.active += 1 } else { result.unsubscribed += 1 }
            }
            if !added.isEmpty {
                var entry = audit
                entry.after = SubscriberImport.auditList(added)
                try await Self.insertAudit(entry, connection, logger)
            }
            return result
        }
    }
}
