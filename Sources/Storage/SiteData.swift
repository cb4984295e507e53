import Domain
import Foundation

/// A whole site as rows, ids kept: what `parley migrate-data` copies from one engine to another.
///
/// Rows, not domain values, so that secrets travel as the hashes they are stored as and
/// nothing is re-rendered or re-validated on the way.
public struct SiteData: Sendable, Equatable {
    public struct MemberRow: Sendable, Equatable {
        public var member: Member
        public var passwordHash: String?
        public init(member: Member, passwordHash: String?) {
            self.member = member
            self.passwordHash = passwordHash
        }
    }

    public struct SessionRow: Sendable, Equatable {
        public var tokenHash: String
        public var memberID: MemberID
        public var createdAt: Date
        public var expiresAt: Date
        public init(tokenHash: String, memberID: MemberID, createdAt: Date, expiresAt: Date) {
            self.tokenHash = tokenHash
            self.memberID = memberID
            self.createdAt = createdAt
            self.expiresAt = expiresAt
        }
    }

    public struct LikeRow: Sendable, Equatable {
        public var commentID: CommentID
        public var memberID: MemberID
        public var createdAt: Date
        public init(commentID: CommentID, memberID: MemberID, createdAt: Date) {
            self.commentID = commentID
            self.memberID = memberID
            self.createdAt = createdAt
        }
    }

    /// A subscriber with its id (newsletter sends walk the list in id order) and any pending
    /// confirmation, as the hash it is stored as.
    public struct SubscriberRow: Sendable, Equatable {
        public var id: SubscriberID
        public var email: String
        public var status: String
        public var createdAt: Date
        public var confirmTokenHash: String?
        public var confirmRequestedAt: Date?
        public var confirmedAt: Date?
        /// `SubscriberSource`'s raw value.
        public var source: String
        /// When a confirmed subscriber left the list (the figures' subscribers over time).
        public var leftAt: Date?
        public init(
            id: SubscriberID, email: String, status: String, createdAt: Date, confirmTokenHash: String? = nil,
            confirmRequestedAt: Date? = nil, confirmedAt: Date? = nil, source: String = SubscriberSource.form.rawValue,
            leftAt: Date? = nil
        ) {
            self.id = id
            self.email = email
            self.status = status
            self.createdAt = createdAt
            self.confirmTokenHash = confirmTokenHash
            self.confirmRequestedAt = confirmRequestedAt
            self.confirmedAt = confirmedAt
            self.source = source
            self.leftAt = leftAt
        }
    }

    public struct AvatarRow: Sendable, Equatable {
        public var memberID: MemberID
        public var avatar: AvatarImage
        public init(memberID: MemberID, avatar: AvatarImage) {
            self.memberID = memberID
            self.avatar = avatar
        }
    }

    public struct FollowRow: Sendable, Equatable {
        public var memberID: MemberID
        public var postID: PostID
        public var createdAt: Date
        public init(memberID: MemberID, postID: PostID, createdAt: Date) {
            self.memberID = memberID
            self.postID = postID
            self.createdAt = createdAt
        }
    }

    public var publication: Publication
    /// In id order, like every list here, so parents come before what refers to them.
    public var members: [MemberRow]
    public var sessions: [SessionRow]
    public var posts: [Post]
    /// In path order: every parent before its replies.
    public var comments: [Comment]
    public var likes: [LikeRow]
    public var subscribers: [SubscriberRow]
    public var avatars: [AvatarRow]
    public var follows: [FollowRow]
    /// The site's own secrets by name, so unsubscribe links signed before a copy keep working.
    public var secrets: [String: String]
    /// What moderation keeps (issue 9): the rules, holds and decisions, reports, bans, mutes
    /// and the audit log. The comments' status and featured time, and the posts' pin and
    /// auto-close, travel with the comments and posts.
    public var moderation: ModerationRows
    /// What the site's spam filter learned from its moderators (`SpamModelStore`).
    public var spamModel: SpamModelRows
    /// What the writer's side keeps besides posts (issue 10): uploads and old slugs.
    public var writer: WriterRows
    /// What moving in added (issue 12): dislikes, Isso's votes and the import keys.
    public var imports: ImportRows
    // Not copied, on purpose: sign-in links (short-lived; ask for a new one), and work in
    // flight: waiting notifications, newsletter sends and the outbox (let the old site finish
    // sending before the copy; see docs/OPERATIONS.md).

