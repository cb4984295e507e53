import Domain
import Foundation

/// What comment cards need to know about their authors beyond the member rows: read once per
/// page for every author on it.
public protocol MemberBadgeStore: Sendable {
    /// Those of `memberIDs` whose email has an active newsletter subscription: the
    /// "Subscriber" badge. Unknown and deleted members are left out.
    func subscribedMemberIDs(among memberIDs: [MemberID]) async throws -> Set<MemberID>
}
