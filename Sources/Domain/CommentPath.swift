/// The materialised path of a comment: the rule for making it and for ranging over a subtree.
public enum CommentPath {
    /// Every segment has this many digits, so string order equals numeric order.
    public static let segmentWidth = 12
    public static let separator: Character = "/"

    /// The path segment for one id: zero-padded decimal.
    public static func segment(for id: CommentID) -> String {
        let digits = String(id.rawValue)
        return String(repeating: "0", count: max(0, segmentWidth - digits.count)) + digits
    }

    /// The path of a new comment under `parentPath` (nil for a root).
    public static func path(for id: CommentID, under parentPath: String?) -> String {
        guard let parentPath else { return segment(for: id) }
        return parentPath + String(separator) + segment(for: id)
    }

    /// The half-open range of paths strictly below `path`: `lower < p < upper`.
    ///
    /// "/" sorts just before "0", so every descendant starts with `path + "/"` and sorts
    /// below `path + "0"`. Works as a plain index range in SQLite and PostgreSQL (C collation).
    public static func descendantRange(of path: String) -> (lower: String, upper: String) {
        (path + "/", path + "0")
    }
}
