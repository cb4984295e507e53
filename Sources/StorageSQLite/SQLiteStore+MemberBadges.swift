import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    public func subscribedMemberIDs(among memberIDs: [MemberID]) async throws -> Set<MemberID> {
        guard !memberIDs.isEmpty else { return [] }
        return try await read { db in
            var subscribed: Set<MemberID> = []
            // In slices, to stay far below SQLite's limit on bound parameters.
            for chunk in memberIDs.chunked(500) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                let ids = try db.fetch(
                    """
                    SELECT m.id FROM members m JOIN subscribers s ON s.email = m.email
                    WHERE s.status = 'active' AND m.deleted_at IS NULL AND m.id IN (\(marks))
                    """,
                    StatementArguments(chunk.map(\.rawValue))
                ) {
                    MemberID($0[0] as Int64)
                }
                subscribed.formUnion(ids)
            }
            return subscribed
        }
    }
}
