import Domain
import Foundation
import Logging
import ServiceLifecycle
import Storage
import Synchronization

/// Hands the site's kept live events to the readers connected to this instance (docs/LIVE.md).
///
/// One hub per instance, run as a service. It listens on the event bus; each bell (an event
/// from any instance) makes it read the events kept since the last one it read, in one query
/// for all its readers, and yield each to the readers of that post who may receive it. An idle
/// reader is a suspended task waiting on its stream: nothing polls for it. Every 25 seconds
/// the hub yields a heartbeat to each reader (which the stream writes as an SSE comment, so
/// proxies keep the connection and a closed one is noticed) and reads once more, in case a
/// bell was lost while the PostgreSQL listener reconnected.
///
/// A reader's buffer is bounded: a reader that falls that far behind is ended, and its browser
/// reconnects with `Last-Event-ID`, resuming from the database, so it loses nothing.
public final class LiveHub: Service {
    /// What a reader's stream receives.
    enum Item: Sendable {
        case event(LiveEvent)
        case heartbeat
    }

    private struct Reader {
        var post: PostID
        var continuation: AsyncStream<Item>.Continuation
    }

    private struct State {
        var readers: [Int: Reader] = [:]
        var nextID = 0
        /// The id of the last event handed out; nil until first read from the store.
        var cursor: Int64?
        var stopped = false
    }

    let store: any LiveEventStore
    /// The bus's events, subscribed to when the hub is made, so that none rung before `run()`
    /// starts is missed (the bus keeps a bounded number for a subscriber that is not reading).
    private let bells: AsyncStream<SiteEvent>
    let logger: Logger
    let heartbeat: Duration
    /// Events a reader may have waiting before it is ended (it then resumes from the database).
    let readerBuffer: Int
    /// How long events are kept, and at most how many.
    let window: TimeInterval
    let keep: Int
    private let state = Mutex(State())

    public init(
        store: any LiveEventStore, bus: any EventBus, logger: Logger, heartbeat: Duration = .seconds(25), readerBuffer: Int = 500,
        window: TimeInterval = 86_400, keep: Int = 10_000
    ) {
        self.store = store
        self.bells = bus.events()
        self.logger = logger
        self.heartbeat = heartbeat
        self.readerBuffer = readerBuffer
        self.window = window
        self.keep = keep
    }

    /// How many readers this instance holds: for tests, the benchmark and metrics.
    public var readerCount: Int { state.withLock { $0.readers.count } }

    /// A stream of the events of `post` handed out from now on (not yet filtered by viewer),
    /// and heartbeats; it ends when the hub stops or the reader falls too far behind.
    func subscribe(to post: PostID) -> AsyncStream<Item> {
        let (stream, continuation) = AsyncStream<Item>.makeStream(bufferingPolicy: .bufferingOldest(readerBuffer))
        let id: Int? = state.withLock { state in
            guard !state.stopped else { return nil }
            state.nextID += 1
            state.readers[state.nextID] = Reader(post: post, continuation: continuation)
            return state.nextID
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.readers.removeValue(forKey: id) }
        }
        return stream
    }

    public func run() async throws {
        let bells = self.bells
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in bells.cancelOnGracefulShutdown() { await self.catchUp() }
            }
            group.addTask {
                var beats = 0
                while (try? await Task.sleep(for: self.heartbeat)) != nil, !Task.isShuttingDownGracefully {
                    await self.catchUp()
                    self.beat()
                    beats += 1
                    // Pruning is one DELETE per instance about every 10 minutes.
                    if beats % 24 == 1 { await self.prune() }
                }
            }
            await withGracefulShutdownHandler {
                await group.next()
            } onGracefulShutdown: {
                self.stop()
            }
            group.cancelAll()
        }
        stop()
    }

    /// Makes sure the hub knows where it stands, before a reader subscribes: from then on it
    /// hands out every event kept after that point. (Without readers there is nobody to hand
    /// events to, so the hub starts from the newest event the first time one arrives.)
    func prepare() async throws {
        guard state.withLock({ $0.cursor }) == nil else { return }
        let last = try await store.liveEventBounds().last
        state.withLock { $0.cursor = $0.cursor ?? last }
    }

    /// The event a page rendered now reflects at least: where its script's stream starts. It may
    /// lag behind the store by events not yet handed out, which the page then hears again;
    /// the script ignores what it already shows, so nothing is lost or shown twice.
    func since() async throws -> Int64 {
        try await prepare()
        return state.withLock { $0.cursor ?? 0 }
    }

    /// Reads what was kept since the last read and hands it out, in id order.
    func catchUp() async {
        do {
            guard var cursor = state.withLock({ $0.cursor }) else {
                try await prepare()
                return
            }
            while true {
                let events = try await store.liveEvents(after: cursor, postID: nil, limit: 500)
                guard !events.isEmpty else { return }
                deliver(events)
                cursor = events[events.count - 1].id
                if events.count < 500 { return }
            }
        } catch {
            logger.warning("live: reading events failed, trying again at the next event or heartbeat: \(String(reflecting: error))")
        }
    }

    /// Yields each event newer than the cursor to the readers of its post; ends a reader whose
    /// buffer is full, so it reconnects and resumes from the database instead of skipping one.
    private func deliver(_ events: [LiveEvent]) {
        let overflowed: [AsyncStream<Item>.Continuation] = state.withLock { state in
            var full: [AsyncStream<Item>.Continuation] = []
            for event in events where event.id > (state.cursor ?? 0) {
                state.cursor = event.id
                for reader in state.readers.values where reader.post == event.event.postID {
                    if case .dropped = reader.continuation.yield(.event(event)) { full.append(reader.continuation) }
                }
            }
            return full
        }
        for continuation in overflowed { continuation.finish() }
    }

    private func beat() {
        let readers = state.withLock { Array($0.readers.values) }
        for reader in readers { reader.continuation.yield(.heartbeat) }
    }

    private func prune() async {
        do {
            _ = try await store.pruneLiveEvents(before: Date().addingTimeInterval(-window), keep: keep)
        } catch {
            logger.warning("live: pruning old events failed: \(String(reflecting: error))")
        }
    }

    /// Ends every reader's stream (so their responses finish and shutdown is not held up) and
    /// refuses new ones.
    private func stop() {
        let readers = state.withLock { state in
            state.stopped = true
            return Array(state.readers.values)
        }
        for reader in readers { reader.continuation.finish() }
    }
}
