import Domain
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    /// The advisory lock that makes the first owner one: its own key, apart from the migrations'.
    static let firstOwnerLockKey: Int64 = 0x5061_726C_6579_4F77  // "ParleyOw"

    public func hasOwner() async throws -> Bool {
        try await rows("SELECT EXISTS (SELECT 1 FROM members WHERE role = 'owner' AND deleted_at IS NULL)")[0].decode(Bool.self)
    }

    /// Under READ COMMITTED two transactions could both see no owner and both insert one, so
    /// the check and the insert hold a transaction-scoped advisory lock: the second waits, then
    /// sees the first one's owner.
    public func insertFirstOwner(_ owner: NewMember) async throws -> Member? {
        precondition(owner.role == .owner, "insertFirstOwner makes owners only")
        return try await transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.firstOwnerLockKey))", logger: logger)
            let exists = try await connection.rows(
                "SELECT EXISTS (SELECT 1 FROM members WHERE role = 'owner' AND deleted_at IS NULL)", logger
            )[0].decode(Bool.self)
            guard !exists else { return nil }
            let id = try await connection.rows(
                """
                INSERT INTO members (email, display_name, name_key, bio, role, password_hash, created_at)
                VALUES (\(owner.email), \(owner.displayName), \(NameKey.of(owner.displayName)), \(owner.bio), \(owner.role.rawValue),
                        \(owner.passwordHash), \(owner.createdAt.stored))
                RETURNING id
                """, logger
            )[0].decode(Int64.self)
            return Member(
                id: MemberID(id), email: owner.email, displayName: owner.displayName, bio: owner.bio, role: owner.role,
                createdAt: owner.createdAt.truncatedToMilliseconds)
        }
    }
}
