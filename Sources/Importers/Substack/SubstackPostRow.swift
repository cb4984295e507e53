import Domain
import Foundation

/// One line of a Substack export's `posts.csv`, read into what Parley keeps of a post.
///
/// Substack names each post `NUMBER.slug` in the `post_id` column, and its body is
/// `posts/NUMBER.slug.html`. `is_published` says whether it went out (the rest are drafts),
/// `post_date` when (UTC, ISO 8601), and `audience` who could read it: `everyone`, or
/// `only_free` (subscribers), `only_paid` and `founding` (paying subscribers), which Parley,
/// having no paid tier, makes subscribers-only.
struct SubstackPostRow: Sendable, Equatable {
    /// `post_id` as written: the import key, and the body's file name.
    let postID: String
    /// The slug of the post's old address (`/p/SLUG`), or nil when the row has none.
    let slug: String?
    let title: String
    let subtitle: String
    let published: Bool
    let date: Date?
    let audience: PostAudience

    /// Nil for a row without a `post_id` (the caller counts it).
    init?(_ row: [String: String]) {
        guard let postID = row["post_id"]?.trimmingCharacters(in: .whitespaces), !postID.isEmpty else { return nil }
        self.postID = postID
        if let dot = postID.firstIndex(of: ".") {
            let slug = String(postID[postID.index(after: dot)...])
            self.slug = slug.isEmpty ? nil : slug
        } else {
            slug = nil
        }
        title = Self.line(row["title"], max: Limits.titleLength)
        subtitle = Self.line(row["subtitle"], max: Limits.subtitleLength)
        published = Self.isTrue(row["is_published"])
        date = row["post_date"].flatMap(Self.date)
        switch row["audience"]?.trimmingCharacters(in: .whitespaces).lowercased() {
        case "only_paid", "founding", "only_free": audience = .subscribers
        default: audience = .everyone
        }
    }

    /// The body's path in the export.
    var bodyPath: String { "posts/\(postID).html" }

    /// Substack writes `true`/`false`; spreadsheets that saved the file again write `TRUE` or `1`.
    static func isTrue(_ value: String?) -> Bool {
        guard let value = value?.trimmingCharacters(in: .whitespaces).lowercased() else { return false }
        return value == "true" || value == "t" || value == "1" || value == "yes"
    }

    /// One line, whitespace collapsed, control characters gone, at most `max` characters.
    static func line(_ value: String?, max: Int) -> String {
        let words = (value ?? "").unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) }
        let collapsed = String(words).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return String(collapsed.prefix(max))
    }

    /// An ISO 8601 time with or without fractional seconds (`2024-03-01T09:30:00.000Z`), or the
    /// same with a space for the `T` and no zone (taken as UTC).
    static func date(_ raw: String) -> Date? {
        var text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        if text.count >= 19, text[text.index(text.startIndex, offsetBy: 10)] == " " {
            text.replaceSubrange(text.index(text.startIndex, offsetBy: 10)...text.index(text.startIndex, offsetBy: 10), with: "T")
        }
        if text.count == 10 { text += "T00:00:00Z" }
        let zoned = text.hasSuffix("Z") || text.dropFirst(19).contains("+") || text.dropFirst(19).contains("-")
        if !zoned { text += "Z" }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle())
    }
}
