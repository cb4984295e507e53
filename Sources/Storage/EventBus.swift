import Domain
import Foundation
import Synchronization

/// Something that happened in a discussion, told to every instance of the site so that
/// readers there can see it without reloading.
public enum SiteEvent: Hashable, Sendable {
    case commentPosted(post: PostID, comment: CommentID)
    case commentEdited(post: PostID, comment: CommentID)
    case commentDeleted(post: PostID, comment: CommentID)
    case likeChanged(post: PostID, comment: CommentID, count: Int)
    /// Something in the discussion changed that only some of its readers may see (a held
    /// comment, for its author and staff): which comment is not said, so that no subscriber
    /// learns of it. Live readers find what it was in the kept live events (`LiveEventStore`).
    case hiddenChange(post: PostID)

    /// The post whose discussion changed.
    public var post: PostID {
        switch self {
        case .commentPosted(let post, _), .commentEdited(let post, _), .commentDeleted(let post, _), .likeChanged(let post, _, _): post
        case .hiddenChange(let post): post
        }
    }

    /// A compact text form, small enough for a PostgreSQL NOTIFY payload: `kind post comment [count]`,
    /// or `hidden post`.
    public var wireText: String {
        switch self {
        case .commentPosted(let post, let comment): "posted \(post) \(comment)"
        case .commentEdited(let post, let comment): "edited \(post) \(comment)"
        case .commentDeleted(let post, let comment): "deleted \(post) \(comment)"
        case .likeChanged(let post, let comment, let count): "liked \(post) \(comment) \(count)"
        case .hiddenChange(let post): "hidden \(post)"
        }
    }

    /// Parses `wireText`; nil for anything else (a message from a newer or older version).
    public init?(wireText: String) {
        let parts = wireText.split(separator: " ")
        if parts.count == 2, parts[0] == "hidden", let post = PostID(parsing: parts[1]) {
            self = .hiddenChange(post: post)
            return
        }
        guard parts.count >= 3, let post = PostID(parsing: parts[1]), let comment = CommentID(parsing: parts[2]) else { return nil }
        switch (parts[0], parts.count) {
        case ("posted", 3): self = .commentPosted(post: post, comment: comment)
        case ("edited", 3): self = .commentEdited(post: post, comment: comment)
        case ("deleted", 3): self = .commentDeleted(post: post, comment: comment)
        case ("liked", 4):
            guard let count = Int(parts[3]), count >= 0 else { return nil }
            self = .likeChanged(post: post, comment: comment, count: count)
        default: return nil
        }
    }
}

/// Carries `SiteEvent`s to every subscriber of every instance of a site.
///
/// Delivery is best effort and at most once: a reader who misses an event sees the change on
/// the next page load. Publishing happens after the change is committed.
public protocol EventBus: Sendable {
    /// Tells every instance (this one included) that `event` happened.
    func publish(_ event: SiteEvent) async throws
    /// The events from now on, until the consumer stops iterating.
    func events() -> AsyncStream<SiteEvent>
}

/// The in-process bus: enough when one process serves the site (SQLite), and the local
/// fan-out that a cross-instance bus delivers into.
public final class LocalEventBus: EventBus {
    private struct Subscribers {
        var byID: [Int: AsyncStream<SiteEvent>.Continuation] = [:]
        var nextID = 0
    }

    private let subscribers = Mutex(Subscribers())
    /// Events a slow subscriber may fall behind by before the oldest are dropped.
    private let bufferSize: Int

    public init(bufferSize: Int = 256) {
        self.bufferSize = bufferSize
    }

    public func publish(_ event: SiteEvent) async throws {
        deliver(event)
    }

    /// Hands `event` to every local subscriber; never blocks.
    public func deliver(_ event: SiteEvent) {
        let targets = subscribers.withLock { Array($0.byID.values) }
        for continuation in targets { continuation.yield(event) }
    }

    public func events() -> AsyncStream<SiteEvent> {
        let (stream, continuation) = AsyncStream<SiteEvent>.makeStream(bufferingPolicy: .bufferingNewest(bufferSize))
        let id = subscribers.withLock { state in
            state.nextID += 1
            state.byID[state.nextID] = continuation
            return state.nextID
        }
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            _ = self.subscribers.withLock { $0.byID.removeValue(forKey: id) }
        }
        return stream
    }

    /// How many streams are listening: for tests and metrics.
    public var subscriberCount: Int { subscribers.withLock { $0.byID.count } }
}
