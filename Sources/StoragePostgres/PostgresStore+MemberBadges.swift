import Domain
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    public func subscribedMemberIDs(among memberIDs: [MemberID]) async throws -> Set<MemberID> {
        guard !memberIDs.isEmpty else { return [] }
        // One array parameter, however many authors a page shows.
        let rows = try await rows(
            """
            SELECT m.id FROM members m JOIN subscribers s ON s.email = m.email
            WHERE s.status = 'active' AND m.deleted_at IS NULL AND m.id = ANY(\(memberIDs.map(\.rawValue)))
            """)
        return Set(try rows.map { MemberID(try $0.decode(Int64.self)) })
    }
}
