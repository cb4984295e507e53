import Foundation
import Logging
import PostgresNIO

/// `import_keys`: what each import made of each record it read. The one place that reads and
/// writes a key, for the comment sink, the Substack import and the site transfer alike (the
/// sink's comment insert also writes its key inside its own statement, to stay one round trip).
extension PostgresStore {
    public func importedID(source: String, kind: String, externalID: String) async throws -> Int64? {
        try await rows(
            "SELECT local_id FROM import_keys WHERE source = \(source) AND kind = \(kind) AND external_id = \(externalID)"
        ).first?.decode(Int64.self)
    }

    /// Records that `externalID` became `localID`; false, changing nothing, when the key was
    /// already there (another run took it first).
    static func insertImportKey(
        source: String, kind: String, externalID: String, localID: Int64, at: Date, _ connection: PostgresConnection,
        _ logger: Logger
    ) async throws -> Bool {
        try await !connection.rows(
            """
            INSERT INTO import_keys (source, kind, external_id, local_id, imported_at)
            VALUES (\(source), \(kind), \(externalID), \(localID), \(at.stored))
            ON CONFLICT (source, kind, external_id) DO NOTHING RETURNING 1
            """, logger
        ).isEmpty
    }
}
