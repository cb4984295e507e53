import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import Storage
import Synchronization

/// The event bus of several instances on one PostgreSQL database, over LISTEN/NOTIFY.
///
/// `publish` sends `NOTIFY` with the event's wire text; `run()` holds one connection of the
/// store's pool in `LISTEN` and hands what arrives to this instance's subscribers. An
/// instance hears its own events the same way, so every instance sees one stream in one
/// order. PostgreSQL sends a notification only once the publishing transaction commits, and
/// publishing happens after the change is committed anyway. Delivery is best effort, as the
/// port says: while the listening connection is being re-made, events are missed, and pages
/// catch up on their next load.
public final class PostgresEventBus: EventBus, Service {
    let store: PostgresStore
    let logger: Logger
    /// The NOTIFY channel: one per site sharing a database.
    let channel: String
    let local: LocalEventBus
    /// Whether the listening connection is up; read by tests from other tasks.
    private let listening = Mutex(false)

    /// A bus over `store`'s database. Run it (as a service) for events to arrive.
    public init(store: PostgresStore, logger: Logger, channel: String = "parley_events") {
        self.store = store
        self.logger = logger
        self.channel = channel
        self.local = LocalEventBus()
    }

    public func publish(_ event: SiteEvent) async throws {
        _ = try await store.rows("SELECT pg_notify(\(channel), \(event.wireText))")
    }

    public func events() -> AsyncStream<SiteEvent> {
        local.events()
    }

    /// True while the listening connection is up: for tests, which must not publish before.
    var isListening: Bool { listening.withLock { $0 } }

    /// Listens until cancelled or until the service group shuts down gracefully; a lost
    /// connection is re-made after a pause, so a database restart does not end live updates.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await self.listen()
                } catch {
                    if Task.isCancelled { break }
                    self.logger.warning("event bus: listening on PostgreSQL stopped, retrying in 1 s: \(String(reflecting: error))")
                }
                self.listening.withLock { $0 = false }
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    private func listen() async throws {
        try await store.client.withConnection { connection in
            try await connection.listen(on: channel) { notifications in
                self.listening.withLock { $0 = true }
                for try await notification in notifications {
                    // A payload from another version of Parley that this one cannot read is skipped.
                    if let event = SiteEvent(wireText: notification.payload) {
                        local.deliver(event)
                    }
                }
            }
        }
    }
}
