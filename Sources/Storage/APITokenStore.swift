import Domain
import Foundation

/// Members' API tokens. The token a member is shown once is never stored: only its SHA-256
/// (hex), by which a request's bearer token is found.
public protocol APITokenStore: Sendable {
    /// Stores a new token for `memberID` (callers check `Limits.apiTokensPerMember` first);
    /// `StoreError.missing("member")` when the member is gone.
    func insertAPIToken(memberID: MemberID, name: String, tokenHash: String, at: Date) async throws -> APIToken
    /// The live (not revoked) token with `tokenHash` and its member, or nil. Notes the use in
    /// `lastUsedAt` when the last note is older than a minute.
    func apiTokenHolder(tokenHash: String, at: Date) async throws -> (token: APIToken, member: Member)?
    /// A member's tokens, newest first, revoked ones included.
    func apiTokens(memberID: MemberID) async throws -> [APIToken]
    /// Revokes the member's token `id`; false when it is not theirs or was revoked already.
    func revokeAPIToken(id: APITokenID, memberID: MemberID, at: Date) async throws -> Bool
}

/// Discussions of pages on other sites (the embed, and later imports keyed by URL): posts in
/// state `.page`, found by their `PageURL`.
public protocol PageStore: Sendable {
    /// The discussion of the page at `url`, or nil until its first comment makes it.
    func pageDiscussion(url: PageURL) async throws -> Post?
    /// The discussion of the page at `url`, made now (state `.page`, published at `at`, an empty
    /// body, `title`, a fresh unique `slug`, by `authorID`) if there is none yet. Two first
    /// comments at once make one discussion: the unique `page_url` decides, and the loser reads
    /// the winner's.
    func ensurePageDiscussion(url: PageURL, title: String, slug: String, authorID: MemberID, at: Date) async throws -> Post
    /// Visible comment counts of the discussions of `urls`; a URL with no discussion is absent.
    func pageCommentCounts(urls: [PageURL]) async throws -> [PageURL: Int]
}
