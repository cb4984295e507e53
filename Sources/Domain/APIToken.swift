import Foundation

/// A member's API token, as the store keeps it: a name and dates, never the token itself (only
/// its SHA-256 is stored, and a request's bearer token is found by its hash).
public struct APIToken: Hashable, Sendable {
    public let id: APITokenID
    public let memberID: MemberID
    /// What the member called it ("deploy bot"), shown in their settings.
    public var name: String
    public let createdAt: Date
    /// Updated at most once a minute, so a busy script does not write on every request.
    public var lastUsedAt: Date?
    /// A revoked token stays listed (so its owner sees it ended) but opens nothing.
    public var revokedAt: Date?

    public init(id: APITokenID, memberID: MemberID, name: String, createdAt: Date, lastUsedAt: Date? = nil, revokedAt: Date? = nil) {
        self.id = id
        self.memberID = memberID
        self.name = name
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }
}

public typealias APITokenID = Identifier<APIToken>
