import Foundation

/// A member kept from taking part: they cannot comment, reply, edit, like or report.
public struct Ban: Hashable, Sendable {
    public var memberID: MemberID
    /// Told to the member when they try, and shown to staff.
    public var reason: String
    public var bannedBy: MemberID
    public var createdAt: Date
    /// When it ends; nil: for good.
    public var until: Date?

    public init(memberID: MemberID, reason: String, bannedBy: MemberID, createdAt: Date, until: Date?) {
        self.memberID = memberID
        self.reason = reason
        self.bannedBy = bannedBy
        self.createdAt = createdAt
        self.until = until
    }

    /// Whether the ban still holds at `now`.
    public func isActive(at now: Date) -> Bool {
        guard let until else { return true }
        return now < until
    }
}
