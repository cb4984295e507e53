import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    static let apiTokenColumns = "id, member_id, name, created_at, last_used_at, revoked_at"

    static func decodeAPIToken(_ row: Row) throws -> APIToken {
        APIToken(
            id: APITokenID(row[0]), memberID: MemberID(row[1]), name: row[2], createdAt: row.date(3),
            lastUsedAt: row.optionalDate(4), revokedAt: row.optionalDate(5))
    }

    public func insertAPIToken(memberID: MemberID, name: String, tokenHash: String, at: Date) async throws -> APIToken {
        try await write { db in
            guard try db.exists("SELECT 1 FROM members WHERE id = ? AND deleted_at IS NULL", [memberID.rawValue]) else {
                throw StoreError.missing("member")
            }
            try db.run(
                "INSERT INTO api_tokens (member_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)",
                [memberID.rawValue, name, tokenHash, at.stored])
            return APIToken(
                id: APITokenID(db.lastInsertedRowID), memberID: memberID, name: name, createdAt: at.truncatedToMilliseconds)
        }
    }

    public func apiTokenHolder(tokenHash: String, at: Date) async throws -> (token: APIToken, member: Member)? {
        let found = try await read { db -> (APIToken, Member)? in
            guard
                let token = try db.fetchFirst(
                    "SELECT \(Self.apiTokenColumns) FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL", [tokenHash],
                    Self.decodeAPIToken),
                let member = try db.fetchFirst(
                    "SELECT \(Self.memberColumns) FROM members WHERE id = ? AND deleted_at IS NULL", [token.memberID.rawValue],
                    Self.decodeMember)
            else { return nil }
            return (token, member)
        }
        guard let (found, member) = found else { return nil }
        var token = found
        // A note of use at most once a minute: a busy script must not turn every read into a write.
        if (token.lastUsedAt.map { at.timeIntervalSince($0) >= 60 }) ?? true {
            let id = token.id.rawValue
            _ = try await write { db in
                try db.run("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", [at.stored, id])
            }
            token.lastUsedAt = at.truncatedToMilliseconds
        }
        return (token, member)
    }

    public func apiTokens(memberID: MemberID) async throws -> [APIToken] {
        try await read { db in
            try db.fetch(
                "SELECT \(Self.apiTokenColumns) FROM api_tokens WHERE member_id = ? ORDER BY id DESC", [memberID.rawValue],
                Self.decodeAPIToken)
        }
    }

    public func revokeAPIToken(id: APITokenID, memberID: MemberID, at: Date) async throws -> Bool {
        try await write { db in
            try db.run(
                "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND member_id = ? AND revoked_at IS NULL",
                [at.stored, id.rawValue, memberID.rawValue]) > 0
        }
    }
}
