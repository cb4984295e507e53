import Foundation

/// What a member may do. Staff (owner, admin, moderator) carry a badge on their comments.
public enum Role: String, CaseIterable, Sendable, Codable {
    case owner, admin, moderator, member

    /// Staff moderate discussions and wear a badge.
    public var isStaff: Bool { self != .member }

    /// Owners and admins run the publication: posts, subscribers, figures and settings.
    /// Moderators keep the discussions clean and see only moderation.
    public var runsPublication: Bool { self == .owner || self == .admin }
}

/// A person with an account: a reader who comments, or a writer.
public struct Member: Hashable, Sendable {
    public let id: MemberID
    /// Always stored lowercased and trimmed: see `EmailAddress`.
    public var email: String
    public var displayName: String
    public var bio: String
    public var role: Role
    public var createdAt: Date
    /// Email me when someone replies to my comment (on unless the member turned it off).
    public var notifyReplies: Bool
    /// Email me when someone @mentions me (on unless the member turned it off).
    public var notifyMentions: Bool
    /// The version of an uploaded avatar, part of its URL so it can be cached for good;
    /// nil: the generated avatar (initials on a colour from the name).
    public var avatarVersion: String?
    /// When the member deleted their account; the row stays, scrubbed, so that placeholders
    /// of their comments keep an author.
    public var deletedAt: Date?

    public init(
        id: MemberID, email: String, displayName: String, bio: String = "", role: Role, createdAt: Date,
        notifyReplies: Bool = true, notifyMentions: Bool = true, avatarVersion: String? = nil, deletedAt: Date? = nil
    ) {
        self.id = id
        self.email = email
        self.displayName = displayName
        self.bio = bio
        self.role = role
        self.createdAt = createdAt
        self.notifyReplies = notifyReplies
        self.notifyMentions = notifyMentions
        self.avatarVersion = avatarVersion
        self.deletedAt = deletedAt
    }

    public var isDeleted: Bool { deletedAt != nil }
}

/// The key a display name is found by for @mentions: lowercased, spaces collapsed. Stored
/// beside the name (`members.name_key`) so that a mention is an index lookup on both engines.
public enum NameKey {
    public static func of(_ displayName: String) -> String {
        displayName.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

/// A member as stored before it has an id.
public struct NewMember: Sendable {
    public var email: String
    public var displayName: String
    public var bio: String
    public var role: Role
    /// A bcrypt hash, never the password itself.
    public var passwordHash: String?
    public var createdAt: Date

    public init(email: String, displayName: String, bio: String = "", role: Role, passwordHash: String?, createdAt: Date) {
        self.email = email
        self.displayName = displayName
        self.bio = bio
        self.role = role
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }
}
