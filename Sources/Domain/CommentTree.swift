/// One comment placed in the part of its thread that a page shows.
public struct ThreadNode: Hashable, Sendable {
    public let comment: Comment
    public var replies: [ThreadNode]
    /// Replies below this comment that the page does not show and no shown reply accounts for:
    /// the "N more replies" of this comment.
    public var hiddenReplyCount: Int
    /// The last reply shown directly under this comment, where a "more replies" page continues.
    public var continueAfter: CommentID? { replies.last?.comment.id }

    public init(comment: Comment, replies: [ThreadNode] = [], hiddenReplyCount: Int = 0) {
        self.comment = comment
        self.replies = replies
        self.hiddenReplyCount = hiddenReplyCount
    }

    /// Comments shown in this subtree that the counts count (visible, not deleted), this one included.
    public var shownCommentCount: Int {
        (comment.isCounted ? 1 : 0) + replies.reduce(0) { $0 + $1.shownCommentCount }
    }

    /// Every comment shown in this subtree, depth-first.
    public var allComments: [Comment] {
        [comment] + replies.flatMap(\.allComments)
    }
}

extension Comment {
    /// Whether the counts (a post's comment count, ancestors' descendant counts) include it.
    public var isCounted: Bool { status == .visible && !isDeleted }
}

/// The rules of threading: where a reply goes, how a window of a thread is built, and what
/// "N more" counts.
public enum CommentTree {
    /// The comment a reply to `target` is attached to.
    ///
    /// Threads nest at most `Limits.maxDepth` deep; a reply to a comment at that depth
    /// joins the same conversation as that comment's sibling, so it is never refused and the
    /// page never indents without end.
    public static func parentForReply(to target: Comment) -> CommentID {
        if target.depth >= Limits.maxDepth, let parent = target.parentID { return parent }
        return target.id
    }

    /// Builds the shown window of a thread.
    ///
    /// - Parameters:
    ///   - top: the comment at the top of the window (a root, or a focused comment).
    ///   - descendants: comments below `top` in path order, as the store returned them: a
    ///     depth-first prefix, possibly starting after some of `top`'s replies, possibly cut
    ///     at a depth. Anything not below `top` is ignored.
    public static func window(top: Comment, descendants: [Comment]) -> ThreadNode {
        var stack: [ThreadNode] = [ThreadNode(comment: top)]
        func popAndAttach() {
            let done = stack.removeLast()
            stack[stack.count - 1].replies.append(done)
        }
        for comment in descendants where comment.path.hasPrefix(top.path + "/") {
            while stack.count > 1, !comment.path.hasPrefix(stack[stack.count - 1].comment.path + "/") {
                popAndAttach()
            }
            guard comment.parentID == stack[stack.count - 1].comment.id else {
                // A gap in the prefix (the store skipped a level): not ours to show.
                continue
            }
            stack.append(ThreadNode(comment: comment))
        }
        while stack.count > 1 { popAndAttach() }
        var root = stack[0]
        computeHidden(&root)
        return root
    }

    /// A thread window that begins after the reply `after`: its hidden count excludes the
    /// replies up to and including `after`'s whole subtree, which an earlier page showed.
    public static func window(top: Comment, continuingAfter shownBefore: Int, descendants: [Comment]) -> ThreadNode {
        var node = window(top: top, descendants: descendants)
        node.hiddenReplyCount = max(0, node.hiddenReplyCount - shownBefore)
        return node
    }

    private static func computeHidden(_ node: inout ThreadNode) {
        var accounted = 0
        for index in node.replies.indices {
            computeHidden(&node.replies[index])
            let reply = node.replies[index].comment
            // Held and removed replies (shown to their author or to staff) are not counted.
            accounted += (reply.isCounted ? 1 : 0) + reply.descendantCount
        }
        node.hiddenReplyCount = max(0, node.comment.descendantCount - accounted)
    }

    /// "N more comments...": every comment of the post not shown, replies included.
    public static func moreComments(total: Int, shown: [ThreadNode]) -> Int {
        max(0, total - shown.reduce(0) { $0 + $1.shownCommentCount })
    }
}
