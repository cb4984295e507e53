import Domain
import Foundation
import GRDB
import Storage

/// Posts and subscribers brought in from another platform, each with its import key.
extension SQLiteStore {
    public func insertImportedPost(_ new: NewPost, source: String, externalID: String, at: Date) async throws -> Post? {
        try await write { db in
            guard try Self.importedID(source: source, kind: "post", externalID: externalID, db) == nil else { return nil }
            let id = try Self.insertPostRow(new, db)
            try Self.insertImportKey(source: source, kind: "post", externalID: externalID, localID: id.rawValue, at: at, db)
            return Post(inserted: new, id: id)
        }
    }

    public func insertImportedSubscribers(
        _ subscribers: [ImportedSubscriber], source: String, at: Date, audit: NewAuditEntry
    ) async throws
        -> ImportedSubscribersResult
    {
        try await write { db in
            var result = ImportedSubscribersResult()
            var added: [String] = []
            for subscriber in subscribers {
                let active = subscriber.status == .active
                let inserted = try db.run(
                    """
                    INSERT INTO subscribers (email, status, created_at, source, confirmed_at) VALUES (?, ?, ?, 'import-confirmed', ?)
                    ON CONFLICT (email) DO NOTHING
                    """,
                    [
                        subscriber.email, active ? "active" : "unsubscribed", subscriber.createdAt.stored,
                        active ? subscriber.createdAt.stored : nil,
                    ])
                guard inserted == 1 else {
                    result.alreadyListed += 1
                    continue
                }
                try Self.insertImportKey(
                    source: source, kind: "subscriber", externalID: subscriber.email, localID: db.lastInsertedRowID, at: at, db)
                added.append(subscriber.email)
                if active { result.active += 1 } else { result.unsubscribed += 1 }
            }
            if !added.isEmpty {
                var entry = audit
                entry.after = SubscriberImport.auditList(added)
                try Self.insertAudit(entry, in: db)
            }
            return result
        }
    }
}
