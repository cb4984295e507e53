import Domain

/// What every engine writes over a deleted member's row (see `MemberStore.deleteAccount`).
public enum DeletedAccount {
    /// The address a deleted member's row keeps: unique, unroutable (`.invalid` is reserved),
    /// and never a real one, so the person can sign up again with their own.
    public static func email(for id: MemberID) -> String {
        "deleted-\(id.rawValue)@deleted.invalid"
    }
}
