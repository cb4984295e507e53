import Domain
import Foundation
import Storage

extension Actions {
    /// A new API token for the embed on the pages of `origin`, for `member`, who has just said
    /// so in Parley's own window (the embed's sign-in popup). It is an ordinary API token, named
    /// after the site, so the member sees it in their settings and can revoke it there. Signing
    /// in again from the same site revokes the site's earlier tokens first: a reader who signs
    /// in on each visit does not pile up tokens, or reach `Limits.apiTokensPerMember`.
    /// Returns the token, which is shown this once and never stored.
    public func issueEmbedToken(origin: String, for member: Member) async throws -> String {
        let name = Self.embedTokenName(origin)
        let at = now
        for token in try await store.apiTokens(memberID: member.id) where token.name == name && token.revokedAt == nil {
            _ = try await store.revokeAPIToken(id: token.id, memberID: member.id, at: at)
        }
        let live = try await store.apiTokens(memberID: member.id).filter { $0.revokedAt == nil }
        guard live.count < Limits.apiTokensPerMember else { throw FieldError("origin", .notAllowed) }
        let secret = Self.embedTokenPrefix + SecretToken.make()
        _ = try await store.insertAPIToken(memberID: member.id, name: name, tokenHash: SecretToken.hash(secret), at: at)
        return secret
    }

    /// What an embed's token starts with: `apiTokenHolder(bearer:)` lets such a token act only as
    /// a plain member.
    public static let embedTokenPrefix = "parley_embed_"

    /// "Embed on blog.example": the name the member sees in their list of tokens.
    public static func embedTokenName(_ origin: String) -> String {
        String("Embed on \(EmbedOrigin.siteName(origin))".prefix(Limits.apiTokenName))
    }
}
