import Domain
import Foundation

/// What the importers need of a store beyond the other ports: the import keys (what each
/// import made of each record) and bulk writes of comments as they were.
public protocol ImportStore: Sendable {
    /// Of `externalIDs`, those an import from `source` already keyed as `kind`.
    func importedKeys(source: String, kind: ImportKeyKind, among externalIDs: [String]) async throws -> Set<String>
    /// Writes `batch` in one transaction, step by step (see `ImportStep`), keeping each
    /// comment's thread counters (the post's comment count, the ancestors' descendant counts)
    /// as `insertComment` does. Steps whose key is already there change nothing.
    func importBatch(_ batch: ImportBatch) async throws -> ImportBatchOutcome
    /// Removes the placeholders an import from `source` made that hold up no reply (a deleted
    /// comment nobody answered), again until none is left; returns how many. Their keys stay, so
    /// a second run does not bring them back.
    func pruneImportedPlaceholders(source: String) async throws -> Int
    /// Makes the guest `memberID` an account (its address was just proved by a sign-in link):
    /// kind `account`, reply and mention emails on. Returns false when it was not a guest.
    func turnGuestIntoAccount(memberID: MemberID) async throws -> Bool
}

/// A comment's votes as Isso counts them: likes (Parley's `like_count`, which Isso votes add
/// to) and dislikes (kept only for Isso's API).
public struct IssoVotes: Hashable, Sendable {
    public let likes: Int
    public let dislikes: Int

    public init(likes: Int, dislikes: Int) {
        self.likes = likes
        self.dislikes = dislikes
    }
}

/// What the Isso API needs of a store: votes by address (`isso_votes`), dislikes, the latest
/// comments of the site.
public protocol IssoStore: Sendable {
    /// Counts `voter`'s like (or dislike) of a visible, undeleted comment, once: the first vote
    /// of that voter on that comment adds one to `like_count` (or `dislike_count`) in the same
    /// transaction as its `isso_votes` row; any later vote of theirs changes nothing. The counts
    /// after; nil when the comment is missing, deleted or not visible.
    func issoVote(commentID: CommentID, voter: String, like: Bool) async throws -> IssoVotes?
    /// Marks `voter` as having voted on the comment without counting a vote: its author's own
    /// address, so the author cannot vote on it (Isso's rule).
    func recordIssoVoter(commentID: CommentID, voter: String) async throws
    /// The dislike counts of `commentIDs` (those with none are absent).
    func dislikeCounts(commentIDs: [CommentID]) async throws -> [CommentID: Int]
    /// The newest comments everyone may read, newest first, at most `limit`: visible, not
    /// deleted, on a page's discussion or on a post published by `now` for everyone; of one
    /// discussion when `postID` is given, else of the whole site.
    func latestComments(postID: PostID?, limit: Int, now: Date) async throws -> [Comment]
}
