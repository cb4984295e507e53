import Foundation

/// The website an anonymous commenter gives with a comment (Isso's `website`): an absolute
/// http(s) address with a host, at most `Limits.guestWebsiteLength` characters. Like Isso, an
/// address typed without a scheme (`example.com/me`) is taken as http.
public enum GuestWebsite {
    /// The address to store, nil when nothing was typed; refused on `field` when it is not a
    /// web address (a `javascript:` one above all: it is shown as a link).
    public static func normalize(_ raw: String?, field: String = "website") throws(FieldError) -> String? {
        let trimmed = TextInput.oneLine(raw ?? "")
        guard !trimmed.isEmpty else { return nil }
        guard trimmed.count <= Limits.guestWebsiteLength else { throw FieldError(field, .tooLong(max: Limits.guestWebsiteLength)) }
        let lowered = trimmed.lowercased()
        let full = lowered.hasPrefix("http://") || lowered.hasPrefix("https://") ? trimmed : "http://" + trimmed
        guard let parts = URLComponents(string: full), let scheme = parts.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = parts.host, !host.isEmpty, host.contains(".") || host == "localhost", parts.user == nil, parts.password == nil,
            !full.contains(where: { $0.isWhitespace || "\"'<>`\\".contains($0) })
        else { throw FieldError(field, .invalidChoice) }
        guard full.count <= Limits.guestWebsiteLength else { throw FieldError(field, .tooLong(max: Limits.guestWebsiteLength)) }
        return full
    }
}

extension Limits {
    /// Characters of a guest's website (Isso's own limit).
    public static let guestWebsiteLength = 254
    /// Addresses one `POST /isso/count` may ask about.
    public static let issoCountURLs = 100
    /// Root comments the Isso API reads of one discussion to page through with `offset`.
    public static let issoRootScan = 1_000
    /// Replies the Isso API reads under one root comment.
    public static let issoReplyScan = 1_000
    /// Comments one `GET /isso/` answer holds in all, top-level and replies together.
    public static let issoAnswerComments = 1_000
    /// Comments `GET /isso/latest` and `GET /isso/feed` give at most.
    public static let issoLatest = 100
    /// Seconds an Isso edit cookie lets its holder edit or delete the comment (Isso's own 15 minutes).
    public static let issoEditSeconds = 900
}
