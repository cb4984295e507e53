import Domain
import Foundation
import Storage
import Testing

@Suite("Event bus")
struct EventBusTests {
    @Test("Given two subscribers, when an event is published, then both receive it")
    func fanOut() async throws {
        let bus = LocalEventBus()
        let first = bus.events()
        let second = bus.events()
        let event = SiteEvent.likeChanged(post: PostID(1), comment: CommentID(2), count: 3)
        try await bus.publish(event)
        var a = first.makeAsyncIterator()
        var b = second.makeAsyncIterator()
        #expect(await a.next() == event)
        #expect(await b.next() == event)
    }

    @Test("Given a subscriber that stops listening, when it is gone, then the bus forgets it")
    func unsubscribes() async throws {
        let bus = LocalEventBus()
        do {
            let stream = bus.events()
            let task = Task { for await _ in stream { break } }
            #expect(bus.subscriberCount == 1)
            try await bus.publish(.commentPosted(post: PostID(1), comment: CommentID(1)))
            await task.value
        }
        // onTermination runs once the iteration ended and the stream was released.
        for _ in 0..<100 where bus.subscriberCount > 0 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(bus.subscriberCount == 0)
    }

    @Test(
        "Every event survives its wire text",
        arguments: [
            SiteEvent.commentPosted(post: PostID(1), comment: CommentID(22)),
            .commentEdited(post: PostID(3), comment: CommentID(4)),
            .commentDeleted(post: PostID(5), comment: CommentID(6)),
            .likeChanged(post: PostID(7), comment: CommentID(8), count: 0),
        ])
    func wireRoundTrip(event: SiteEvent) {
        #expect(SiteEvent(wireText: event.wireText) == event)
    }

    @Test(
        "Unknown or malformed wire texts are ignored",
        arguments: ["", "posted", "posted 1", "liked 1 2", "liked 1 2 -1", "shouted 1 2", "posted x 2", "posted 1 2 3"])
    func malformedWire(text: String) {
        #expect(SiteEvent(wireText: text) == nil)
    }
}
