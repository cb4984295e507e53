import Domain
import Foundation

/// Builds comments the way a store would, so tree rules can be tested without one.
struct ThreadBuilder {
    private(set) var comments: [CommentID: Comment] = [:]
    private var nextID: Int64 = 1
    let post = PostID(1)
    var clock = Date(timeIntervalSince1970: 1_700_000_000)

    @discardableResult
    mutating func add(replyTo parent: CommentID? = nil, likes: Int = 0, deleted: Bool = false) -> CommentID {
        let id = CommentID(nextID)
        nextID += 1
        clock += 60
        let parentComment = parent.flatMap { comments[$0] }
        let comment = Comment(
            id: id, postID: post, parentID: parent, rootID: parentComment?.rootID ?? id,
            depth: parentComment.map { $0.depth + 1 } ?? 0,
            path: CommentPath.path(for: id, under: parentComment?.path), authorID: MemberID(1),
            bodyText: "c\(id)", bodyHTML: "<p>c\(id)</p>", createdAt: clock, editedAt: nil,
            deletedAt: deleted ? clock : nil, likeCount: likes, descendantCount: 0)
        comments[id] = comment
        if !deleted {
            var ancestor = parent
            while let current = ancestor {
                comments[current]!.descendantCount += 1
                ancestor = comments[current]!.parentID
            }
        }
        return id
    }

    subscript(id: CommentID) -> Comment { comments[id]! }

    /// Descendants of `top` in path order, optionally cut at an absolute depth and a count.
    func descendants(of top: CommentID, maxDepth: Int = .max, limit: Int = .max) -> [Comment] {
        let prefix = self[top].path + "/"
        return Array(
            comments.values.filter { $0.path.hasPrefix(prefix) && $0.depth <= maxDepth }
                .sorted { $0.path < $1.path }.prefix(limit))
    }
}
