import Domain

// Whose eyes may read a comment's words. A read filtered by `CommentVisibility` also returns
// hidden comments as placeholders (they hold up visible replies, or the viewer's own held
// reply); the stores blank the text of those before it leaves them, so no page can show it.
extension CommentVisibility {
    /// Whether this viewer may read the comment's text: staff always, everyone a visible
    /// comment, an author also their own held ones.
    public func mayRead(_ comment: Comment) -> Bool {
        switch self {
        case .staff: true
        case .everyone: comment.status == .visible
        case .author(let memberID): comment.status == .visible || (comment.status == .held && comment.authorID == memberID)
        }
    }

    /// The comment as this viewer receives it: a placeholder without text when they may not read it.
    public func redacted(_ comment: Comment) -> Comment {
        guard !mayRead(comment) else { return comment }
        var placeholder = comment
        placeholder.bodyText = ""
        placeholder.bodyHTML = ""
        return placeholder
    }

    /// `redacted` for each comment.
    public func redacted(_ comments: [Comment]) -> [Comment] { comments.map(redacted) }
}
