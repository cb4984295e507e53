import Domain
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    static let apiTokenColumns = "id, member_id, name, created_at, last_used_at, revoked_at"

    static func decodeAPIToken(_ row: PostgresRow) throws -> APIToken {
        let (id, memberID, name, createdAt, lastUsedAt, revokedAt) = try row.decode((Int64, Int64, String, Int64, Int64?, Int64?).self)
        return APIToken(
            id: APITokenID(id), memberID: MemberID(memberID), name: name, createdAt: Date(millisecondsSince1970: createdAt),
            lastUsedAt: lastUsedAt.date, revokedAt: revokedAt.date)
    }

    public func insertAPIToken(memberID: MemberID, name: String, tokenHash: String, at: Date) async throws -> APIToken {
        let rows = try await rows(
            """
            INSERT INTO api_tokens (member_id, name, token_hash, created_at)
            SELECT id, \(name), \(tokenHash), \(at.stored) FROM members WHERE id = \(memberID.rawValue) AND deleted_at IS NULL
            RETURNING \(unescaped: Self.apiTokenColumns)
            """)
        guard let row = rows.first else { throw StoreError.missing("member") }
        return try Self.decodeAPIToken(row)
    }

    public func apiTokenHolder(tokenHash: String, at: Date) async throws -> (token: APIToken, member: Member)? {
        guard
            let row = try await rows(
                "SELECT \(unescaped: Self.apiTokenColumns) FROM api_tokens WHERE token_hash = \(tokenHash) AND revoked_at IS NULL"
            ).first
        else { return nil }
        var token = try Self.decodeAPIToken(row)
        guard let member = try await member(id: token.memberID), member.deletedAt == nil else { return nil }
        // A note of use at most once a minute: a busy script must not turn every read into a write.
        if (token.lastUsedAt.map { at.timeIntervalSince($0) >= 60 }) ?? true {
            _ = try await rows("UPDATE api_tokens SET last_used_at = \(at.stored) WHERE id = \(token.id.rawValue)")
            token.lastUsedAt = at.truncatedToMilliseconds
        }
        return (token, member)
    }

    public func apiTokens(memberID: MemberID) async throws -> [APIToken] {
        try await rows(
            "SELECT \(unescaped: Self.apiTokenColumns) FROM api_tokens WHERE member_id = \(memberID.rawValue) ORDER BY id DESC"
        ).map(Self.decodeAPIToken)
    }

    public func revokeAPIToken(id: APITokenID, memberID: MemberID, at: Date) async throws -> Bool {
        try await !rows(
            """
            UPDATE api_tokens SET revoked_at = \(at.stored)
            WHERE id = \(id.rawValue) AND member_id = \(memberID.rawValue) AND revoked_at IS NULL
            RETURNING id
            """
        ).isEmpty
    }
}
