import Domain
import Foundation
import Storage

extension InMemoryStore {
    public func insertComment(_ new: NewComment, notices: CommentNotices?) throws -> Comment {
        guard posts[new.postID] != nil else { throw StoreError.missing("post") }
        guard let author = storedMembers[new.authorID], !author.member.isDeleted else { throw StoreError.missing("member") }
        var parent: Comment?
        if let parentID = new.parentID {
            // A reply must stay in its parent's discussion: a parent of another post is as good as gone.
            guard let found = comments[parentID], found.postID == new.postID else { throw StoreError.missing("parent") }
            parent = found
        }
        lastCommentID += 1
        let id = CommentID(lastCommentID)
        let comment = Comment(
            id: id, postID: new.postID, parentID: parent?.id, rootID: parent?.rootID ?? id,
            depth: parent.map { $0.depth + 1 } ?? 0,
            path: CommentPath.path(for: id, under: parent?.path), authorID: new.authorID,
            bodyText: new.bodyText, bodyHTML: new.bodyHTML,
            createdAt: new.createdAt.truncatedToMilliseconds, editedAt: nil, deletedAt: nil,
            likeCount: 0, descendantCount: 0)
        comments[id] = comment
        adjustCounts(of: comment, by: 1)
        if let notices { notify(about: comment, parent: parent, notices) }
        return comment
    }

    public func comment(id: CommentID) -> Comment? {
        comments[id]
    }

    /// The reference keeps no moderation: every comment is visible, so only the text rule applies.
    public func comment(id: CommentID, visibleTo visibility: CommentVisibility) -> Comment? {
        comments[id].map(visibility.redacted)
    }

    public func rootComments(
        postID: PostID, sort: CommentSort, after cursor: CommentCursor?, limit: Int, visibleTo visibility: CommentVisibility
    ) -> [Comment] {
        guard limit > 0 else { return [] }
        let roots = comments.values.filter { comment in
            guard comment.postID == postID, comment.isRoot else { return false }
            guard let cursor else { return true }
            return sort.precedes(cursor, CommentCursor(sort: sort, comment: comment))
        }
        return Array(roots.sorted(by: sort.precedes).prefix(limit))
    }

    public func descendants(
        of top: Comment, maxDepth: Int, afterReply: CommentID?, limit: Int, visibleTo visibility: CommentVisibility
    ) -> [Comment] {
        guard limit > 0 else { return [] }
        let (lower, upper) = CommentPath.descendantRange(of: top.path)
        var resume: String?
        if let afterReply {
            resume = CommentPath.resumePath(after: afterReply, storedPath: comments[afterReply]?.path, below: top)
        }
        let below = comments.values.filter { comment in
            comment.path > lower && comment.path < upper && comment.depth <= maxDepth
                && (resume.map { comment.path >= $0 } ?? true)
        }
        return Array(below.sorted { $0.path < $1.path }.prefix(limit))
    }

    public func countDescendants(of top: Comment, throughReply reply: CommentID) -> Int {
        let (lower, _) = CommentPath.descendantRange(of: top.path)
        let end = CommentPath.resumePath(after: reply, storedPath: comments[reply]?.path, below: top)
        return comments.values.filter { $0.path > lower && $0.path < end && !$0.isDeleted }.count
    }

    public func ancestors(of comment: Comment, visibleTo visibility: CommentVisibility) -> [Comment] {
        visibility.redacted(CommentPath.ancestorIDs(ofPath: comment.path).compactMap { comments[$0] })
    }

    public func updateCommentBody(id: CommentID, text: String, html: String, editedAt: Date) throws {
        // A placeholder's text is gone for good: editing it would bring a deleted comment back.
        guard var comment = comments[id], !comment.isDeleted else { throw StoreError.missing("comment") }
        comment.bodyText = text
        comment.bodyHTML = html
        comment.editedAt = editedAt.truncatedToMilliseconds
        comments[id] = comment
    }

    public func deleteComment(id: CommentID, at date: Date) throws -> CommentDeletion {
        guard var comment = comments[id] else { throw StoreError.missing("comment") }
        // Deleting twice must not count twice.
        if comment.isDeleted { return .placeholder }
        adjustCounts(of: comment, by: -1)
        if hasReplies(id) {
            comment.deletedAt = date.truncatedToMilliseconds
            // The author asked for the words to go; only the thread's shape stays.
            comment.bodyText = ""
            comment.bodyHTML = ""
            comments[id] = comment
            return .placeholder
        }
        remove(id)
        // Placeholders exist only to hold replies up; one left with none goes too. They were
        // already taken out of every count when they became placeholders.
        var next = comment.parentID
        while let parentID = next, let parent = comments[parentID], parent.isDeleted, !hasReplies(parentID) {
            remove(parentID)
            next = parent.parentID
        }
        return .removed
    }

    public func toggleLike(commentID: CommentID, memberID: MemberID, at date: Date) throws -> LikeState {
        guard var comment = comments[commentID], !comment.isDeleted else { throw StoreError.missing("comment") }
        guard let member = storedMembers[memberID], !member.member.isDeleted else { throw StoreError.missing("member") }
        let key = LikeKey(commentID: commentID, memberID: memberID)
        let liked = likes[key] == nil
        likes[key] = liked ? date.truncatedToMilliseconds : nil
        comment.likeCount += liked ? 1 : -1
        comments[commentID] = comment
        return LikeState(liked: liked, count: comment.likeCount)
    }

    public func likedCommentIDs(memberID: MemberID, among commentIDs: [CommentID]) -> Set<CommentID> {
        Set(commentIDs.filter { likes[LikeKey(commentID: $0, memberID: memberID)] != nil })
    }

    public func comments(authorID: MemberID, before: CommentID?, limit: Int, visibleTo visibility: CommentVisibility) -> [Comment] {
        guard limit > 0 else { return [] }
        let theirs = comments.values.filter { comment in
            comment.authorID == authorID && (before.map { comment.id < $0 } ?? true) && visibility.mayRead(comment)
        }
        return Array(theirs.sorted { $0.id > $1.id }.prefix(limit))
    }

    public func likes(memberID: MemberID) -> [(commentID: CommentID, at: Date)] {
        likes.filter { $0.key.memberID == memberID }
            .map { (commentID: $0.key.commentID, at: $0.value) }
            .sorted { ($0.at, $0.commentID) < ($1.at, $1.commentID) }
    }

    // MARK: Helpers

    func hasReplies(_ id: CommentID) -> Bool {
        comments.values.contains { $0.parentID == id }
    }

    /// Adds `delta` to the post's comment count and to the descendant count of every ancestor.
    func adjustCounts(of comment: Comment, by delta: Int) {
        posts[comment.postID]?.commentCount += delta
        for ancestorID in CommentPath.ancestorIDs(ofPath: comment.path) {
            comments[ancestorID]?.descendantCount += delta
        }
    }

    func remove(_ id: CommentID) {
        comments[id] = nil
        likes = likes.filter { $0.key.commentID != id }
    }
}
