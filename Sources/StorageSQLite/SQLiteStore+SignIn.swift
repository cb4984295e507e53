import Domain
import Foundation
import GRDB
import Storage

extension SQLiteStore {
    public func insertSignInToken(_ token: SignInToken, mail: NewOutboxJob) async throws {
        try await write { db in
            try db.run(
                """
                INSERT INTO sign_in_tokens (token_hash, email, return_path, created_at, expires_at, used_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
                [
                    token.tokenHash, token.email, token.returnPath, token.createdAt.stored, token.expiresAt.stored,
                    token.usedAt?.stored,
                ])
            _ = try Self.insertOutboxJobs([mail], now: token.createdAt, in: db)
        }
    }

    public func signInToken(hash: String) async throws -> SignInToken? {
        try await read { db in try Self.signInToken(hash: hash, in: db) }
    }

    static func signInToken(hash: String, in db: Database) throws -> SignInToken? {
        try db.fetchFirst(
            """
            SELECT token_hash, email, return_path, created_at, expires_at, used_at FROM sign_in_tokens WHERE token_hash = ?
            """, [hash]
        ) {
            SignInToken(
                tokenHash: $0[0], email: $0[1], returnPath: $0[2], createdAt: $0.date(3), expiresAt: $0.date(4),
                usedAt: $0.optionalDate(5))
        }
    }

    public func redeemSignInToken(hash: String, now: Date) async throws -> SignInRedemption {
        try await write { db in
            // The condition is in the UPDATE itself: of two attempts, only the first finds the
            // row unused, whatever engine or isolation runs them.
            let used =
                try db.run(
                    """
                    UPDATE sign_in_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
                    """, [now.stored, hash, now.stored]) == 1
            guard let token = try Self.signInToken(hash: hash, in: db) else { return .unknown }
            if used { return .redeemed(email: token.email, returnPath: token.returnPath) }
            return token.usedAt != nil ? .alreadyUsed : .expired
        }
    }

    public func purgeSignInTokens(expiredBefore before: Date) async throws -> Int {
        try await write { db in
            try db.run("DELETE FROM sign_in_tokens WHERE expires_at < ?", [before.stored])
        }
    }
}
