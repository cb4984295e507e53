import Domain
import Foundation
import Testing

@Suite("Sort orders and cursors")
struct CommentSortTests {
    @Test("Top puts more likes first, then older, then lower id")
    func topOrder() {
        var thread = ThreadBuilder()
        let old = thread.add(likes: 3)
        let popular = thread.add(likes: 9)
        let tie = thread.add(likes: 3)
        let ordered = [thread[tie], thread[old], thread[popular]].sorted { CommentSort.top.precedes($0, $1) }
        #expect(ordered.map(\.id) == [popular, old, tie])
    }

    @Test("Newest and oldest are each other's reverse")
    func newAndOld() {
        var thread = ThreadBuilder()
        let ids = (0..<4).map { _ in thread.add() }
        let comments = ids.map { thread[$0] }
        #expect(comments.sorted { CommentSort.old.precedes($0, $1) }.map(\.id) == ids)
        #expect(comments.sorted { CommentSort.new.precedes($0, $1) }.map(\.id) == ids.reversed())
    }

    @Test("A cursor survives its text form and refuses another sort's token")
    func cursorRoundTrip() {
        let cursor = CommentCursor(sort: .top, likeCount: 4, createdAtMilliseconds: 1_700_000_000_123, id: CommentID(77))
        #expect(CommentCursor(token: cursor.token, sort: .top) == cursor)
        #expect(CommentCursor(token: cursor.token, sort: .new) == nil)
    }

    @Test(
        "Malformed cursors are refused",
        arguments: [
            "", "top", "top.1.2", "top.-1.2.3", "top.1.2.0", "top.x.2.3", "top.1.2.3.4",
            "top.1.2.99999999999999999999", String(repeating: "9", count: 200),
        ])
    func malformedCursors(token: String) {
        #expect(CommentCursor(token: token, sort: .top) == nil)
    }

    @Test("Unknown sort names fall back to Top")
    func unknownSort() {
        #expect(CommentSort(query: "bogus") == .top)
        #expect(CommentSort(query: nil) == .top)
        #expect(CommentSort(query: "old") == .old)
    }
}
