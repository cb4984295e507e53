import Domain
import Foundation

/// What the members page searches for, as LIKE patterns both engines read alike.
///
/// Names are matched on the stored name key (lowercased, spaces collapsed) and emails as
/// stored (lowercased when written), against a pattern lowercased the same way in Swift, so
/// the match is case-insensitive beyond ASCII and the same on both engines (SQLite's own
/// `lower` and `LIKE` fold ASCII only). `%`, `_` and `\` in the search are taken literally:
/// the patterns escape them with `\`, which the queries name as `ESCAPE '\'`.
public struct MemberSearch: Sendable, Equatable {
    /// For `name_key LIKE ? ESCAPE '\'`.
    public let namePattern: String
    /// For `email LIKE ? ESCAPE '\'`.
    public let emailPattern: String

    /// Nil when there is nothing to search for (no search, or only spaces).
    public init?(_ search: String?) {
        guard let search else { return nil }
        let name = NameKey.of(search)
        let email = search.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !name.isEmpty || !email.isEmpty else { return nil }
        namePattern = "%" + Self.escaped(name) + "%"
        emailPattern = "%" + Self.escaped(email) + "%"
    }

    /// `text` with LIKE's wildcards and its escape character escaped.
    public static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "\\" || character == "%" || character == "_" { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
