import Domain
import Foundation
import Testing

@Suite("Comment threads")
struct CommentTreeTests {
    @Test("A thread window nests replies under their parents, oldest first")
    func windowNestsReplies() {
        // Given a root with two replies, the first of which has a reply
        var thread = ThreadBuilder()
        let root = thread.add()
        let first = thread.add(replyTo: root)
        let second = thread.add(replyTo: root)
        let nested = thread.add(replyTo: first)

        // When the whole thread is shown
        let window = CommentTree.window(top: thread[root], descendants: thread.descendants(of: root))

        // Then it keeps the thread's shape and nothing is hidden
        #expect(window.replies.map(\.comment.id) == [first, second])
        #expect(window.replies[0].replies.map(\.comment.id) == [nested])
        #expect(window.hiddenReplyCount == 0)
        #expect(window.shownCommentCount == 4)
    }

    @Test("Replies cut by depth fold into N more replies on the deepest shown comment")
    func depthCutFolds() {
        // Given a chain root → a → b → c → d
        var thread = ThreadBuilder()
        let root = thread.add()
        let a = thread.add(replyTo: root)
        let b = thread.add(replyTo: a)
        let c = thread.add(replyTo: b)
        thread.add(replyTo: c)

        // When only two levels below the root are shown
        let window = CommentTree.window(top: thread[root], descendants: thread.descendants(of: root, maxDepth: 2))

        // Then b carries the fold for c and d
        #expect(window.hiddenReplyCount == 0)
        #expect(window.replies[0].hiddenReplyCount == 0)
        #expect(window.replies[0].replies[0].comment.id == b)
        #expect(window.replies[0].replies[0].hiddenReplyCount == 2)
    }

    @Test("Replies cut by count fold on the comment whose later replies are missing")
    func countCutFolds() {
        // Given a root with five replies
        var thread = ThreadBuilder()
        let root = thread.add()
        let replies = (0..<5).map { _ in thread.add(replyTo: root) }

        // When only the first two are shown
        let window = CommentTree.window(top: thread[root], descendants: thread.descendants(of: root, limit: 2))

        // Then the root says 3 more replies, continuing after the second
        #expect(window.hiddenReplyCount == 3)
        #expect(window.continueAfter == replies[1])
    }

    @Test("A continuation window does not count again what an earlier page showed")
    func continuationCounts() {
        var thread = ThreadBuilder()
        let root = thread.add()
        let replies = (0..<5).map { _ in thread.add(replyTo: root) }
        let rest = thread.descendants(of: root).filter { $0.id > replies[1] }.prefix(2)

        // When the page continues after the second reply and shows two more
        let window = CommentTree.window(top: thread[root], continuingAfter: 2, descendants: Array(rest))

        // Then one reply is still hidden
        #expect(window.hiddenReplyCount == 1)
    }

    @Test("A deleted placeholder is shown but not counted as a comment")
    func placeholdersAreNotCounted() {
        var thread = ThreadBuilder()
        let root = thread.add(deleted: true)
        thread.add(replyTo: root)
        let window = CommentTree.window(top: thread[root], descendants: thread.descendants(of: root))
        #expect(window.shownCommentCount == 1)
        #expect(CommentTree.moreComments(total: 5, shown: [window]) == 4)
    }

    @Test("N more comments counts every comment not shown, replies included")
    func moreCommentsCountsReplies() {
        var thread = ThreadBuilder()
        let root = thread.add()
        let reply = thread.add(replyTo: root)
        thread.add(replyTo: reply)
        thread.add(replyTo: root)
        let window = CommentTree.window(top: thread[root], descendants: thread.descendants(of: root, maxDepth: 1, limit: 1))
        #expect(CommentTree.moreComments(total: 10, shown: [window]) == 8)
    }

    @Test("A reply to a comment at the deepest level joins that comment's parent")
    func deepRepliesFlatten() {
        var thread = ThreadBuilder()
        var last = thread.add()
        for _ in 0..<Limits.maxDepth { last = thread.add(replyTo: last) }
        #expect(thread[last].depth == Limits.maxDepth)
        #expect(CommentTree.parentForReply(to: thread[last]) == thread[last].parentID)

        let shallow = thread[thread[last].parentID!]
        #expect(CommentTree.parentForReply(to: shallow) == shallow.id)
    }

    @Test("Descendant ranges hold exactly the subtree, however ids compare as text")
    func descendantRangeHoldsSubtree() {
        let nine = CommentPath.path(for: CommentID(9), under: nil)
        let child = CommentPath.path(for: CommentID(10), under: nine)
        let sibling = CommentPath.path(for: CommentID(90), under: nil)
        let (lower, upper) = CommentPath.descendantRange(of: nine)
        #expect(child > lower && child < upper)
        #expect(!(sibling > lower && sibling < upper))
        #expect(!(nine > lower && nine < upper))
    }
}
