import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    public func hasOwner() async throws -> Bool {
        try await read { db in
            try db.fetchFirst("SELECT 1 FROM members WHERE role = 'owner' AND deleted_at IS NULL LIMIT 1") { _ in true } ?? false
        }
    }

    /// SQLite has one writer: the check and the insert share its transaction, so no other
    /// request (or process on the same file) can insert an owner in between.
    public func insertFirstOwner(_ owner: NewMember) async throws -> Member? {
        precondition(owner.role == .owner, "insertFirstOwner makes owners only")
        return try await write { db in
            let existing = try db.fetchFirst("SELECT 1 FROM members WHERE role = 'owner' AND deleted_at IS NULL LIMIT 1") { _ in true }
            guard existing == nil else { return nil }
            _ = try db.run(
                """
                INSERT INTO members (email, display_name, name_key, bio, role, password_hash, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    owner.email, owner.displayName, NameKey.of(owner.displayName), owner.bio, owner.role.rawValue, owner.passwordHash,
                    owner.createdAt.stored,
                ])
            return Member(
                id: MemberID(db.lastInsertedRowID), email: owner.email, displayName: owner.displayName, bio: owner.bio,
                role: owner.role, createdAt: owner.createdAt.truncatedToMilliseconds)
        }
    }
}
