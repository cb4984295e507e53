import Foundation
import GRDB

/// `import_keys`: what each import made of each record it read. The one place that reads and
/// writes a key, for the comment sink, the Substack import and the site transfer alike.
extension SQLiteStore {
    public func importedID(source: String, kind: String, externalID: String) async throws -> Int64? {
        try await read { db in
            try Self.importedID(source: source, kind: kind, externalID: externalID, db)
        }
    }

    static func importedID(source: String, kind: String, externalID: String, _ db: Database) throws -> Int64? {
        try db.fetchFirst(
            "SELECT local_id FROM import_keys WHERE source = ? AND kind = ? AND external_id = ?", [source, kind, externalID]
        ) { $0[0] as Int64 }
    }

    static func insertImportKey(source: String, kind: String, externalID: String, localID: Int64, at: Date, _ db: Database) throws {
        try db.run(
            "INSERT INTO import_keys (source, kind, external_id, local_id, imported_at) VALUES (?, ?, ?, ?, ?)",
            [source, kind, externalID, localID, at.stored])
    }
}
