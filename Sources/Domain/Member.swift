import Foundation

/// What a member may do. Staff (owner, admin, moderator) carry a badge on their comments.
public enum Role: String, CaseIterable, Sendable, Codable {
    case owner, admin, moderator, member

    /// Staff moderate discussions and wear a badge.
    public var isStaff: Bool { self != .member }
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

    public init(id: MemberID, email: String, displayName: String, bio: String = "", role: Role, createdAt: Date) {
        self.id = id
        self.email = email
        self.displayName = displayName
        self.bio = bio
        self.role = role
        self.createdAt = createdAt
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
