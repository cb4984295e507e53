import Domain

extension CommentPath {
    /// The ids of the comments above the one at `path`, root first, read off the path itself.
    ///
    /// Stores use this to touch every ancestor of a comment (its descendant counts, pruning
    /// placeholders) with plain key lookups: no recursive query, no walk up parent links.
    /// Segments that are not ids (which a store never writes) are skipped.
    public static func ancestorIDs(ofPath path: String) -> [CommentID] {
        var segments = path.split(separator: separator, omittingEmptySubsequences: false)
        guard !segments.isEmpty else { return [] }
        segments.removeLast()
        return segments.compactMap { CommentID(parsing: $0) }
    }

    /// The lowest path of the comments that come after `replyPath`'s whole subtree.
    ///
    /// Every path in that subtree starts with `replyPath` followed by "/" (or ends there),
    /// and "/" sorts just before "0", so `replyPath + "0"` is above all of them and at or below
    /// the next sibling's path: "continue after this reply" is `path >= resumePath`.
    public static func resumePath(after replyPath: String) -> String {
        descendantRange(of: replyPath).upper
    }

    /// Where a page that continues after `reply`, a direct reply of `top`, starts: past the
    /// reply's subtree. Uses the reply's `storedPath` while it exists (and lies below `top`),
    /// else the path it had as a direct reply: a page may continue after a reply removed since.
    /// A path never changes once written, so a store may read it in any transaction.
    public static func resumePath(after reply: CommentID, storedPath: String?, below top: Comment) -> String {
        let below = descendantRange(of: top.path).lower
        let replyPath = storedPath.flatMap { $0.hasPrefix(below) ? $0 : nil } ?? path(for: reply, under: top.path)
        return resumePath(after: replyPath)
    }
}
