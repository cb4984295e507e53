import Domain
import Foundation
import Storage

/// `parley export`: the whole site as a Parley export (docs/EXPORT-FORMAT.md).
///
/// The rows are read in one consistent read (`SiteTransfer.exportSite`), so the file is of one
/// moment even while a server writes; the lines are then made and handed to `write` one at a
/// time, never the whole file at once. Sessions are left out (people sign in again), and so is
/// work in flight, as `SiteData` leaves it out.
public enum ParleyExport {
    /// The format's name in the header line.
    public static let format = "parley-export"
    /// The version this code writes and the newest it reads.
    public static let version = 1

    /// Writes the site in `store` through `write`, line by line, and returns how many records
    /// it wrote between the header and the end line.
    @discardableResult
    public static func run(store: any SiteTransfer, write: (Data) throws -> Void) async throws -> Int {
        try Self.write(try await store.exportSite(), to: write)
    }

    /// Writes `data` as an export through `write`, line by line.
    @discardableResult
    public static func write(_ data: SiteData, to write: (Data) throws -> Void) throws -> Int {
        let lines = ExportLines()
        var records = 0
        func put<R: ExportRecord>(_ record: R) throws {
            try write(try lines.line(record))
            records += 1
        }
        try write(try lines.line(HeaderRecord(format: format, version: version)))
        try put(PublicationRecord(data.publication))
        for (name, value) in data.secrets.sorted(by: { $0.key < $1.key }) { try put(SecretRecord(name: name, value: value)) }
        for row in data.members { try put(MemberRecord(row)) }
        for row in data.avatars { try put(AvatarRecord(row)) }
        for upload in data.writer.uploads { try put(UploadRecord(upload)) }
        for post in data.posts { try put(PostRecord(post)) }
        for former in data.writer.formerSlugs {
            try put(FormerSlugRecord(slug: former.slug, postId: former.postID.rawValue, createdAt: former.createdAt))
        }
        var dislikes: [CommentID: Int] = [:]
        for row in data.imports.dislikes { dislikes[row.commentID] = row.count }
        for comment in data.comments { try put(CommentRecord(comment, dislikes: dislikes[comment.id] ?? 0)) }
        for like in data.likes {
            try put(LikeRecord(commentId: like.commentID.rawValue, memberId: like.memberID.rawValue, createdAt: like.createdAt))
        }
        for row in data.subscribers { try put(SubscriberRecord(row)) }
        for like in data.writer.postLikes {
            try put(PostLikeRecord(postId: like.postID.rawValue, subscriberId: like.subscriberID.rawValue, createdAt: like.createdAt))
        }
        for follow in data.follows {
            try put(FollowRecord(memberId: follow.memberID.rawValue, postId: follow.postID.rawValue, createdAt: follow.createdAt))
        }
        let moderation = data.moderation
        if let settings = moderation.settings { try put(ModerationSettingsRecord(settings)) }
        for row in moderation.commentModeration { try put(CommentModerationRecord(row)) }
        for report in moderation.reports { try put(ReportRecord(report)) }
        for ban in moderation.bans {
            try put(
                BanRecord(
                    memberId: ban.memberID.rawValue, reason: ban.reason, bannedBy: ban.bannedBy.rawValue, createdAt: ban.createdAt,
                    until: ban.until))
        }
        for mute in moderation.mutes {
            try put(MuteRecord(memberId: mute.memberID.rawValue, mutedId: mute.mutedID.rawValue, createdAt: mute.createdAt))
        }
        for entry in moderation.audit { try put(AuditRecord(entry)) }
        let spam = data.spamModel
        if !spam.isEmpty {
            try put(
                SpamModelRecord(
                    documentsSpam: spam.documents.spam, documentsHam: spam.documents.ham, occurrencesSpam: spam.occurrences.spam,
                    occurrencesHam: spam.occurrences.ham))
        }
        for row in spam.features { try put(SpamFeatureRecord(feature: row.feature, spam: row.counts.spam, ham: row.counts.ham)) }
        for vote in data.imports.issoVotes { try put(IssoVoteRecord(commentId: vote.commentID.rawValue, voter: vote.voter)) }
        for key in data.imports.importKeys {
            try put(
                ImportKeyRecord(
                    source: key.source, kind: key.kind, externalId: key.externalID, localId: key.localID, importedAt: key.importedAt))
        }
        try write(try lines.line(EndRecord(records: records)))
        return records
    }
}
