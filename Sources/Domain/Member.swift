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

/// Whether a member signed in at least once, or only ever commented from elsewhere.
public enum MemberKind: String, CaseIterable, Sendable, Codable {
    /// Someone who signed in (by link, password or as the first owner): the usual member.
    case account
    /// An author brought in by an import, or an anonymous commenter (`--anonymous-comments`,
    /// the Isso API): a name on comments who never proved an address. A guest is mailed nothing
    /// and has no password; signing in by email link with the guest's address makes it an account.
    case guest
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
    /// An account, or a guest (imported author, anonymous commenter).
    public var kind: MemberKind
    /// The website a guest gave with a comment (Isso's `website`, an import's author URL);
    /// nil for most members.
    public var website: String?

    public init(
        id: MemberID, email: String, displayName: String, bio: String = "", role: Role, createdAt: Date,
        notifyReplies: Bool = true, notifyMentions: Bool = true, avatarVersion: String? = nil, deletedAt: Date? = nil,
        kind: MemberKind = .account, website: String? = nil
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
        self.kind = kind
        self.website = website
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
    /// `.guest` for imported authors and anonymous commenters (stored with both notify
    /// switches off: a guest is mailed nothing).
    public var kind: MemberKind
    public var website: String?

    public init(
        email: String, displayName: String, bio: String = "", role: Role, passwordHash: String?, createdAt: Date,
        kind: MemberKind = .account, website: String? = nil
    ) {
        self.email = email
        self.displayName = displayName
        self.bio = bio
        self.role = role
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.kind = kind
        self.website = website
    }
}
