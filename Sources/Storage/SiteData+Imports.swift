import Domain
import Foundation

extension SiteData {
    /// The rows moving in added (issue 12, migration 0016): dislikes, Isso's votes and what
    /// each import made of each record. Members' kind and website travel with `Member`, the
    /// anonymous-comments switch with `Publication`.
    public struct ImportRows: Sendable, Equatable {
        /// Comments with a dislike count above zero, by comment id (Isso's dislikes; the count
        /// lives on the comment row, zero for every other comment).
        public var dislikes: [DislikeRow]
        /// By comment id, then voter.
        public var issoVotes: [IssoVoteRow]
        /// By source, kind, then external id.
        public var importKeys: [ImportKeyRow]

        public init(dislikes: [DislikeRow] = [], issoVotes: [IssoVoteRow] = [], importKeys: [ImportKeyRow] = []) {
            self.dislikes = dislikes
            self.issoVotes = issoVotes
            self.importKeys = importKeys
        }
    }

    /// `comments.dislike_count` of one comment, when not zero.
    public struct DislikeRow: Sendable, Equatable {
        public var commentID: CommentID
        public var count: Int

        public init(commentID: CommentID, count: Int) {
            self.commentID = commentID
            self.count = count
        }
    }

    /// One row of `isso_votes`: a voter (a keyed hash of an address) voted on a comment.
    public struct IssoVoteRow: Sendable, Equatable {
        public var commentID: CommentID
        public var voter: String

        public init(commentID: CommentID, voter: String) {
            self.commentID = commentID
            self.voter = voter
        }
    }

    /// One row of `import_keys`: the record `externalID` of kind `kind` read by importer
    /// `source` became the row `localID`.
    public struct ImportKeyRow: Sendable, Equatable {
        public var source: String
        public var kind: String
        public var externalID: String
        public var localID: Int64
        public var importedAt: Date

        public init(source: String, kind: String, externalID: String, localID: Int64, importedAt: Date) {
            self.source = source
            self.kind = kind
            self.externalID = externalID
            self.localID = localID
            self.importedAt = importedAt
        }
    }
}
