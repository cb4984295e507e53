import Foundation

// The records of a Parley export, one per line (docs/EXPORT-FORMAT.md is their reference).
// Their own types, not the domain's or the store's, so that what goes into the file is chosen
// field by field and stays put when the code's types change. Property names are the file's
// keys in camel case (`bodyHtml` is `body_html`): the encoder and decoder convert them.

/// A record of the export: a line whose `type` is `recordType`.
protocol ExportRecord: Codable, Sendable {
    static var recordType: String { get }
}

/// The first line: what the file is.
struct HeaderRecord: ExportRecord {
    static let recordType = "header"
    var format: String
    var version: Int
}

/// The last line: how many records came between the header and it, so that a cut file is
/// told apart from a whole one.
struct EndRecord: ExportRecord {
    static let recordType = "end"
    var records: Int
}

struct PublicationRecord: ExportRecord {
    static let recordType = "publication"
    var name: String
    var description: String
    var logo: String?
    var accentColour: String
    var aboutMarkdown: String
    var aboutHtml: String
    var senderName: String
    var replyTo: String
    var footerText: String
    var embedOrigins: [String]
    var anonymousComments: Bool
}

struct SecretRecord: ExportRecord {
    static let recordType = "secret"
    var name: String
    var value: String
}

struct MemberRecord: ExportRecord {
    static let recordType = "member"
    var id: Int64
    var email: String
    var displayName: String
    var bio: String
    var role: String
    var kind: String
    var website: String?
    var createdAt: Date
    var notifyReplies: Bool
    var notifyMentions: Bool
    var avatarVersion: String?
    var deletedAt: Date?
    var passwordHash: String?
}

struct AvatarRecord: ExportRecord {
    static let recordType = "avatar"
    var memberId: Int64
    var contentType: String
    var bytes: Data
    var version: String
    var updatedAt: Date
}

struct UploadRecord: ExportRecord {
    static let recordType = "upload"
    var key: String
    var imageType: String
    var bytes: Data
    var width: Int
    var height: Int
    var uploaderId: Int64?
    var createdAt: Date
}

struct PostRecord: ExportRecord {
    static let recordType = "post"
    var id: Int64
    var slug: String
    var title: String
    var subtitle: String
    var bodyMarkdown: String
    var bodyHtml: String
    var authorId: Int64
    var state: String
    var audience: String
    var discussion: String
    var publishedAt: Date?
    var createdAt: Date
    var updatedAt: Date?
    var revision: Int
    var commentCount: Int
    var pinnedCommentId: Int64?
    var autoCloseDays: Int?
    var coverImage: String?
    var sendsEmail: Bool
    var pageUrl: String?
}

struct FormerSlugRecord: ExportRecord {
    static let recordType = "post_slug"
    var slug: String
    var postId: Int64
    var createdAt: Date
}

struct CommentRecord: ExportRecord {
    static let recordType = "comment"
    var id: Int64
    var postId: Int64
    var parentId: Int64?
    var rootId: Int64
    var depth: Int
    var path: String
    var authorId: Int64
    var bodyText: String
    var bodyHtml: String
    var createdAt: Date
    var editedAt: Date?
    var deletedAt: Date?
    var likeCount: Int
    var dislikeCount: Int
    var descendantCount: Int
    var status: String
    var featuredAt: Date?
}

struct LikeRecord: ExportRecord {
    static let recordType = "like"
    var commentId: Int64
    var memberId: Int64
    var createdAt: Date
}

struct SubscriberRecord: ExportRecord {
    static let recordType = "subscriber"
    var id: Int64
    var email: String
    var status: String
    var source: String
    var createdAt: Date
    var confirmTokenHash: String?
    var confirmRequestedAt: Date?
    var confirmedAt: Date?
    var leftAt: Date?
}

struct PostLikeRecord: ExportRecord {
    static let recordType = "post_like"
    var postId: Int64
    var subscriberId: Int64
    var createdAt: Date
}

struct FollowRecord: ExportRecord {
    static let recordType = "follow"
    var memberId: Int64
    var postId: Int64
    var createdAt: Date
}

struct ModerationSettingsRecord: ExportRecord {
    static let recordType = "moderation_settings"
    var holdPolicy: String
    var holdFirstCount: Int
    var maxLinks: Int
    var reportsToHold: Int
    var holdWords: String
    var blockWords: String
    var autoCloseDays: Int?
    var spamThreshold: Double
}

struct CommentModerationRecord: ExportRecord {
    static let recordType = "comment_moderation"
    var commentId: Int64
    var holdReason: String?
    var spamScore: Double?
    var spamFeatures: String
    var decision: String?
    var decidedBy: Int64?
    var decidedAt: Date?
    var decisionReason: String
}

struct ReportRecord: ExportRecord {
    static let recordType = "report"
    var id: Int64
    var commentId: Int64
    var reporterId: Int64
    var reason: String
    var text: String
    var createdAt: Date
    var resolvedAt: Date?
}

struct BanRecord: ExportRecord {
    static let recordType = "ban"
    var memberId: Int64
    var reason: String
    var bannedBy: Int64
    var createdAt: Date
    var until: Date?
}

struct MuteRecord: ExportRecord {
    static let recordType = "mute"
    var memberId: Int64
    var mutedId: Int64
    var createdAt: Date
}

struct AuditRecord: ExportRecord {
    static let recordType = "audit"
    var id: Int64
    var at: Date
    var actorId: Int64?
    var action: String
    var commentId: Int64?
    var subjectId: Int64?
    var postId: Int64?
    var reason: String
    var before: String
    var after: String
}

struct SpamModelRecord: ExportRecord {
    static let recordType = "spam_model"
    var documentsSpam: Int64
    var documentsHam: Int64
    var occurrencesSpam: Int64
    var occurrencesHam: Int64
}

struct SpamFeatureRecord: ExportRecord {
    static let recordType = "spam_feature"
    var feature: String
    var spam: Int64
    var ham: Int64
}

struct IssoVoteRecord: ExportRecord {
    static let recordType = "isso_vote"
    var commentId: Int64
    var voter: String
}

struct ImportKeyRecord: ExportRecord {
    static let recordType = "import_key"
    var source: String
    var kind: String
    var externalId: String
    var localId: Int64
    var importedAt: Date
}
