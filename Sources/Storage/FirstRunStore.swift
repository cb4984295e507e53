import Domain
import Foundation

/// The first run of a site: who may still make its owner. A site with no owner invites its
/// operator to make one from the home page; exactly one such request may succeed.
public protocol FirstRunStore: Sendable {
    /// Whether a member who is not deleted is an owner.
    func hasOwner() async throws -> Bool
    /// Inserts `owner` (its role must be `.owner`) only if the site has no owner, in one
    /// transaction that two instances or two requests cannot both pass: nil when an owner was
    /// there already. A taken email is `StoreError.duplicate`.
    func insertFirstOwner(_ owner: NewMember) async throws -> Member?
}
