import Foundation

/// How both engines keep a held comment's spam features in one text column
/// (`comment_moderation.spam_features`): one feature a line, most weighty first.
///
/// A feature is a short token-like string; a line break inside one (which the classifier never
/// makes) is turned into a space, so the separator cannot occur in a stored feature.
public enum SpamFeatures {
    static let separator: Character = "\n"

    /// The column's text for `features`.
    public static func joined(_ features: [String]) -> String {
        features.map { $0.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ") }
            .joined(separator: String(separator))
    }

    /// The features kept in the column's `text`.
    public static func split(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
    }
}
