import Foundation

/// The address a guest without one is stored under: `members.email` is required and unique,
/// and a guest who gave no address (or gave one an account already holds: an anonymous
/// comment proves nothing) must neither take someone's address nor be mailed. `.invalid`
/// never resolves (RFC 6761), so no letter can leave for it.
public enum GuestAddress {
    public static let domain = "guest.invalid"

    /// A new placeholder, different every time.
    public static func make() -> String {
        "guest-" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "") + "@" + domain
    }

    /// True for an address `make()` made: shown as no address at all.
    public static func isPlaceholder(_ email: String) -> Bool {
        email.hasSuffix("@" + domain)
    }
}