    public init(
        publication: Publication, members: [MemberRow], sessions: [SessionRow], posts: [Post], comments: [Comment],
        likes: [LikeRow], subscribers: [SubscriberRow], avatars: [AvatarRow] = [], follows: [FollowRow] = [],
        secrets: [String: String] = [:], moderation: ModerationRows = ModerationRows(),
        spamModel: SpamModelRows = SpamModelRows(), writer: WriterRows = WriterRows(), imports: ImportRows = ImportRows()
    ) {
        self.publication = publication
        self.members = members
        self.sessions = sessions
        self.posts = posts
        self.comments = comments
        self.likes = likes
        self.subscribers = subscribers
        self.avatars = avatars
        self.follows = follows
        self.secrets = secrets
        self.moderation = moderation
        self.spamModel = spamModel
        self.writer = writer
        self.imports = imports
    }

    /// The rows as an import writes them: every member's name in the form every write stores
    /// names in (`DisplayName.storedForm`), so that a site saved by a version that stored names
    /// as they came (bidirectional controls and all) arrives cleaned; the name key, made from
    /// the name on import, follows. Nothing is refused: a copy keeps its rows.
    public var inStoredForm: SiteData {
        var data = self
        for index in data.members.indices {
            data.members[index].member.displayName = DisplayName.storedForm(data.members[index].member.displayName)
        }
        return data
    }

    /// Row counts per table, for checking a copy.
    public var counts: [String: Int] {
        [
            "members": members.count, "sessions": sessions.count, "posts": posts.count, "comments": comments.count,
            "likes": likes.count, "subscribers": subscribers.count, "avatars": avatars.count, "follows": follows.count,
            "secrets": secrets.count, "moderation_settings": moderation.settings == nil ? 0 : 1,
            "comment_moderation": moderation.commentModeration.count, "comment_reports": moderation.reports.count,
            "bans": moderation.bans.count, "mutes": moderation.mutes.count, "audit_log": moderation.audit.count,
            "spam_features": spamModel.features.count, "uploads": writer.uploads.count,
            "post_slugs": writer.formerSlugs.count, "post_likes": writer.postLikes.count,
            "comment_dislikes": imports.dislikes.count, "isso_votes": imports.issoVotes.count,
            "import_keys": imports.importKeys.count,
        ]
    }
}

/// Copying whole sites between engines.
public protocol SiteTransfer: Sendable {
    /// Every row of the site, in one consistent read.
    func exportSite() async throws -> SiteData
    /// Writes every row of `data` into this store exactly as given, in one transaction, ids and
    /// counters as they are, and sequences continue after the highest ids copied. The store
    /// must be empty (else `StoreError.duplicate(field: "site")`), unless `replacingExisting`:
    /// then what it held is erased in the same transaction, so a failed copy leaves it as it was.
    /// Each engine's half of `importSite`, which is what callers use.
    func writeSite(_ data: SiteData, replacingExisting: Bool) async throws
    /// True when the store holds no members, posts, comments or subscribers.
    func isEmptySite() async throws -> Bool
    /// Deletes every row (for `migrate-data --force`), in one transaction.
    func eraseSite() async throws
}

extension SiteTransfer {
    /// Writes `data` into this store as `writeSite` does, with its rows in the form every write
    /// stores them in (`SiteData.inStoredForm`): the one place every engine's import goes
    /// through, so that no engine writes a name another write path would have cleaned.
    public func importSite(_ data: SiteData, replacingExisting: Bool) async throws {
        try await writeSite(data.inStoredForm, replacingExisting: replacingExisting)
    }
}
