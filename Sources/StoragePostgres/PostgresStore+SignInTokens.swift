import Domain
import Foundation
import PostgresNIO
import Storage

extension PostgresStore {
    public func insertSignInToken(_ token: SignInToken, mail: NewOutboxJob) async throws {
        try await transaction { connection in
            try await connection.query(
                """
                INSERT INTO sign_in_tokens (token_hash, email, return_path, created_at, expires_at, used_at)
                VALUES (\(token.tokenHash), \(token.email), \(token.returnPath), \(token.createdAt.stored),
                        \(token.expiresAt.stored), \(token.usedAt?.stored))
                """, logger: logger)
            _ = try await Self.insertOutboxJobs([mail], now: token.createdAt, on: connection, logger: logger)
        }
    }

    public func signInToken(hash: String) async throws -> SignInToken? {
        guard
            let row = try await rows(
                """
                SELECT token_hash, email, return_path, created_at, expires_at, used_at FROM sign_in_tokens
                WHERE token_hash = \(hash)
                """
            ).first
        else { return nil }
        let (tokenHash, email, returnPath, createdAt, expiresAt, usedAt) = try row.decode(
            (String, String, String, Int64, Int64, Int64?).self)
        return SignInToken(
            tokenHash: tokenHash, email: email, returnPath: returnPath,
            createdAt: Date(millisecondsSince1970: createdAt),
            expiresAt: Date(millisecondsSince1970: expiresAt), usedAt: usedAt.date)
    }

    public func redeemSignInToken(hash: String, now: Date) async throws -> SignInRedemption {
        // The check and the use are one conditional UPDATE: of two attempts at once, the second
        // waits on the first's row lock, then re-checks `used_at IS NULL` against the committed
        // row (READ COMMITTED), finds it used and changes nothing. Exactly one is redeemed.
        if let row = try await rows(
            """
            UPDATE sign_in_tokens SET used_at = \(now.stored)
            WHERE token_hash = \(hash) AND used_at IS NULL AND expires_at > \(now.stored)
            RETURNING email, return_path
            """
        ).first {
            let (email, returnPath) = try row.decode((String, String).self)
            return .redeemed(email: email, returnPath: returnPath)
        }
        // Only to say why not: a statement of its own, so it sees what the winner committed.
        guard
            let row = try await rows(
                """
                SELECT used_at IS NOT NULL FROM sign_in_tokens WHERE token_hash = \(hash)
                """
            ).first
        else { return .unknown }
        return try row.decode(Bool.self) ? .alreadyUsed : .expired
    }

    public func purgeSignInTokens(expiredBefore before: Date) async throws -> Int {
        try await rows(
            """
            WITH purged AS (DELETE FROM sign_in_tokens WHERE expires_at < \(before.stored) RETURNING 1)
            SELECT COUNT(*) FROM purged
            """)[0].decode(Int.self)
    }
}
