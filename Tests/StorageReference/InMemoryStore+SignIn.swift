import Domain
import Foundation
import Storage

extension InMemoryStore {
    public func insertSignInToken(_ token: SignInToken, mail: NewOutboxJob) throws {
        guard signInTokens[token.tokenHash] == nil else { throw StoreError.duplicate(field: "token_hash") }
        var stored = token
        stored.createdAt = token.createdAt.truncatedToMilliseconds
        stored.expiresAt = token.expiresAt.truncatedToMilliseconds
        stored.usedAt = token.usedAt?.truncatedToMilliseconds
        signInTokens[token.tokenHash] = stored
        _ = appendOutboxJobs([mail], now: stored.createdAt)
    }

    public func signInToken(hash: String) -> SignInToken? {
        signInTokens[hash]
    }

    public func redeemSignInToken(hash: String, now: Date) -> SignInRedemption {
        guard var token = signInTokens[hash] else { return .unknown }
        guard token.usedAt == nil else { return .alreadyUsed }
        // Compared in whole milliseconds, as the databases compare their integer columns.
        guard now.millisecondsSince1970 < token.expiresAt.millisecondsSince1970 else { return .expired }
        token.usedAt = now.truncatedToMilliseconds
        signInTokens[hash] = token
        return .redeemed(email: token.email, returnPath: token.returnPath)
    }

    public func purgeSignInTokens(expiredBefore before: Date) -> Int {
        let old = signInTokens.filter { $0.value.expiresAt.millisecondsSince1970 < before.millisecondsSince1970 }
        for hash in old.keys { signInTokens[hash] = nil }
        return old.count
    }
}
